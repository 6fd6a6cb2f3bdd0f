import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { AuditLog } from '../ports/audit-log.port.ts';
import type { Database } from '../ports/database.port.ts';
import type { EventBus } from '../ports/event-bus.port.ts';
import type { FileCatalog } from '../ports/file-catalog.port.ts';
import type { FileLifecycle } from '../ports/file-lifecycle.port.ts';
import type { HoldStore } from '../ports/hold-store.port.ts';
import type { JobName, JobPayload } from '../ports/job-queue.port.ts';
import type { ProcessingStore } from '../ports/processing-store.port.ts';
import type { SearchIndex } from '../ports/search-index.port.ts';
import type { TenantStore } from '../ports/tenant-store.port.ts';
import { PostgresTenantStore } from '../../adapters/postgres/postgres.tenant-store.ts';
import { PostgresFileCatalog } from '../../adapters/postgres/postgres.file-catalog.ts';
import { PostgresFileLifecycle } from '../../adapters/postgres/postgres.file-lifecycle.ts';
import { PostgresHoldStore } from '../../adapters/postgres/postgres.hold-store.ts';
import { PostgresAuditLog } from '../../adapters/postgres/postgres.audit-log.ts';
import { PostgresProcessingStore } from '../../adapters/postgres/postgres.processing-store.ts';
import { PgBossJobQueue } from '../../adapters/queue/pg-boss.job-queue.ts';
import { InProcessEventBus } from '../../adapters/events/in-process.event-bus.ts';
import { PostgresNotifyEventBus } from '../../adapters/events/postgres-notify.event-bus.ts';
import { JOB_QUEUE_SCHEMA, openDatabase } from './database.ts';
import { openSearchIndex } from './search.ts';

export interface OpenCatalog {
  engine: Database['engine'];
  db: Database;
  tenants: TenantStore;
  files: FileCatalog;
  /** Trash, restore and version restores. */
  lifecycle: FileLifecycle;
  /** Legal holds. */
  holds: HoldStore;
  audit: AuditLog;
  search: SearchIndex;
  /** Version moves with their jobs, audit and events, in one transaction each. */
  processing: ProcessingStore;
  /** The job queue, in the catalog's database so that jobs commit with the moves that cause them. Started. */
  jobs: PgBossJobQueue;
  events: EventBus;
  /** Where jobs go once their tries are used up; set by the pipeline of a node that runs workers. */
  onDeadLetter(handler: (name: JobName, payload: JobPayload, reason: string) => Promise<void>): void;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * The database (a Postgres server when DATABASE_URL is set, else PGlite in the data dir),
 * migrated, with its stores, the job queue and the event bus that share its transactions.
 */
export async function openCatalog(config: Config, logger: Logger, options: { cron?: boolean } = {}): Promise<OpenCatalog> {
  const { db } = await openDatabase(config, logger);

  const settings = config.pipeline;
  let deadLetter: ((name: JobName, payload: JobPayload, reason: string) => Promise<void>) | undefined;
  const jobs = new PgBossJobQueue({
    database: db,
    schema: JOB_QUEUE_SCHEMA,
    // Installed by the owner in openDatabase; the runtime role may not create tables.
    install: false,
    retryLimit: settings.retryLimit,
    retryDelaySeconds: settings.retryDelaySeconds,
    expireInSeconds: settings.jobExpireSeconds,
    // A long recording legitimately transcribes for many minutes; it must not be presumed dead.
    expireInSecondsByQueue: { transcribe: Math.max(settings.jobExpireSeconds, 3600) },
    maintenanceIntervalSeconds: settings.maintenanceSeconds,
    pollingIntervalSeconds: 1,
    onDeadLetter: async (name, payload, reason) => {
      await deadLetter?.(name, payload, reason);
    },
    onError: (error) => logger.warn({ err: error }, 'job queue'),
    // pg-boss's cron clock, on nodes that run the scheduled lifecycle job.
    ...(options.cron ? { cron: {} } : {}),
  });
  await jobs.start();
  const events: EventBus =
    db.engine === 'postgres'
      ? new PostgresNotifyEventBus({ database: db, onError: (error) => logger.warn({ err: error }, 'event bus') })
      : new InProcessEventBus({ onError: (error) => logger.warn({ err: error }, 'event subscriber failed') });

  return {
    engine: db.engine,
    db,
    tenants: new PostgresTenantStore(db),
    files: new PostgresFileCatalog(db, { jobs }),
    lifecycle: new PostgresFileLifecycle(db, { jobs }),
    holds: new PostgresHoldStore(db),
    audit: new PostgresAuditLog(db),
    search: openSearchIndex(config, db),
    processing: new PostgresProcessingStore(db, { jobs, events }),
    jobs,
    events,
    onDeadLetter: (handler) => void (deadLetter = handler),
    ping: () => db.query('select 1').then(() => true, () => false),
    async close() {
      await jobs.stop(0);
      await events.close?.();
      await db.close();
    },
  };
}
