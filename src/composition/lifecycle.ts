import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import type { Config } from '../config.ts';
import { runLifecycle, type LifecycleDeps } from '../app/lifecycle.use-case.ts';
import type { BlobStore } from '../ports/blob-store.port.ts';
import { PostgresPurgeStore } from '../../adapters/postgres/postgres.purge-store.ts';
import { PostgresSearchIndex } from '../../adapters/search/postgres.search-index.ts';
import type { OpenCatalog } from './catalog.ts';

/**
 * What the lifecycle job and `POST /v1/trash/empty` need; with a registry, what they remove is
 * counted in `voicefiles_lifecycle_removed_total{kind="files"|"versions"|"bytes"|"blobs"|"expired"}`.
 */
export function lifecycleDeps(config: Config, catalog: OpenCatalog, blobs: BlobStore, logger: Logger, registry?: Registry): LifecycleDeps {
  const removed = registry
    ? new Counter({
        name: 'voicefiles_lifecycle_removed_total',
        help: 'What lifecycle runs removed: purged files, versions and bytes, blobs deleted from storage, files trashed by retention maximums',
        labelNames: ['kind'],
        registers: [registry],
      })
    : null;
  return {
    ...(removed
      ? {
          onResult: (r) => {
            removed.inc({ kind: 'files' }, r.purgedFiles);
            removed.inc({ kind: 'versions' }, r.purgedVersions);
            removed.inc({ kind: 'bytes' }, r.purgedBytes);
            removed.inc({ kind: 'blobs' }, r.deletedBlobs);
            removed.inc({ kind: 'expired' }, r.expired);
          },
        }
      : {}),
    store: new PostgresPurgeStore(catalog.db),
    blobs,
    // The Postgres index loses purged files with their rows (foreign keys); any other is told.
    ...(catalog.search instanceof PostgresSearchIndex ? {} : { externalSearch: catalog.search }),
    logger: logger.child({ component: 'lifecycle' }),
    batchSize: config.lifecycle.purgeBatchSize,
  };
}

/**
 * On a node that works jobs: the lifecycle job on LIFECYCLE_CRON (pg-boss cron; one run per tick
 * across all nodes), and one run at start, which also finishes whatever a run that died left.
 */
export async function scheduleLifecycle(config: Config, catalog: OpenCatalog, deps: LifecycleDeps): Promise<void> {
  await catalog.jobs.schedule('lifecycle', config.lifecycle.cron, async () => {
    try {
      await runLifecycle(deps);
      return { status: 'done' };
    } catch (error) {
      deps.logger.warn({ err: error }, 'the lifecycle run failed; the next one carries on');
      return { status: 'failed', reason: error instanceof Error ? error.message : String(error), retry: false };
    }
  });
  await catalog.jobs.runNow('lifecycle');
}
