import { randomBytes, createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalBlobStore } from '../../../adapters/storage/local.blob-store.ts';
import { PostgresTenantStore } from '../../../adapters/postgres/postgres.tenant-store.ts';
import { PostgresFileCatalog } from '../../../adapters/postgres/postgres.file-catalog.ts';
import { PostgresAuditLog } from '../../../adapters/postgres/postgres.audit-log.ts';
import { PostgresProcessingStore } from '../../../adapters/postgres/postgres.processing-store.ts';
import { PostgresSearchIndex } from '../../../adapters/search/postgres.search-index.ts';
import { ClamavScanner } from '../../../adapters/scan/clamav.scanner.ts';
import { createIsolatedExtractor, type IsolatedExtractor } from '../../../adapters/extract/isolated.extractor.ts';
import { PgBossJobQueue } from '../../../adapters/queue/pg-boss.job-queue.ts';
import { InProcessEventBus } from '../../../adapters/events/in-process.event-bus.ts';
import { blobKeyFor, type BlobStore, type ByteRange } from '../../../src/ports/blob-store.port.ts';
import type { BusEvent } from '../../../src/ports/event-bus.port.ts';
import type { PipelineDeps } from '../../../src/pipeline/pipeline-deps.ts';
import { enqueueStored, failVersion, registerPipelineWorkers } from '../../../src/pipeline/pipeline.ts';
import { startClamd, type TestClamd } from '../../support/clamd.ts';
import { testDatabase, type TestDatabase } from '../../support/db.ts';
import { postgresAvailable } from '../../support/services.ts';

/** A blob store whose reads fail the first `failures` times: S3 throttling, a flaky disk. */
class FlakyBlobStore {
  failuresLeft: number;
  reads = 0;
  constructor(
    private readonly inner: BlobStore,
    failures: number,
  ) {
    this.failuresLeft = failures;
  }
  asBlobStore(): BlobStore {
    return {
      capabilities: this.inner.capabilities,
      put: (key, body, options) => this.inner.put(key, body, options),
      get: async (key: string, range?: ByteRange) => {
        this.reads++;
        if (this.failuresLeft > 0) {
          this.failuresLeft--;
          throw Object.assign(new Error('SlowDown: please reduce your request rate'), { retryable: true });
        }
        return this.inner.get(key, range);
      },
      head: (key) => this.inner.head(key),
      delete: (key) => this.inner.delete(key),
      presignDownload: (key, options) => this.inner.presignDownload(key, options),
    };
  }
}

const onServer = await postgresAvailable();
let clamd: TestClamd;
let database: TestDatabase;
let blobDir: string;
let extractor: IsolatedExtractor;
let queue: PgBossJobQueue;
let passed = true;

beforeAll(async () => {
  clamd = await startClamd();
  database = await testDatabase(import.meta.url, onServer ? 'postgres' : 'pglite');
  blobDir = mkdtempSync(path.join(os.tmpdir(), 'voicefiles-flaky-'));
}, 60_000);

afterAll(async () => {
  await queue?.stop(1000);
  await extractor?.close();
  await database?.cleanup(passed);
  await clamd?.close();
  rmSync(blobDir, { recursive: true, force: true });
});

describe(`pipeline with a blob store that fails transiently (${onServer ? 'PostgreSQL server' : 'PGlite'}, real clamd)`, () => {
  it('retries the job with backoff and the version still becomes ready', async () => {
    const { db } = database;
    const local = new LocalBlobStore({ rootDir: blobDir, publicBaseUrl: () => 'http://127.0.0.1:1', signingKey: randomBytes(32) });
    const flaky = new FlakyBlobStore(local, 2);
    const events: BusEvent[] = [];
    const bus = new InProcessEventBus();
    extractor = createIsolatedExtractor({ timeoutMs: 20_000 });
    let deps: PipelineDeps | null = null;
    queue = new PgBossJobQueue({
      database: db,
      schema: `pgboss_${randomBytes(4).toString('hex')}`,
      retryLimit: 5,
      retryDelaySeconds: 1,
      pollingIntervalSeconds: 0.5,
      onDeadLetter: async (name, payload, reason) => {
        if (deps) await failVersion(deps, name, payload, reason);
      },
    });
    deps = {
      store: new PostgresProcessingStore(db),
      blobs: flaky.asBlobStore(),
      scanner: new ClamavScanner({ url: clamd.url, timeoutMs: 10_000 }),
      scanPolicy: 'required',
      extractor,
      transcriber: null,
      search: new PostgresSearchIndex(db),
      queue,
      events: bus,
      audit: new PostgresAuditLog(db),
      logger: pino({ level: 'silent' }),
      maxTextBytes: 64 * 1024,
    };
    await registerPipelineWorkers(deps, { scan: 1, extract: 1, transcribe: 1, index: 1 });
    await queue.start();

    const tenant = await new PostgresTenantStore(db).createTenant({ slug: 'flaky', name: 'Flaky', locale: 'en', apiKeyId: randomUUID(), apiKeyHash: randomBytes(32).toString('hex') });
    await bus.subscribe(tenant.id, (event) => events.push(event));
    const content = Buffer.from('Minutes of the board meeting about the harbour project.');
    const blobId = randomUUID();
    const storageKey = blobKeyFor(tenant.id, blobId);
    await local.put(storageKey, Readable.from([content]));
    const recorded = await new PostgresFileCatalog(db).recordIntake({
      tenantId: tenant.id,
      name: 'board minutes.txt',
      customerId: null,
      visibility: 'internal',
      blob: { id: blobId, sha256: createHash('sha256').update(content).digest('hex'), size: content.length, storageKey },
      mimeType: 'text/plain',
      extension: 'txt',
      kind: 'text',
    });
    await enqueueStored(deps, { tenantId: tenant.id, versionId: recorded.version.id });

    const deadline = Date.now() + 45_000;
    let status = 'stored';
    while (Date.now() < deadline) {
      status = (await deps.store.loadVersion(tenant.id, recorded.version.id))?.version.status ?? 'missing';
      if (['ready', 'failed', 'rejected', 'infected'].includes(status)) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    passed = status === 'ready';
    expect(status).toBe('ready');
    expect(flaky.failuresLeft).toBe(0);
    expect(flaky.reads).toBeGreaterThanOrEqual(3);
    expect(events.map((e) => e.data.status)).toEqual(['scanning', 'extracting', 'indexing', 'ready']);
    const hits = await deps.search.search({ text: 'harbour project', visibility: { tenantId: tenant.id, customerScope: null }, limit: 3 });
    expect(hits[0]?.fileId).toBe(recorded.file.id);
  }, 60_000);
});
