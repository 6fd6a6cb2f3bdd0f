import { DomainError } from '../domain/errors.ts';
import type { Locale } from '../domain/tenant.ts';
import type { FileCatalog } from '../ports/file-catalog.port.ts';
import type { ProcessingStore } from '../ports/processing-store.port.ts';
import type { SearchIndex } from '../ports/search-index.port.ts';
import { indexFileVersion } from './index-file.ts';

export interface ReindexDeps {
  search: SearchIndex;
  catalog: Pick<FileCatalog, 'listFiles'>;
  texts: Pick<ProcessingStore, 'extractedText'>;
}

/** A tenant to rebuild. */
export interface ReindexTenant {
  id: string;
  slug: string;
  locale: Locale;
}

/** How far a rebuild got: files indexed so far in the tenant. */
export type ReindexProgress = (progress: { tenant: string; indexed: number }) => void;

const PAGE = 200;
/** Versions in these states belong in the index (the index job put them there). */
const INDEXED_STATES = new Set(['ready', 'unscanned']);

/**
 * Rebuild one tenant's search documents from the catalog: clear them (when the index can),
 * then index the current version of every live, ready file with its extracted text, page by
 * page. Idempotent; writes carry the version, so a concurrent index job is never undone.
 * Resolves to the number of files indexed.
 */
export async function reindexTenant(
  deps: ReindexDeps,
  tenant: ReindexTenant,
  options: { clear?: boolean; onProgress?: ReindexProgress } = {},
): Promise<number> {
  const { onProgress } = options;
  if (options.clear !== false) await deps.search.clear?.(tenant.id);
  let cursor: string | undefined;
  let indexed = 0;
  do {
    const page = await deps.catalog.listFiles(tenant.id, { visibility: { tenantId: tenant.id, customerScope: null }, limit: PAGE, ...(cursor ? { cursor } : {}) });
    for (const detail of page.files) {
      if (!INDEXED_STATES.has(detail.current.status)) continue;
      const text = await deps.texts.extractedText(tenant.id, detail.current.id);
      await indexFileVersion(deps.search, detail.file, detail.current, text, { locale: tenant.locale });
      indexed += 1;
    }
    onProgress?.({ tenant: tenant.slug, indexed });
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return indexed;
}

/**
 * At start: when the index says it needs a rebuild (created empty by a migration, or of an
 * older format), rebuild every tenant, then record that it was done. Nothing is cleared first
 * (the migration left the index empty, and writes replace), so two nodes starting together
 * only repeat each other's work. Resolves to the files
 * indexed, or null when nothing was needed (or the index cannot tell).
 */
export async function rebuildIfNeeded(
  deps: ReindexDeps & { tenants: () => Promise<ReindexTenant[]> },
  onProgress?: ReindexProgress,
): Promise<number | null> {
  if (!deps.search.needsRebuild || !(await deps.search.needsRebuild())) return null;
  let total = 0;
  for (const tenant of await deps.tenants()) total += await reindexTenant(deps, tenant, { clear: false, ...(onProgress ? { onProgress } : {}) });
  await deps.search.markRebuilt?.();
  return total;
}

/** What `POST /v1/reindex` needs: the rebuild's ports and the tenants. */
export interface ReindexRequestDeps extends ReindexDeps {
  tenants: { listTenants(): Promise<ReindexTenant[]>; getTenantBySlug(slug: string): Promise<ReindexTenant | null> };
}

/**
 * Rebuild one tenant (by slug) or, without one, every tenant; resolves to the files indexed
 * per tenant. An unknown slug is `tenant_not_found`.
 */
export async function reindex(deps: ReindexRequestDeps, slug?: string): Promise<Array<{ slug: string; indexed: number }>> {
  const tenants = slug === undefined ? await deps.tenants.listTenants() : [await deps.tenants.getTenantBySlug(slug)];
  const done: Array<{ slug: string; indexed: number }> = [];
  for (const tenant of tenants) {
    if (!tenant) throw new DomainError('tenant_not_found');
    done.push({ slug: tenant.slug, indexed: await reindexTenant(deps, tenant) });
  }
  if (slug === undefined) await deps.search.markRebuilt?.();
  return done;
}
