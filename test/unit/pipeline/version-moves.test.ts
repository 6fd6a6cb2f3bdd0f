/** The version move (what it carries), dead letters, resuming after a restart, and the scanner watch, on in-memory fakes. */
import { setTimeout as sleep } from 'node:timers/promises';

/** Poll (a loaded machine may delay timers): resolves once `check` holds, fails after 5 s. */
async function eventually(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached within 5 s');
    await sleep(5);
  }
}
import { describe, expect, it } from 'vitest';
import { failVersion, resumeUnfinished } from '../../../src/pipeline/pipeline.ts';
import { ScannerWatch } from '../../../src/pipeline/scanner-watch.ts';
import { moveVersion, versionMove } from '../../../src/pipeline/version-moves.ts';
import { unitPipeline } from '../../support/fakes/unit-pipeline.ts';

describe('a version move', () => {
  it('carries its audit event and its published event, describing the move', async () => {
    const p = unitPipeline();
    const v = await p.store('minutes');
    const work = (await p.deps.store.loadVersion(v.tenantId, v.versionId))!;
    expect(versionMove(work, { from: ['stored'], to: 'rejected', reason: 'corrupt', nextJob: 'index', quarantine: 'Sig' })).toEqual({
      tenantId: v.tenantId,
      versionId: v.versionId,
      from: ['stored'],
      to: 'rejected',
      reason: 'corrupt',
      nextJob: 'index',
      quarantine: { blobId: work.version.blobId, reason: 'Sig' },
      audit: { tenantId: v.tenantId, actor: 'pipeline', role: 'system', action: 'version.rejected', target: v.fileId, outcome: 'denied', detail: { version_id: v.versionId, version: 1, from: 'stored', reason: 'corrupt' } },
      event: { type: 'version.status', tenantId: v.tenantId, data: { file_id: v.fileId, version_id: v.versionId, version: 1, status: 'rejected', reason: 'corrupt' } },
    });
  });

  it('keeps the current reason in the event when the move does not replace it', async () => {
    const p = unitPipeline();
    const v = await p.store('minutes');
    Object.assign(p.state.versions.get(v.versionId)!, { status: 'indexing', statusReason: 'earlier' });
    const work = (await p.deps.store.loadVersion(v.tenantId, v.versionId))!;
    expect(versionMove(work, { from: ['indexing'], to: 'ready' }).event.data.reason).toBe('earlier');
  });

  it('returns null and writes nothing when the version already moved on', async () => {
    const p = unitPipeline();
    const v = await p.store('minutes');
    const work = (await p.deps.store.loadVersion(v.tenantId, v.versionId))!;
    expect(await moveVersion(p.deps, work, { from: ['scanning'], to: 'extracting', nextJob: 'extract' })).toBeNull();
    expect(p.state.audit).toEqual([]);
    expect(p.state.events).toEqual([]);
    expect(p.state.jobs.map((j) => j.name)).toEqual(['scan']);
  });
});

describe('dead letters', () => {
  it('a job out of tries ends its version failed, with the reason', async () => {
    const p = unitPipeline();
    const v = await p.store('minutes');
    p.state.versions.get(v.versionId)!.status = 'extracting';
    await failVersion(p.deps, 'extract', v, 'extract: the extractor crashed');
    expect(p.state.versions.get(v.versionId)).toMatchObject({ status: 'failed', statusReason: 'extract_failed', metadata: { failure: 'extract: the extractor crashed' } });
  });

  it('a scan out of tries because the scanner is away keeps waiting in scanning', async () => {
    const p = unitPipeline();
    const v = await p.store('minutes');
    p.state.versions.get(v.versionId)!.status = 'scanning';
    await failVersion(p.deps, 'scan', v, 'scanner_unavailable');
    expect(p.status(v.versionId)).toBe('scanning');
    expect(p.state.audit).toEqual([]);
  });

  it('a dead letter for a version already terminal changes nothing', async () => {
    const p = unitPipeline();
    const v = await p.store('minutes');
    p.state.versions.get(v.versionId)!.status = 'ready';
    await failVersion(p.deps, 'index', v, 'index: late');
    expect(p.status(v.versionId)).toBe('ready');
  });
});

describe('resuming after a restart', () => {
  it('queues the job each unfinished version waits for, and none for finished ones', async () => {
    const p = unitPipeline();
    const stored = await p.store('a');
    const extracting = await p.store('b');
    const recording = await p.store('c', { kind: 'audio', mimeType: 'audio/mpeg' });
    const indexing = await p.store('d');
    const ready = await p.store('e');
    for (const [v, status] of [[extracting, 'extracting'], [recording, 'extracting'], [indexing, 'indexing'], [ready, 'ready']] as const) p.state.versions.get(v.versionId)!.status = status;
    expect(await resumeUnfinished(p.deps)).toBe(4);
    expect(p.queue.sent.map((s) => [s.name, s.payload.versionId])).toEqual([
      ['scan', stored.versionId], ['extract', extracting.versionId], ['transcribe', recording.versionId], ['index', indexing.versionId],
    ]);
  });
});

describe('the scanner watch', () => {
  it('reports every change, and catches up each time the scanner comes back', async () => {
    const p = unitPipeline({ scanPolicy: 'optional' });
    const waiting = await p.store('a');
    const unscanned = await p.store('b');
    p.state.versions.get(waiting.versionId)!.status = 'scanning';
    p.state.versions.get(unscanned.versionId)!.status = 'unscanned';
    const changes: boolean[] = [];
    p.scanner.up = false;
    const watch = new ScannerWatch(p.deps, { intervalMs: 20, onChange: (up) => void changes.push(up) });
    watch.start();
    await eventually(() => watch.up === false);
    expect(p.queue.sent).toEqual([]);
    p.scanner.up = true;
    await eventually(() => p.queue.sent.length === 2);
    await watch.stop();
    expect(changes).toEqual([false, true]);
    expect(p.queue.retriedNow).toEqual(['scan']);
    expect(p.queue.sent.map((s) => [s.name, s.payload.versionId]).sort()).toEqual([['scan', waiting.versionId], ['scan', unscanned.versionId]].sort());
  });

  it('tries the catch-up again at the next ping when it failed (the database away too)', async () => {
    const p = unitPipeline();
    const waiting = await p.store('a');
    p.state.versions.get(waiting.versionId)!.status = 'scanning';
    const listInStates = p.deps.store.listInStates.bind(p.deps.store);
    let failures = 2;
    p.deps.store.listInStates = async (...args) => {
      if (failures-- > 0) throw new Error('database unavailable');
      return listInStates(...args);
    };
    const watch = new ScannerWatch(p.deps, { intervalMs: 10 });
    watch.start();
    await eventually(() => p.queue.sent.length > 0);
    await watch.stop();
    expect(failures).toBeLessThan(0);
    expect(p.queue.sent.map((s) => s.payload.versionId)).toEqual([waiting.versionId]);
  });
});
