/** The scan job on in-memory fakes: every verdict, the scanner away under both policies, retries, rescans. */
import { describe, expect, it } from 'vitest';
import { runScanJob } from '../../../src/pipeline/scan.job.ts';
import { INFECTED_MARKER } from '../../support/fakes/fake.scanner.ts';
import { unitPipeline } from '../../support/fakes/unit-pipeline.ts';

const actions = (p: ReturnType<typeof unitPipeline>, versionId: string) =>
  p.state.audit.filter((e) => (e.detail as { version_id?: string } | undefined)?.version_id === versionId).map((e) => e.action);
const jobsFor = (p: ReturnType<typeof unitPipeline>, versionId: string) => p.state.jobs.filter((j) => j.payload.versionId === versionId).map((j) => j.name);

describe('scan job', () => {
  it.each([
    ['text', 'text/plain', 'extracting', 'extract'],
    ['image', 'image/png', 'extracting', 'extract'],
    ['audio', 'audio/mpeg', 'extracting', 'transcribe'],
  ] as const)('a clean %s moves on to %s and queues %s with the move', async (kind, mimeType, state, job) => {
    const p = unitPipeline();
    const v = await p.store('quarterly numbers', { kind, mimeType });
    expect(await runScanJob(p.deps, v)).toEqual({ status: 'done' });
    expect(p.status(v.versionId)).toBe(state);
    expect(jobsFor(p, v.versionId)).toEqual(['scan', job]);
    expect(actions(p, v.versionId)).toEqual(['version.scanning', `version.${state}`]);
    expect(p.state.events.map((e) => e.data.status)).toEqual(['scanning', state]);
    expect(p.state.versions.get(v.versionId)?.metadata).toMatchObject({ scan: { result: 'clean', cached: false } });
  });

  it('quarantines infected content in the same move, audited as denied', async () => {
    const p = unitPipeline();
    const v = await p.store(`invoice ${p.scanner.marker}`);
    expect(await runScanJob(p.deps, v)).toEqual({ status: 'done' });
    expect(p.status(v.versionId)).toBe('infected');
    expect(p.state.versions.get(v.versionId)).toMatchObject({ statusReason: 'infected', metadata: { scan: { result: 'infected', signature: 'Test.Marker' } } });
    expect([...p.state.blobs.values()][0]?.quarantined).toBe('Test.Marker');
    expect(p.state.audit.at(-1)).toMatchObject({ action: 'version.infected', outcome: 'denied' });
    expect(jobsFor(p, v.versionId)).toEqual(['scan']);
  });

  it('rejects content the scanner refused (never treated as clean)', async () => {
    const p = unitPipeline();
    const v = await p.store('a very large file');
    p.scanner.refuseNext = 'too_large_to_scan';
    await runScanJob(p.deps, v);
    expect(p.state.versions.get(v.versionId)).toMatchObject({ status: 'rejected', statusReason: 'too_large_to_scan' });
  });

  it('uses a cached verdict for the same content and signatures instead of scanning again', async () => {
    const p = unitPipeline();
    const first = await p.store('same bytes');
    await runScanJob(p.deps, first);
    const second = await p.store('same bytes');
    await runScanJob(p.deps, second);
    expect(p.scanner.scans).toBe(1);
    expect(p.state.versions.get(second.versionId)?.metadata).toMatchObject({ scan: { cached: true } });
  });

  it('under SCAN_POLICY=required, a scanner that is away keeps the version in scanning and asks for a retry', async () => {
    const p = unitPipeline({ scanPolicy: 'required' });
    const v = await p.store('minutes');
    p.scanner.up = false;
    expect(await runScanJob(p.deps, v)).toEqual({ status: 'failed', reason: 'scanner_unavailable', retry: true });
    expect(p.status(v.versionId)).toBe('scanning');
    // The retry, once the scanner is back, finishes it.
    p.scanner.up = true;
    await runScanJob(p.deps, v);
    expect(p.status(v.versionId)).toBe('extracting');
  });

  it('under SCAN_POLICY=optional, a scanner that is away lets the version through, flagged unscanned', async () => {
    const p = unitPipeline({ scanPolicy: 'optional' });
    const v = await p.store('minutes');
    p.scanner.up = false;
    expect(await runScanJob(p.deps, v)).toEqual({ status: 'done' });
    expect(p.state.versions.get(v.versionId)).toMatchObject({ status: 'extracting', metadata: { unscanned: true, scan: { result: 'skipped' } } });
    expect(jobsFor(p, v.versionId)).toEqual(['scan', 'extract']);
  });

  it('a retried job finds the version moved on and does nothing twice', async () => {
    const p = unitPipeline();
    const v = await p.store('minutes');
    await runScanJob(p.deps, v);
    const before = { audit: p.state.audit.length, jobs: p.state.jobs.length, events: p.state.events.length };
    expect(await runScanJob(p.deps, v)).toEqual({ status: 'skipped', reason: 'already extracting' });
    expect({ audit: p.state.audit.length, jobs: p.state.jobs.length, events: p.state.events.length }).toEqual(before);
  });

  it('a move that fails to commit leaves nothing behind and the job fails for a retry', async () => {
    const p = unitPipeline();
    const v = await p.store('minutes');
    await runScanJob(p.deps, v);
    p.state.versions.get(v.versionId)!.status = 'scanning';
    const before = p.state.jobs.length;
    p.state.failNextWrite = new Error('connection lost at commit');
    await expect(runScanJob(p.deps, v)).rejects.toThrow(/connection lost/);
    expect(p.status(v.versionId)).toBe('scanning');
    expect(p.state.jobs.length).toBe(before);
  });

  it('content already quarantined is infected without asking the scanner', async () => {
    const p = unitPipeline();
    const v = await p.store('bytes');
    [...p.state.blobs.values()][0]!.quarantined = 'Earlier.Signature';
    p.scanner.up = false;
    await runScanJob(p.deps, v);
    expect(p.status(v.versionId)).toBe('infected');
    expect(p.scanner.scans).toBe(0);
  });

  describe('an unscanned version, once the scanner is back', () => {
    async function unscanned(content: string) {
      const p = unitPipeline({ scanPolicy: 'optional' });
      const v = await p.store(content);
      const version = p.state.versions.get(v.versionId)!;
      Object.assign(version, { status: 'unscanned', metadata: { unscanned: true, scan: { result: 'skipped' } } });
      await p.search.upsert({ tenantId: v.tenantId, fileId: v.fileId, versionId: v.versionId, name: 'file.txt', title: null, kind: 'text', mimeType: 'text/plain', customerId: null, visibility: 'internal', createdAt: new Date(), text: content });
      return { p, v };
    }

    it('goes back through indexing when clean', async () => {
      const { p, v } = await unscanned('harmless');
      await runScanJob(p.deps, v);
      expect(p.state.versions.get(v.versionId)).toMatchObject({ status: 'indexing', metadata: { unscanned: false, scan: { result: 'clean', rescanned: true } } });
      expect(jobsFor(p, v.versionId)).toEqual(['scan', 'index']);
    });

    it('is quarantined when infected, and leaves the search index', async () => {
      const { p, v } = await unscanned(`bad ${INFECTED_MARKER}`);
      await runScanJob(p.deps, v);
      expect(p.status(v.versionId)).toBe('infected');
      expect(p.search.documents.size).toBe(0);
      expect([...p.state.blobs.values()][0]?.quarantined).toBe('Test.Marker');
    });

    it('stays unscanned, untouched, while the scanner is still away', async () => {
      const { p, v } = await unscanned('harmless');
      p.scanner.up = false;
      expect(await runScanJob(p.deps, v)).toEqual({ status: 'skipped', reason: 'the scanner is still unavailable' });
      expect(p.status(v.versionId)).toBe('unscanned');
      expect(p.search.documents.size).toBe(1);
    });
  });
});
