/**
 * The processing pipeline assembled from real adapters on one test database, as the composition
 * root assembles it (job queue in the same database, stores linked to it, an event bus), with
 * the scanner, blob store and extractor the test chooses. `record` stores bytes and records a
 * version with its first job, as intake does.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pino } from 'pino';
import { InProcessEventBus } from '../../adapters/events/in-process.event-bus.ts';
import { PostgresNotifyEventBus } from '../../adapters/events/postgres-notify.event-bus.ts';
import { PostgresAuditLog } from '../../adapters/postgres/postgres.audit-log.ts';
import { PostgresFileCatalog } from '../../adapters/postgres/postgres.file-catalog.ts';
import { PostgresProcessingStore } from '../../adapters/postgres/postgres.processing-store.ts';
import { PostgresTenantStore } from '../../adapters/postgres/postgres.tenant-store.ts';
import { PgBossJobQueue, type PgBossJobQueueOptions } from '../../adapters/queue/pg-boss.job-queue.ts';
import { PostgresSearchIndex } from '../../adapters/search/postgres.search-index.ts';
import type { Database } from '../../src/ports/database.port.ts';
import type { BusEvent, EventBus } from '../../src/ports/event-bus.port.ts';
import { blobKeyFor, type BlobStore } from '../../src/ports/blob-store.port.ts';
import type { Extractor } from '../../src/ports/extractor.port.ts';
import type { Scanner } from '../../src/ports/scanner.port.ts';
import type { PipelineDeps, ScanPolicy } from '../../src/pipeline/pipeline-deps.ts';
import { FIRST_JOB, failVersion, registerPipelineWorkers } from '../../src/pipeline/pipeline.ts';
import type { FileKind, VersionStatus } from '../../src/domain/file.ts';

export interface PipelineHarness {
  deps: PipelineDeps;
  queue: PgBossJobQueue;
  /** pg-boss's schema, to read its job table. */
  queueSchema: string;
  events: EventBus;
  files: PostgresFileCatalog;
  audit: PostgresAuditLog;
  /** A new tenant; its events are collected from now on. */
  newTenant(slug?: string): Promise<string>;
  /** Events published for a tenant so far (NOTIFY delivers asynchronously: see `settledEventsOf`). */
  eventsOf(tenantId: string): BusEvent[];
  /** Every event published for the tenant before this call, once delivered (a marker published now arrives after them). */
  settledEventsOf(tenantId: string): Promise<BusEvent[]>;
  /** Store `content` as a new file of the tenant, with its first job queued in the same transaction. */
  record(tenantId: string, name: string, content: Buffer | string, kind?: FileKind): Promise<{ fileId: string; versionId: string }>;
  /** Poll until the version is in one of `states`; resolves to the status seen last. */
  waitFor(tenantId: string, versionId: string, states: readonly VersionStatus[], timeoutMs?: number): Promise<VersionStatus>;
  /** Start the workers (not done by `openPipelineHarness`, so tests can send first). */
  work(): Promise<void>;
  close(): Promise<void>;
}

const MIME: Record<string, { mime: string; extension: string; kind: FileKind }> = {
  txt: { mime: 'text/plain', extension: 'txt', kind: 'text' },
  png: { mime: 'image/png', extension: 'png', kind: 'image' },
};

export async function openPipelineHarness(options: {
  db: Database;
  /** Used for the harness's own setup and polling (tenants, waitFor); default `db`. A fault-injecting `db` needs a clean one here. */
  observer?: Database;
  blobs: BlobStore;
  scanner: Scanner | null;
  extractor: Extractor;
  scanPolicy?: ScanPolicy;
  queue?: Partial<PgBossJobQueueOptions>;
}): Promise<PipelineHarness> {
  const { db } = options;
  const queueSchema = `pgboss_${randomBytes(4).toString('hex')}`;
  let deps: PipelineDeps | null = null;
  const queue = new PgBossJobQueue({
    database: db,
    schema: queueSchema,
    retryLimit: 5,
    retryDelaySeconds: 1,
    pollingIntervalSeconds: 0.5,
    maintenanceIntervalSeconds: 1,
    onDeadLetter: async (name, payload, reason) => {
      if (deps) await failVersion(deps, name, payload, reason);
    },
    onError: () => undefined,
    ...options.queue,
  });
  await queue.start();
  const events: EventBus = db.engine === 'postgres' && db.listen ? new PostgresNotifyEventBus({ database: db, channel: queueSchema, onError: () => undefined }) : new InProcessEventBus();
  const files = new PostgresFileCatalog(db, { jobs: queue });
  const audit = new PostgresAuditLog(db);
  deps = {
    store: new PostgresProcessingStore(db, { jobs: queue, events }),
    blobs: options.blobs,
    scanner: options.scanner,
    scanPolicy: options.scanPolicy ?? 'required',
    extractor: options.extractor,
    transcriber: null,
    search: new PostgresSearchIndex(db),
    queue,
    logger: pino({ level: 'silent' }),
    maxTextBytes: 64 * 1024,
  };
  const ready = deps;
  const observer = options.observer ? new PostgresProcessingStore(options.observer, { jobs: queue, events }) : ready.store;
  const collected = new Map<string, BusEvent[]>();
  return {
    deps: ready,
    queue,
    queueSchema,
    events,
    files,
    audit,
    async newTenant(slug = `t-${randomBytes(4).toString('hex')}`) {
      const tenant = await new PostgresTenantStore(options.observer ?? db).createTenant({ slug, name: slug, locale: 'en', apiKeyId: randomUUID(), apiKeyHash: randomBytes(32).toString('hex') });
      collected.set(tenant.id, []);
      await events.subscribe(tenant.id, (event) => collected.get(tenant.id)?.push(event));
      return tenant.id;
    },
    eventsOf: (tenantId) => (collected.get(tenantId) ?? []).filter((e) => e.type !== 'test.marker'),
    async settledEventsOf(tenantId) {
      const id = randomUUID();
      await events.publish({ type: 'test.marker', tenantId, data: { id } });
      const deadline = Date.now() + 5_000;
      while (!collected.get(tenantId)?.some((e) => e.data.id === id)) {
        if (Date.now() > deadline) throw new Error('the event bus did not deliver a marker within 5 s');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return (collected.get(tenantId) ?? []).filter((e) => e.type !== 'test.marker');
    },
    async record(tenantId, name, content, kind) {
      const type = MIME[name.split('.').pop() ?? ''] ?? MIME.txt!;
      const bytes = Buffer.from(content);
      const blobId = randomUUID();
      const storageKey = blobKeyFor(tenantId, blobId);
      await options.blobs.put(storageKey, Readable.from([bytes]));
      const { file, version } = await files.recordIntake({
        tenantId,
        name,
        customerId: null,
        visibility: 'internal',
        blob: { id: blobId, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, storageKey },
        mimeType: type.mime,
        extension: type.extension,
        kind: kind ?? type.kind,
        firstJob: FIRST_JOB,
      });
      return { fileId: file.id, versionId: version.id };
    },
    async waitFor(tenantId, versionId, states, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      let status: VersionStatus | 'missing' = 'missing';
      while (Date.now() < deadline) {
        status = (await observer.loadVersion(tenantId, versionId))?.version.status ?? 'missing';
        if (status !== 'missing' && states.includes(status)) return status;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`version ${versionId} still ${status} after ${timeoutMs} ms (waiting for ${states.join(' or ')})`);
    },
    work: () => registerPipelineWorkers(ready, { scan: 1, extract: 1, transcribe: 1, index: 1 }),
    async close() {
      await queue.stop(1000);
      await events.close?.();
    },
  };
}
