import { visibilityFilterFor } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import type { FileDetail } from '../domain/file.ts';
import type { Principal } from '../domain/principal.ts';
import type { FileCatalog } from '../ports/file-catalog.port.ts';

/** One file as this principal may see it; invisible and absent look the same. */
export async function getFile(deps: { catalog: FileCatalog }, principal: Principal, fileId: string): Promise<FileDetail> {
  if (!/^[0-9a-f-]{36}$/i.test(fileId)) throw new DomainError('file_not_found');
  const detail = await deps.catalog.getFile(visibilityFilterFor(principal), fileId.toLowerCase());
  if (!detail) throw new DomainError('file_not_found');
  return detail;
}

export const MAX_PAGE_SIZE = 200;

/** A page of the tenant's files visible to this principal. */
export async function listFiles(
  deps: { catalog: FileCatalog },
  principal: Principal,
  page: { limit?: number | null; cursor?: string | null },
): Promise<{ files: FileDetail[]; nextCursor: string | null }> {
  const limit = page.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new DomainError('validation_failed', `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}.`);
  }
  if (page.cursor != null && !/^[A-Za-z0-9_-]{1,200}$/.test(page.cursor)) throw new DomainError('validation_failed', 'cursor is not valid.');
  return deps.catalog.listFiles(principal.tenantId, {
    visibility: visibilityFilterFor(principal),
    limit,
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
}
