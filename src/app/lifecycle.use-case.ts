import { actorOf, roleOf, type Principal } from '../domain/principal.ts';
import type { BlobStore } from '../ports/blob-store.port.ts';
import type { PurgeStore } from '../ports/purge-store.port.ts';
import type { SearchIndex } from '../ports/search-index.port.ts';
import type { RequestContext } from './audit.ts';

/** The part of a pino logger the job uses. */
export interface LifecycleLogger {
  info(fields: object, message: string): void;
  debug(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface LifecycleDeps {
  store: PurgeStore;
  blobs: BlobStore;
  /**
   * Set when the search index lives outside the catalog's database (Meilisearch): purged files
   * are removed from it too. The Postgres index loses them with the rows (foreign keys).
   */
  externalSearch?: SearchIndex;
  logger: LifecycleLogger;
  /** Files per purge transaction. */
  batchSize: number;
  /** Blob deletions in flight at once (S3 round trips). */
  deleteConcurrency?: number;
  /** Told what each run did (metrics). Must not throw. */
  onResult?: (result: LifecycleResult) => void;
}

/** What one run did. */
export interface LifecycleResult {
  tenants: number;
  /** Files moved to the trash by retention maximums. */
  expired: number;
  purgedFiles: number;
  purgedVersions: number;
  /** Bytes of the purged versions (what storage shrank by, less content still shared). */
  purgedBytes: number;
  /** Blob objects deleted from storage (including ones an interrupted run had queued). */
  deletedBlobs: number;
}

/**
 * The scheduled lifecycle job, for every tenant with work: retention maximums move files to the
 * trash; trashed files past their period are purged in batches (one transaction each, holds
 * re-checked under the row lock); then the bytes of blobs nothing references any more are deleted
 * from storage. Idempotent and resumable: each step commits on its own, a blob's key stays queued
 * until its bytes are gone, and runs in parallel (on several nodes) split the work between them
 * (locked rows are skipped). `onlyTenant` limits a run to one tenant (`voicefiles trash empty`).
 */
export async function runLifecycle(deps: LifecycleDeps, options: { onlyTenant?: string; signal?: AbortSignal } = {}): Promise<LifecycleResult> {
  const result: LifecycleResult = { tenants: 0, expired: 0, purgedFiles: 0, purgedVersions: 0, purgedBytes: 0, deletedBlobs: 0 };
  const tenants = options.onlyTenant ? [options.onlyTenant] : await deps.store.tenantsWithWork(100_000);
  for (const tenantId of tenants) {
    if (options.signal?.aborted) break;
    result.tenants++;
    // Keys an interrupted run queued but did not delete go first.
    result.deletedBlobs += await deleteQueuedBlobs(deps, tenantId);
    for (;;) {
      const expired = await deps.store.trashExpired(tenantId, deps.batchSize);
      for (const fileId of expired) await deps.externalSearch?.remove(tenantId, fileId);
      result.expired += expired.length;
      if (expired.length < deps.batchSize || options.signal?.aborted) break;
    }
    for (;;) {
      if (options.signal?.aborted) break;
      const due = await deps.store.dueFiles(tenantId, deps.batchSize);
      if (due.length === 0) break;
      const batch = await deps.store.purgeFiles(tenantId, due);
      // Every due file locked by another run: leave them to it.
      if (batch.purged.length === 0) break;
      result.purgedFiles += batch.purged.length;
      for (const file of batch.purged) {
        result.purgedVersions += file.versions;
        result.purgedBytes += file.bytes;
        await deps.externalSearch?.remove(tenantId, file.fileId);
      }
      result.deletedBlobs += await deleteBlobs(deps, tenantId, batch.blobKeys);
    }
  }
  const level = result.purgedFiles + result.expired + result.deletedBlobs > 0 ? 'info' : 'debug';
  deps.logger[level]({ ...result }, 'lifecycle run');
  deps.onResult?.(result);
  return result;
}

async function deleteQueuedBlobs(deps: LifecycleDeps, tenantId: string): Promise<number> {
  let deleted = 0;
  for (;;) {
    const keys = await deps.store.pendingBlobKeys(tenantId, 500);
    if (keys.length === 0) return deleted;
    const now = await deleteBlobs(deps, tenantId, keys);
    deleted += now;
    // Storage refusing every one: leave them queued for the next run.
    if (keys.length < 500 || now === 0) return deleted;
  }
}

/** Delete the bytes, then forget the keys; a failure leaves its key queued for the next run. */
async function deleteBlobs(deps: LifecycleDeps, tenantId: string, keys: readonly string[]): Promise<number> {
  const done: string[] = [];
  const queue = [...keys];
  const worker = async () => {
    for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
      try {
        await deps.blobs.delete(key);
        done.push(key);
      } catch (error) {
        deps.logger.warn({ err: error, tenant: tenantId }, 'a purged blob could not be deleted from storage; the next run tries again');
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(deps.deleteConcurrency ?? 8, queue.length) }, worker));
  await deps.store.forgetBlobKeys(tenantId, done);
  return done.length;
}

/**
 * Empty a tenant's trash now (`POST /v1/trash/empty`, `voicefiles trash empty`): everything in it
 * that no hold covers is purged in this request; what holds keep is counted and stays.
 */
export async function emptyTrash(deps: LifecycleDeps, principal: Principal, ctx: RequestContext): Promise<LifecycleResult & { held: number }> {
  const marked = await deps.store.expediteTrash(principal.tenantId, { actor: actorOf(principal), role: roleOf(principal), requestId: ctx.requestId });
  const result = await runLifecycle(deps, { onlyTenant: principal.tenantId });
  return { ...result, held: marked.held };
}
