import { MAX_TAGS, normalizeTags } from '../domain/category.ts';
import { DomainError } from '../domain/errors.ts';
import type { FileDetail } from '../domain/file.ts';
import type { Principal } from '../domain/principal.ts';
import type { FileCatalog } from '../ports/file-catalog.port.ts';
import type { FileLabels } from '../ports/file-labels.port.ts';
import type { ProcessingStore } from '../ports/processing-store.port.ts';
import type { SearchIndex } from '../ports/search-index.port.ts';
import { auditEventOf, type RequestContext } from './audit.ts';
import { indexFileVersion } from './index-file.ts';

/** What tagging needs: the labels, the file, and the index to bring up to date. */
export interface TagDeps {
  labels: FileLabels;
  catalog: FileCatalog;
  texts: Pick<ProcessingStore, 'extractedText'>;
  search: SearchIndex;
}

/** Versions that are in the search index. */
const INDEXED = new Set(['ready', 'unscanned']);

/**
 * Replace a file's tags (`PUT /v1/files/<id>/tags`), audited as `file.tags`; the index entry of
 * its current version follows at once, so `find` filters by the new tags.
 */
export async function setFileTags(deps: TagDeps, principal: Principal, ctx: RequestContext, fileId: string, input: { tags: string[] }): Promise<FileDetail> {
  if (principal.kind !== 'api_key') throw new DomainError('forbidden', 'Tags are set with a tenant API key.');
  const { tags, invalid } = normalizeTags(input.tags);
  if (invalid.length > 0) {
    throw new DomainError('validation_failed', 'A tag is 1 to 50 letters, digits, spaces, dots, hyphens or underscores, starting with a letter or digit.', { details: { tags: `not allowed: ${invalid.slice(0, 3).join(', ')}` } });
  }
  if (tags.length > MAX_TAGS) throw new DomainError('validation_failed', `A file has at most ${MAX_TAGS} tags.`, { details: { tags: `at most ${MAX_TAGS}` } });
  const id = fileId.toLowerCase();
  const file = await deps.labels.setTags(principal.tenantId, id, tags, auditEventOf(principal, ctx, 'file.tags', 'ok', id, { tags }));
  if (!file) throw new DomainError('file_not_found');
  const detail = await deps.catalog.getFile({ tenantId: principal.tenantId, customerScope: null }, id);
  if (!detail) throw new DomainError('file_not_found');
  if (INDEXED.has(detail.current.status)) {
    await indexFileVersion(deps.search, detail.file, detail.current, await deps.texts.extractedText(principal.tenantId, detail.current.id));
  }
  return detail;
}
