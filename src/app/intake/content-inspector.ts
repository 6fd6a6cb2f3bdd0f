import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { DomainError } from '../../domain/errors.ts';
import { EXECUTABLE_MIMES, type AcceptedType } from '../../domain/file-types.ts';
import type { ContentSniffer } from '../../ports/content-sniffer.port.ts';
import { byteOrderMarkLength, looksLikeText } from './text-heuristics.ts';

/**
 * Pass-through stream that, while bytes flow to storage, computes sha256 and
 * size, enforces the size limit, and checks the content against the type the
 * name claims. Nothing is passed on until the whole sniffing window (or the
 * whole body, when shorter) has arrived, and the decision looks at exactly that
 * window, so it is the same however the client chunks the body. Any violation
 * errors the stream, which aborts the write.
 */
export class ContentInspector extends Transform {
  private readonly hash = createHash('sha256');
  private head: Buffer[] = [];
  private headLength = 0;
  private checked = false;
  size = 0;

  constructor(
    private readonly expected: AcceptedType,
    private readonly maxBytes: number,
    private readonly sniffer: ContentSniffer,
    /** A second bound, below maxBytes: what the tenant's quota leaves (refused with its own error). */
    private readonly budget: { bytes: number; refuse: () => DomainError } | null = null,
  ) {
    super();
  }

  get sha256(): string {
    return this.hash.copy().digest('hex');
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      done(new DomainError('payload_too_large', undefined, { details: { max_bytes: this.maxBytes } }));
      return;
    }
    if (this.budget && this.size > this.budget.bytes) {
      done(this.budget.refuse());
      return;
    }
    this.hash.update(chunk);
    if (this.checked) {
      done(null, chunk);
      return;
    }
    this.head.push(chunk);
    this.headLength += chunk.length;
    if (this.headLength < this.sniffer.windowBytes) {
      done();
      return;
    }
    this.releaseHead(done);
  }

  override _flush(done: TransformCallback): void {
    if (this.checked) {
      done();
      return;
    }
    if (this.size === 0) {
      done(new DomainError('empty_upload'));
      return;
    }
    this.releaseHead(done);
  }

  /** Judge the window, then pass on everything held back (which may run past the window). */
  private releaseHead(done: TransformCallback): void {
    const held = Buffer.concat(this.head);
    this.head = [];
    checkContent(this.expected, held.subarray(0, this.sniffer.windowBytes), this.sniffer).then(
      () => {
        this.checked = true;
        done(null, held);
      },
      (error: unknown) => done(error as Error),
    );
  }
}

async function checkContent(expected: AcceptedType, window: Buffer, sniffer: ContentSniffer): Promise<void> {
  const sniffed = await sniffer.sniff(window);
  if (sniffed && EXECUTABLE_MIMES.has(sniffed.mime)) {
    throw new DomainError('type_mismatch', 'The file is a program, not the kind of file its name says.');
  }
  if (expected.sniffed === 'text') {
    // A byte-order mark is not magic: FF FE would pass for an MPEG frame. Judge what follows it.
    const bom = byteOrderMarkLength(window);
    const format = bom === 0 ? sniffed : await sniffer.sniff(window.subarray(bom));
    if (format && !format.mime.startsWith('text/') && format.mime !== 'application/xml') {
      throw new DomainError('type_mismatch', `The content is ${format.ext.toUpperCase()}, not text.`);
    }
    const verdict = looksLikeText(window);
    if (verdict === 'script') throw new DomainError('type_mismatch', 'The content is a script, not text.');
    if (verdict === 'binary') throw new DomainError('type_mismatch', 'The content is binary, not text.');
    return;
  }
  if (!sniffed || !expected.sniffed.includes(sniffed.mime)) {
    throw new DomainError('type_mismatch', undefined, { details: { sniffed: sniffed?.mime ?? 'unknown' } });
  }
}
