import type { BlobReferences } from '../ports/blob-references.port.ts';
import type { BlobStore } from '../ports/blob-store.port.ts';

/** What a sweep removed, by kind (the `kind` label of the removal metric). */
export interface SweepResult {
  /** Partial writes a crash left behind (local `.incoming` files, content-type files without their blob). */
  incomplete: number;
  /** Complete blobs that no blob record points at (written, then the process died before the commit). */
  unreferenced: number;
  /** Blobs looked at and kept, because a record points at them or they are too recent. */
  kept: number;
}

export interface SweepDeps {
  blobs: BlobStore;
  references: BlobReferences;
  now?: () => Date;
}

/** Only `tenants/<tenant uuid>/blobs/<id>`, the one layout `blobKeyFor` makes: anything else is not ours to delete. */
const BLOB_KEY = /^tenants\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/blobs\/[0-9a-zA-Z-]{8,64}$/;
const BATCH = 500;

/**
 * Remove what crashes left in blob storage: partial writes, and blobs that no record points at,
 * both only when older than `safetyMarginMs`, so an upload still being written or a blob whose
 * record is about to commit is never touched. Uses the store's declared capabilities: a store
 * that cannot list (or clean up partial writes) is simply not swept for that kind.
 */
export async function sweepBlobLeftovers(deps: SweepDeps, options: { safetyMarginMs: number }): Promise<SweepResult> {
  const cutoff = new Date((deps.now?.() ?? new Date()).getTime() - options.safetyMarginMs);
  const result: SweepResult = { incomplete: 0, unreferenced: 0, kept: 0 };
  if (deps.blobs.capabilities.incompleteCleanup && deps.blobs.removeIncomplete) result.incomplete = await deps.blobs.removeIncomplete(cutoff);
  if (!deps.blobs.capabilities.listing || !deps.blobs.list) return result;

  const pending = new Map<string, string[]>();
  const flush = async (tenantId: string) => {
    const keys = pending.get(tenantId) ?? [];
    pending.delete(tenantId);
    if (keys.length === 0) return;
    const referenced = await deps.references.referenced(tenantId, keys);
    for (const key of keys) {
      if (referenced.has(key)) {
        result.kept++;
      } else {
        await deps.blobs.delete(key);
        result.unreferenced++;
      }
    }
  };
  for await (const object of deps.blobs.list('tenants/')) {
    const tenantId = BLOB_KEY.exec(object.key)?.[1];
    if (!tenantId) continue;
    if (object.modifiedAt > cutoff) {
      result.kept++;
      continue;
    }
    const keys = pending.get(tenantId) ?? [];
    keys.push(object.key);
    pending.set(tenantId, keys);
    if (keys.length >= BATCH) await flush(tenantId);
  }
  for (const tenantId of [...pending.keys()]) await flush(tenantId);
  return result;
}
