import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalBlobStore } from '../../../adapters/storage/local.blob-store.ts';
import { ClamavScanner } from '../../../adapters/scan/clamav.scanner.ts';
import { createIsolatedExtractor, type IsolatedExtractor } from '../../../adapters/extract/isolated.extractor.ts';
import type { BlobStore, ByteRange } from '../../../src/ports/blob-store.port.ts';
import { clamdAvailable, startClamd, type TestClamd } from '../../support/clamd.ts';
import { testDatabase, type TestDatabase } from '../../support/db.ts';
import { openPipelineHarness, type PipelineHarness } from '../../support/pipeline-harness.ts';
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
const withClamd = await clamdAvailable();
let clamd: TestClamd;
let database: TestDatabase;
let blobDir: string;
let extractor: IsolatedExtractor;
let harness: PipelineHarness;
let passed = true;

beforeAll(async () => {
  if (!withClamd) return;
  clamd = await startClamd();
  database = await testDatabase(import.meta.url, onServer ? 'postgres' : 'pglite');
  blobDir = mkdtempSync(path.join(os.tmpdir(), 'voicefiles-flaky-'));
}, 60_000);

afterAll(async () => {
  await harness?.close();
  await extractor?.close();
  await database?.cleanup(passed);
  await clamd?.close();
  if (blobDir) rmSync(blobDir, { recursive: true, force: true });
});

const title = `pipeline with a blob store that fails transiently (${onServer ? 'PostgreSQL server' : 'PGlite'}, real clamd)`;
describe.skipIf(!withClamd)(withClamd ? title : `${title} (skipped: clamd is not installed)`, () => {
  it('retries the job with backoff and the version still becomes ready', async () => {
    const local = new LocalBlobStore({ rootDir: blobDir, publicBaseUrl: () => 'http://127.0.0.1:1', signingKey: randomBytes(32) });
    const flaky = new FlakyBlobStore(local, 2);
    extractor = createIsolatedExtractor({ timeoutMs: 20_000 });
    harness = await openPipelineHarness({
      db: database.db,
      blobs: flaky.asBlobStore(),
      scanner: new ClamavScanner({ url: clamd.url, timeoutMs: 10_000 }),
      extractor,
    });
    const tenantId = await harness.newTenant('flaky');
    const recorded = await harness.record(tenantId, 'board minutes.txt', 'Minutes of the board meeting about the harbour project.');
    await harness.work();

    const status = await harness.waitFor(tenantId, recorded.versionId, ['ready', 'failed', 'rejected', 'infected'], 45_000);
    passed = status === 'ready';
    expect(status).toBe('ready');
    expect(flaky.failuresLeft).toBe(0);
    expect(flaky.reads).toBeGreaterThanOrEqual(3);
    expect(harness.eventsOf(tenantId).map((e) => e.data.status)).toEqual(['scanning', 'extracting', 'indexing', 'ready']);
    const hits = await harness.deps.search.search({ text: 'harbour project', visibility: { tenantId, customerScope: null }, limit: 3 });
    expect(hits[0]?.fileId).toBe(recorded.fileId);
  }, 60_000);
});
