import type { Readable } from 'node:stream';
import { DomainError } from '../domain/errors.ts';
import type { BlobHead, BlobStore, VerifiedDownload } from '../ports/blob-store.port.ts';

export interface DownloadDeps {
  blobs: BlobStore;
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
  const head = await deps.blobs.head(link.key);
  if (!head) throw new DomainError('not_found');
  return { link, head, body: () => deps.blobs.get(link.key) };
}
