import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import { DomainError } from '../../domain/errors.ts';
import { EXECUTABLE_MIMES, type AcceptedType } from '../../domain/file-types.ts';

/** Bytes looked at to decide what the content really is. */
const SNIFF_BYTES = 4100;

/**
 * Pass-through stream that, while bytes flow to storage, computes sha256 and
 * size, enforces the size limit, and checks the first bytes against the type
 * the name claims. Any violation errors the stream, which aborts the write.
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
    this.hash.update(chunk);
    if (this.checked) {
      done(null, chunk);
      return;
    }
    this.head.push(chunk);
    this.headLength += chunk.length;
    if (this.headLength < SNIFF_BYTES) {
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

  private releaseHead(done: TransformCallback): void {
    const head = Buffer.concat(this.head);
    this.head = [];
    checkContent(this.expected, head).then(
      () => {
        this.checked = true;
        done(null, head);
      },
      (error: unknown) => done(error as Error),
    );
  }
}

async function checkContent(expected: AcceptedType, head: Buffer): Promise<void> {
  const sniffed = await fileTypeFromBuffer(head.subarray(0, SNIFF_BYTES));
  if (sniffed && EXECUTABLE_MIMES.has(sniffed.mime)) {
    throw new DomainError('type_mismatch', 'The file is a program, not the kind of file its name says.');
  }
  if (expected.sniffed === 'text') {
    if (sniffed && !sniffed.mime.startsWith('text/') && sniffed.mime !== 'application/xml') {
      throw new DomainError('type_mismatch', `The content is ${sniffed.ext.toUpperCase()}, not text.`);
    }
    if (!looksLikeText(head)) throw new DomainError('type_mismatch', 'The content is binary, not text.');
    return;
  }
  if (!sniffed || !expected.sniffed.includes(sniffed.mime)) {
    throw new DomainError('type_mismatch', undefined, { details: { sniffed: sniffed?.mime ?? 'unknown' } });
  }
}

/** Text has no NUL bytes (UTF-16 with a BOM aside), few control characters, and is not a script. */
function looksLikeText(head: Buffer): boolean {
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) return true;
  if (head.subarray(0, 2).toString('latin1') === '#!') return false;
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return false;
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1b)) control++;
  }
  return control <= head.length / 100;
}
