/**
 * State moves are atomic (DESIGN.md habit 15), on PGlite and on the PostgreSQL server. A
 * fault-injecting wrapper cuts the transaction of an upload and of a version move at each of
 * its statements in turn (and at the commit, and after a commit whose reply is lost): nothing
 * of a cut transaction is left (no file, version, job, audit event or published event), the
 * committed one is there once, and retrying it adds nothing. Then the whole pipeline runs with
 * one transaction statement in twenty failing at random, and every version still ends `ready`,
 * having entered each state exactly once.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestUpload, type IntakeDeps } from '../../src/app/intake/intake.use-case.ts';
import type { Principal } from '../../src/domain/principal.ts';
import type { VersionStatus } from '../../src/domain/file.ts';
import { FIRST_JOB } from '../../src/pipeline/pipeline.ts';
import { moveVersion, versionMove } from '../../src/pipeline/version-moves.ts';
import { PostgresProcessingStore } from '../../adapters/postgres/postgres.processing-store.ts';
import { FileTypeContentSniffer } from '../../adapters/sniff/file-type.content-sniffer.ts';
import { forEachEngine } from '../support/db.ts';
import { faultyDatabase, InjectedFault, type FaultyDatabase } from '../support/faulty-database.ts';
import { MemoryBlobStore } from '../support/fakes/memory.blob-store.ts';
import { FakeExtractor } from '../support/fakes/fake.extractor.ts';
import { FakeScanner } from '../support/fakes/fake.scanner.ts';
import { openPipelineHarness, type PipelineHarness } from '../support/pipeline-harness.ts';

await forEachEngine(import.meta.url, (ctx) => {
  let db: FaultyDatabase;
  let harness: PipelineHarness;
  let blobs: MemoryBlobStore;

  beforeAll(async () => {
    db = faultyDatabase(ctx().db);
    blobs = new MemoryBlobStore();
    // A job here may meet many injected faults in a row; with pg-boss's doubling (uncapped) backoff its
    // retries drifted past the test's minute. Retrying every second keeps the test about atomicity.
    const queue = { retryLimit: 20, retryDelaySeconds: 1, retryBackoff: false };
    harness = await openPipelineHarness({ db, observer: ctx().db, blobs, scanner: new FakeScanner(), extractor: new FakeExtractor(), queue });
  });

  afterAll(async () => {
    await harness?.close();
  });

  const count = async (sql: string, params: unknown[]) => Number((await ctx().db.query(`select count(*)::int as n from (${sql}) q`, params)).rows[0]?.n);
  const jobs = (versionId: string, name: string) => count(`select 1 from ${harness.queueSchema}.job where name = $1 and singleton_key = $2`, [name, versionId]);
  const audits = (tenantId: string, action: string) => count("select 1 from audit_events where tenant_id = $1 and action = $2 and outcome = 'ok'", [tenantId, action]);

  function uploader(tenantId: string): { deps: IntakeDeps; principal: Principal; upload: (text: string) => Promise<{ versionId: string }> } {
    const deps: IntakeDeps = { blobs, catalog: harness.files, audit: harness.audit, sniffer: new FileTypeContentSniffer(), limits: { document: 1e6, spreadsheet: 1e6, text: 1e6, audio: 1e6, image: 1e6 }, firstJob: FIRST_JOB };
    const principal: Principal = { kind: 'api_key', tenantId, keyId: randomUUID(), locale: 'en' };
    return {
      deps,
      principal,
      async upload(text) {
        const result = await ingestUpload(deps, principal, { requestId: randomUUID() }, { name: 'notes.txt', body: Readable.from([Buffer.from(text)]), signal: new AbortController().signal });
        return { versionId: result.version.id };
      },
    };
  }

  it('intake: cut at any statement or at the commit, an upload leaves no file, version, job, audit event or blob; the retry records each once', async () => {
    const tenantId = await harness.newTenant();
    const { upload } = uploader(tenantId);
    // A dry run on another tenant counts the statements of one recording transaction.
    await uploader(await harness.newTenant()).upload('dry run');
    db.failAt(0);
    await uploader(await harness.newTenant()).upload('counting run');
    const statements = db.transactionStatements;
    expect(statements).toBeGreaterThanOrEqual(5); // bind tenant, file, blob, version, job (+ its dedup check), audit
    const blobsBefore = blobs.objects.size;

    for (let cut = 1; cut <= statements; cut++) {
      db.failAt(cut);
      await expect(upload(`cut at ${cut}`)).rejects.toBeInstanceOf(InjectedFault);
    }
    db.failNextCommit();
    await expect(upload('cut at the commit')).rejects.toBeInstanceOf(InjectedFault);
    db.failAt(0);
    expect(await count('select 1 from files where tenant_id = $1', [tenantId])).toBe(0);
    expect(await count('select 1 from file_versions where tenant_id = $1', [tenantId])).toBe(0);
    expect(await audits(tenantId, 'file.upload')).toBe(0);
    expect(await count(`select 1 from ${harness.queueSchema}.job where data->>'tenantId' = $1`, [tenantId])).toBe(0);
    expect(blobs.objects.size).toBe(blobsBefore);

    const { versionId } = await upload('the upload that commits');
    expect(await count('select 1 from file_versions where tenant_id = $1', [tenantId])).toBe(1);
    expect(await jobs(versionId, 'scan')).toBe(1);
    expect(await audits(tenantId, 'file.upload')).toBe(1);
    expect(blobs.objects.size).toBe(blobsBefore + 1);
  });

  it('a version move: cut at any statement, the version stays where it was with no job, audit event or event; a commit whose reply was lost is not repeated', async () => {
    const tenantId = await harness.newTenant();
    const { versionId } = await harness.record(tenantId, 'minutes.txt', 'minutes of the meeting');
    const observer = new PostgresProcessingStore(ctx().db, { jobs: harness.queue, events: harness.events });
    const load = async () => (await observer.loadVersion(tenantId, versionId))!;
    await moveVersion(harness.deps, await load(), { from: ['stored'], to: 'scanning' });
    const toExtracting = { from: ['scanning'] as VersionStatus[], to: 'extracting' as const, nextJob: 'extract' as const, metadata: { scan: { result: 'clean' } } };

    // Count the statements of the same move on another version.
    const other = await harness.record(tenantId, 'other.txt', 'other');
    await moveVersion(harness.deps, (await observer.loadVersion(tenantId, other.versionId))!, { from: ['stored'], to: 'scanning' });
    const otherWork = (await observer.loadVersion(tenantId, other.versionId))!;
    db.failAt(0);
    await moveVersion(harness.deps, otherWork, toExtracting);
    const statements = db.transactionStatements;
    expect(statements).toBeGreaterThanOrEqual(5); // bind tenant, update, audit, job dedup check, job, (notify)

    const eventsBefore = (await harness.settledEventsOf(tenantId)).length;
    const work = await load();
    for (let cut = 1; cut <= statements; cut++) {
      db.failAt(cut);
      await expect(harness.deps.store.moveVersion(versionMove(work, toExtracting))).rejects.toBeInstanceOf(InjectedFault);
      expect((await load()).version.status).toBe('scanning');
    }
    db.failNextCommit();
    await expect(harness.deps.store.moveVersion(versionMove(work, toExtracting))).rejects.toBeInstanceOf(InjectedFault);
    db.failAt(0);
    expect(await jobs(versionId, 'extract')).toBe(0);
    expect(await audits(tenantId, 'version.extracting')).toBe(1); // the other version's
    expect((await harness.settledEventsOf(tenantId)).length).toBe(eventsBefore);

    // Committed, but the caller saw an error: the job retries the move, which finds it done.
    db.loseNextCommitReply();
    await expect(harness.deps.store.moveVersion(versionMove(work, toExtracting))).rejects.toBeInstanceOf(InjectedFault);
    expect(await harness.deps.store.moveVersion(versionMove(work, toExtracting))).toBeNull();
    expect((await load()).version.status).toBe('extracting');
    expect(await jobs(versionId, 'extract')).toBe(1);
    expect(await audits(tenantId, 'version.extracting')).toBe(2);
    expect((await harness.settledEventsOf(tenantId)).slice(eventsBefore).map((e) => [e.data.version_id, e.data.status])).toEqual([[versionId, 'extracting']]);
  });

  it('the whole pipeline with one statement in twenty failing at random: every version ends ready, having entered each state once', async () => {
    const tenantId = await harness.newTenant();
    const versions = [];
    for (let i = 0; i < 2; i++) versions.push((await harness.record(tenantId, `report-${i}.txt`, `quarterly report number ${i} ${randomBytes(4).toString('hex')}`)).versionId);
    const injectedBefore = db.injected;
    db.failRandomly(0.05, 6);
    await harness.work();
    try {
      for (const versionId of versions) expect(await harness.waitFor(tenantId, versionId, ['ready', 'failed', 'rejected', 'infected', 'unscanned'], 60_000)).toBe('ready');
    } finally {
      db.failRandomly(0);
    }
    const injected = db.injected - injectedBefore;
    expect(injected).toBeGreaterThan(0);
    for (const versionId of versions) {
      const { rows } = await ctx().db.query("select action from audit_events where tenant_id = $1 and detail->>'version_id' = $2 order by id", [tenantId, versionId]);
      expect(rows.map((r) => r.action)).toEqual(['version.scanning', 'version.extracting', 'version.indexing', 'version.ready']);
    }
    console.info(`[measure] ${ctx().engine}: ${versions.length} versions ready through ${injected} injected faults`);
  }, 90_000);
});
