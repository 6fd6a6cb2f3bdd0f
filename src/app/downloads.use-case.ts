import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { DomainError } from '../domain/errors.ts';
import type { BlobServability } from '../ports/blob-servability.port.ts';
import type { BlobHead, BlobStore, VerifiedDownload } from '../ports/blob-store.port.ts';

export interface DownloadDeps {
  blobs: BlobStore;
  /** The last check before bytes go out: nothing quarantined, rejected or unscanned under `required` (issue 9). */
  servability?: BlobServability;
  /** Scan policy optional: `unscanned` versions may be served (they say so). */
  unscannedAllowed?: boolean;
}

/** Whether this store's download links are served by our own HTTP server (local disk) rather than by the store (S3). */
export function servesOwnDownloads(deps: DownloadDeps): boolean {
  return typeof deps.blobs.verifyPresignedDownload === 'function';
}

/**
 * Open a self-served download link: its signature is the only credential. Rejects
 * `link_invalid` / `link_expired`, or `not_found` when the blob is gone.
 */
export async function openDownload(deps: DownloadDeps, params: URLSearchParams): Promise<{ link: VerifiedDownload; head: BlobHead; body: () => Promise<Readable> }> {
  if (!deps.blobs.verifyPresignedDownload) throw new DomainError('not_found');
  const link = await deps.blobs.verifyPresignedDownload(params);
  // A valid signature is not enough: the content may have been found infected since the link was minted.
  if (deps.servability && !(await deps.servability.servable(link.key, { unscannedAllowed: deps.unscannedAllowed ?? false }))) throw new DomainError('not_found');
  const head = await deps.blobs.head(link.key);
  if (!head) throw new DomainError('not_found');
  return { link, head, body: () => deps.blobs.get(link.key) };
}

/**
 * Take the bytes of a self-served upload link (local disk): its signature is the only
 * credential, and it binds the key, the content type and the size, which is enforced while
 * streaming (a body past it is cut off and nothing is stored).
 */
export async function storeSignedUpload(
  deps: DownloadDeps,
  params: URLSearchParams,
  request: { contentType: string | undefined; declaredLength: number | null; body: Readable; signal: AbortSignal },
): Promise<{ size: number }> {
  if (!deps.blobs.verifyPresignedUpload) throw new DomainError('not_found');
  const link = await deps.blobs.verifyPresignedUpload(params);
  if ((request.contentType ?? '').split(';', 1)[0]!.trim().toLowerCase() !== link.contentType) {
    throw new DomainError('link_invalid', 'The upload must be sent with the content type it was signed for.');
  }
  if (request.declaredLength !== null && request.declaredLength > link.maxBytes) throw new DomainError('payload_too_large', undefined, { details: { max_bytes: link.maxBytes } });
  const limited = request.body.pipe(new ByteLimit(link.maxBytes));
  request.body.on('error', (error) => limited.destroy(error));
  // The store may attach to the stream only after opening its target; the failure reaches us through put().
  limited.on('error', () => undefined);
  return deps.blobs.put(link.key, limited, { contentType: link.contentType, signal: request.signal });
}

class ByteLimit extends Transform {
  private seen = 0;
  constructor(private readonly max: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.max) done(new DomainError('payload_too_large', undefined, { details: { max_bytes: this.max } }));
    else done(null, chunk);
  }
}
