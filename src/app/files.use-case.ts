import { visibilityFilterFor } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import type { FileDetail } from '../domain/file.ts';
import type { Principal } from '../domain/principal.ts';
import type { FileCatalog } from '../ports/file-catalog.port.ts';

/** What reading files needs. */
export interface FileDeps {
  catalog: FileCatalog;
}

/**
 * One file as this principal may see it; invisible and absent look the same. Its id comes through
 * an input gate. A file in the trash is absent unless `includeTrashed` (the owner's HTTP API).
 */
export async function getFile(deps: FileDeps, principal: Principal, fileId: string, options: { includeTrashed?: boolean } = {}): Promise<FileDetail> {
  const detail = await deps.catalog.getFile(visibilityFilterFor(principal), fileId.toLowerCase(), options);
  if (!detail) throw new DomainError('file_not_found');
  return detail;
}

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

/** A page of the tenant's files visible to this principal; `limit` (1 to MAX_PAGE_SIZE) and `cursor` come through the input gate. */
export async function listFiles(deps: FileDeps, principal: Principal, page: { limit?: number; cursor?: string; trashed?: boolean }): Promise<{ files: FileDetail[]; nextCursor: string | null }> {
  return deps.catalog.listFiles(principal.tenantId, {
    visibility: visibilityFilterFor(principal),
    limit: page.limit ?? DEFAULT_PAGE_SIZE,
    ...(page.cursor ? { cursor: page.cursor } : {}),
    ...(page.trashed ? { trashed: true } : {}),
  });
}
