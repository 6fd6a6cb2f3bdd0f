/**
 * SCAN_POLICY=optional (no scanner configured): files that no clamd checked end `unscanned`, are
 * findable and say so; once a clamd answers (ScannerWatch pings it) they are scanned after all:
 * clean ones become `ready`, an infected one is quarantined and leaves the search index. Real
 * clamd (down, then up), PGlite, the real pipeline.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIsolatedExtractor, type IsolatedExtractor } from '../../../adapters/extract/isolated.extractor.ts';
import { ClamavScanner } from '../../../adapters/scan/clamav.scanner.ts';
import { LocalBlobStore } from '../../../adapters/storage/local.blob-store.ts';
import { ScannerWatch } from '../../../src/pipeline/scanner-watch.ts';
import { eicarBytes } from '../../fixtures/eicar.ts';
import { clamdAvailable, startClamd, type TestClamd } from '../../support/clamd.ts';
import { testDatabase, type TestDatabase } from '../../support/db.ts';
import { openPipelineHarness, type PipelineHarness } from '../../support/pipeline-harness.ts';

const withClamd = await clamdAvailable();
let clamd: TestClamd;
let database: TestDatabase;
let extractor: IsolatedExtractor;
let harness: PipelineHarness;
let watch: ScannerWatch;
let blobDir: string;
const seen: boolean[] = [];

beforeAll(async () => {
  if (!withClamd) return;
  clamd = await startClamd();
  await clamd.stop();
  database = await testDatabase(import.meta.url, 'pglite');
  blobDir = mkdtempSync(path.join(os.tmpdir(), 'voicefiles-rescan-'));
  extractor = createIsolatedExtractor({ timeoutMs: 20_000 });
  harness = await openPipelineHarness({
    db: database.db,
    blobs: new LocalBlobStore({ rootDir: blobDir, publicBaseUrl: () => 'http://127.0.0.1:1', signingKey: randomBytes(32) }),
    scanner: new ClamavScanner({ url: clamd.url, timeoutMs: 10_000 }),
    extractor,
    scanPolicy: 'optional',
  });
  watch = new ScannerWatch(harness.deps, { intervalMs: 300, onChange: (up) => void seen.push(up) });
}, 60_000);

afterAll(async () => {
  await watch?.stop();
  await harness?.close();
  await extractor?.close();
  await database?.cleanup(true);
  await clamd?.close();
  if (blobDir) rmSync(blobDir, { recursive: true, force: true });
});

describe.skipIf(!withClamd)(withClamd ? 'unscanned versions are scanned once a scanner answers (real clamd, PGlite)' : 'unscanned rescan (skipped: clamd is not installed)', () => {
  it('ends files unscanned while no clamd answers, then scans them: clean ones become ready, an infected one is quarantined and unfindable', async () => {
    const tenantId = await harness.newTenant();
    const clean = await harness.record(tenantId, 'harbour minutes.txt', 'minutes about the harbour project');
    const infected = await harness.record(tenantId, 'harbour invoice.txt', Buffer.concat([Buffer.from('harbour invoice '), eicarBytes()]));
    await harness.work();
    watch.start();
    for (const version of [clean, infected]) expect(await harness.waitFor(tenantId, version.versionId, ['unscanned', 'ready', 'infected', 'failed'])).toBe('unscanned');
    const search = async () => (await harness.deps.search.search({ text: 'harbour', visibility: { tenantId, customerScope: null }, limit: 5 })).map((h) => h.fileId).sort();
    expect(await search()).toEqual([clean.fileId, infected.fileId].sort());
    expect(seen).toEqual([false]);

    await clamd.start();
    expect(await harness.waitFor(tenantId, clean.versionId, ['ready', 'infected', 'rejected', 'failed'])).toBe('ready');
    expect(await harness.waitFor(tenantId, infected.versionId, ['ready', 'infected', 'rejected', 'failed'])).toBe('infected');
    expect(seen).toEqual([false, true]);
    const work = await harness.deps.store.loadVersion(tenantId, infected.versionId);
    expect(work).toMatchObject({ quarantined: true, version: { statusReason: 'infected', metadata: { scan: { rescanned: true, signature: expect.stringMatching(/^Voicefiles\.Test\.EICAR/) } } } });
    expect((await harness.deps.store.loadVersion(tenantId, clean.versionId))?.version.metadata).toMatchObject({ unscanned: false, scan: { result: 'clean', rescanned: true } });
    expect(await search()).toEqual([clean.fileId]);
    const statuses = (await harness.settledEventsOf(tenantId)).filter((e) => e.data.version_id === infected.versionId).map((e) => e.data.status);
    expect(statuses).toEqual(['scanning', 'extracting', 'indexing', 'unscanned', 'infected']);
  }, 60_000);
});
