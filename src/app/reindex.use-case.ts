import { DomainError } from '../domain/errors.ts';
import type { Locale } from '../domain/tenant.ts';
import type { FileCatalog } from '../ports/file-catalog.port.ts';
import type { ProcessingStore } from '../ports/processing-store.port.ts';
import type { QuotaStore } from '../ports/quota-store.port.ts';
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

/**
 * How far a rebuild got in a tenant: live files looked at so far, how many of them were indexed,
 * and whether that was the tenant's last page.
 */
export type ReindexProgress = (progress: { tenant: string; seen: number; indexed: number; finished: boolean }) => void;

const PAGE = 200;
/**
 * Files of a page indexed at the same time: each is a read and a short transaction, so a
 * database server with a pool overlaps them; an embedded database simply runs them in turn.
 */
const CONCURRENCY = 4;
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
  let seen = 0;
  let indexed = 0;
  do {
    const page = await deps.catalog.listFiles(tenant.id, { visibility: { tenantId: tenant.id, customerScope: null }, limit: PAGE, ...(cursor ? { cursor } : {}) });
    const wanted = page.files.filter((detail) => INDEXED_STATES.has(detail.current.status));
    let next = 0;
    const worker = async () => {
      while (next < wanted.length) {
        const detail = wanted[next++]!;
        const text = await deps.texts.extractedText(tenant.id, detail.current.id);
        await indexFileVersion(deps.search, detail.file, detail.current, text, { locale: tenant.locale });
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, wanted.length) }, worker));
    seen += page.files.length;
    indexed += wanted.length;
    cursor = page.nextCursor ?? undefined;
    onProgress?.({ tenant: tenant.slug, seen, indexed, finished: cursor === undefined });
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
  /** Live files per tenant, so progress can say "of how many"; without it the total is unknown. */
  quotas?: Pick<QuotaStore, 'usage'>;
}

/** The tenants a rebuild will go through, each with its live files (null: unknown). */
export interface ReindexPlan {
  tenants: Array<ReindexTenant & { total: number | null }>;
  /** Every tenant: the index is marked rebuilt at the end. */
  all: boolean;
}

/**
 * Which tenants to rebuild: one (by slug) or, without one, every tenant, with their file
 * counts. An unknown slug is `tenant_not_found`, found before any work starts (and before a
 * streamed answer has begun).
 */
export async function planReindex(deps: ReindexRequestDeps, slug?: string): Promise<ReindexPlan> {
  const tenants = slug === undefined ? await deps.tenants.listTenants() : [await deps.tenants.getTenantBySlug(slug)];
  const planned: ReindexPlan['tenants'] = [];
  for (const tenant of tenants) {
    if (!tenant) throw new DomainError('tenant_not_found');
    const total = deps.quotas ? (await deps.quotas.usage(tenant.id)).files : null;
    planned.push({ ...tenant, total });
  }
  return { tenants: planned, all: slug === undefined };
}

/** Rebuild the planned tenants in turn; resolves to the files indexed per tenant. */
export async function runReindex(deps: ReindexDeps, plan: ReindexPlan, onProgress?: ReindexProgress): Promise<Array<{ slug: string; indexed: number }>> {
  const done: Array<{ slug: string; indexed: number }> = [];
  for (const tenant of plan.tenants) done.push({ slug: tenant.slug, indexed: await reindexTenant(deps, tenant, onProgress ? { onProgress } : {}) });
  if (plan.all) await deps.search.markRebuilt?.();
  return done;
}

/**
 * Rebuild one tenant (by slug) or, without one, every tenant; resolves to the files indexed
 * per tenant. An unknown slug is `tenant_not_found`.
 */
export async function reindex(deps: ReindexRequestDeps, slug?: string, onProgress?: ReindexProgress): Promise<Array<{ slug: string; indexed: number }>> {
  return runReindex(deps, await planReindex(deps, slug), onProgress);
}
