import { visibilityFilterFor } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import type { Principal } from '../domain/principal.ts';
import type { AccessCounters } from '../ports/access-counters.port.ts';
import type { BlobStore } from '../ports/blob-store.port.ts';
import type { FileCatalog } from '../ports/file-catalog.port.ts';
import type { ProcessingStore } from '../ports/processing-store.port.ts';

/** What handing out a download link needs. */
export interface FileDownloadDeps {
  catalog: FileCatalog;
  versions: Pick<ProcessingStore, 'loadVersion'>;
  blobs: Pick<BlobStore, 'presignDownload'>;
  counters: AccessCounters;
  /** Lifetime of the link in seconds. */
  linkSeconds: number;
}

/** Only these versions may be served: checked (or knowingly unscanned) and indexed. */
const SERVABLE = new Set(['ready', 'unscanned']);

/**
 * A short-lived link to the bytes of a file's current version (`GET /v1/files/<id>/download`),
 * counted as one download of the file. Versions still in processing, infected or refused are
 * never served.
 */
export async function fileDownloadLink(deps: FileDownloadDeps, principal: Principal, fileId: string): Promise<{ url: string; expiresAt: Date; fileName: string }> {
  const detail = await deps.catalog.getFile(visibilityFilterFor(principal), fileId.toLowerCase());
  if (!detail) throw new DomainError('file_not_found');
  const work = await deps.versions.loadVersion(principal.tenantId, detail.current.id);
  if (!work || work.quarantined || !SERVABLE.has(detail.current.status)) {
    throw new DomainError('conflict', `The file cannot be downloaded while its current version is ${detail.current.status}.`);
  }
  const url = await deps.blobs.presignDownload(work.storageKey, { expiresInSeconds: deps.linkSeconds, fileName: detail.file.name, contentType: detail.current.mimeType });
  await deps.counters.recordDownload(principal.tenantId, detail.file.id);
  return { url, expiresAt: new Date(Date.now() + deps.linkSeconds * 1000), fileName: detail.file.name };
}

/** Count a download through a share (for the share and redeem use cases): one more for the file and for the share. */
export async function countShareDownload(deps: { counters: AccessCounters }, tenantId: string, fileId: string, shareId: string): Promise<void> {
  await deps.counters.recordDownload(tenantId, fileId, { shareId });
}
