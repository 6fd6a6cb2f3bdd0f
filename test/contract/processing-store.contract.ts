/**
 * The ProcessingStore contract: a version move is compare-and-set and carries its consequences
 * (next job, audit event, published event) with it, all or nothing.
 */
import { expect, it } from 'vitest';
import type { BusEvent } from '../../src/ports/event-bus.port.ts';
import type { JobName } from '../../src/ports/job-queue.port.ts';
import type { ProcessingStore, VersionMove } from '../../src/ports/processing-store.port.ts';
import type { VersionStatus } from '../../src/domain/file.ts';

export interface ProcessingStoreFixture {
  store: ProcessingStore;
  /** A new tenant with one stored version of a text file. */
  newVersion(): Promise<{ tenantId: string; versionId: string; fileId: string; blobId: string }>;
  /** Jobs queued for a version, by name (read from the queue's tables). */
  jobsOf(versionId: string): Promise<JobName[]>;
  /** The tenant's audit actions, oldest first. */
  auditOf(tenantId: string): Promise<string[]>;
  /** Every event published for the tenant so far (subscribed before the first move). */
  eventsOf(tenantId: string): Promise<BusEvent[]>;
  /** Whether the blob is flagged quarantined. */
  quarantined(tenantId: string, blobId: string): Promise<boolean>;
}

const move = (v: { tenantId: string; versionId: string; fileId: string }, from: VersionStatus[], to: VersionStatus, extra: Partial<VersionMove> = {}): VersionMove => ({
  tenantId: v.tenantId,
  versionId: v.versionId,
  from,
  to,
  audit: { tenantId: v.tenantId, actor: 'pipeline', role: 'system', action: `version.${to}`, target: v.fileId, outcome: 'ok' },
  event: { type: 'version.status', tenantId: v.tenantId, data: { version_id: v.versionId, status: to } },
  ...extra,
});

/** Register the contract's tests in the current describe block. */
export function processingStoreContract(fixture: () => ProcessingStoreFixture): void {
  it('moves a version only from an expected status (compare-and-set), merging metadata and keeping text', async () => {
    const f = fixture();
    const v = await f.newVersion();
    const scanning = await f.store.moveVersion(move(v, ['stored'], 'scanning', { metadata: { pages: 3 } }));
    expect(scanning).toMatchObject({ id: v.versionId, status: 'scanning', metadata: { pages: 3 } });
    // A retried job finds the version already moved on: nothing changes, nothing is written.
    expect(await f.store.moveVersion(move(v, ['stored'], 'scanning'))).toBeNull();
    expect(await f.store.moveVersion(move({ ...v, tenantId: (await f.newVersion()).tenantId }, ['scanning'], 'ready'))).toBeNull();
    const indexing = await f.store.moveVersion(move(v, ['scanning', 'extracting'], 'indexing', { text: 'Zahlen\u0000 des Quartals', metadata: { sheets: 2 } }));
    expect(indexing).toMatchObject({ status: 'indexing', statusReason: null, metadata: { pages: 3, sheets: 2 } });
    expect(await f.store.extractedText(v.tenantId, v.versionId)).toBe('Zahlen des Quartals');
    expect(await f.store.extractedText(v.tenantId, v.versionId, 6)).toBe('Zahlen');
    const failed = await f.store.moveVersion(move(v, ['indexing'], 'failed', { reason: 'index_failed' }));
    expect(failed).toMatchObject({ status: 'failed', statusReason: 'index_failed' });
    expect((await f.store.loadVersion(v.tenantId, v.versionId))?.version).toEqual(failed);
  });

  it('writes the audit event, queues the next job and publishes the event with the move, and none of them when it does not apply', async () => {
    const f = fixture();
    const v = await f.newVersion();
    await f.store.moveVersion(move(v, ['stored'], 'scanning'));
    await f.store.moveVersion(move(v, ['scanning'], 'extracting', { nextJob: 'extract' }));
    expect(await f.store.moveVersion(move(v, ['scanning'], 'extracting', { nextJob: 'extract' }))).toBeNull();
    expect(await f.jobsOf(v.versionId)).toEqual(['extract']);
    expect(await f.auditOf(v.tenantId)).toEqual(['version.scanning', 'version.extracting']);
    expect((await f.eventsOf(v.tenantId)).map((e) => e.data.status)).toEqual(['scanning', 'extracting']);
  });

  it('quarantines the blob with an infected move', async () => {
    const f = fixture();
    const v = await f.newVersion();
    await f.store.moveVersion(move(v, ['stored'], 'scanning'));
    expect(await f.quarantined(v.tenantId, v.blobId)).toBe(false);
    await f.store.moveVersion(move(v, ['scanning'], 'infected', { reason: 'infected', quarantine: { blobId: v.blobId, reason: 'Eicar' } }));
    expect(await f.quarantined(v.tenantId, v.blobId)).toBe(true);
    expect((await f.store.loadVersion(v.tenantId, v.versionId))?.quarantined).toBe(true);
  });

  it('lets exactly one of two concurrent moves from the same status win, with one audit event', async () => {
    const f = fixture();
    const v = await f.newVersion();
    const results = await Promise.all([
      f.store.moveVersion(move(v, ['stored'], 'scanning')),
      f.store.moveVersion(move(v, ['stored'], 'rejected', { reason: 'corrupt' })),
    ]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await f.auditOf(v.tenantId)).toHaveLength(1);
  });

  it('lists versions in given states across tenants, oldest first', async () => {
    const f = fixture();
    const [a, b] = [await f.newVersion(), await f.newVersion()];
    await f.store.moveVersion(move(b, ['stored'], 'scanning'));
    const listed = await f.store.listInStates(['stored', 'scanning'], 10_000);
    const ours = listed.filter((r) => r.versionId === a.versionId || r.versionId === b.versionId);
    expect(ours).toEqual([
      { tenantId: a.tenantId, versionId: a.versionId, status: 'stored' },
      { tenantId: b.tenantId, versionId: b.versionId, status: 'scanning' },
    ]);
    expect((await f.store.listInStates(['unscanned'], 10)).some((r) => r.versionId === a.versionId)).toBe(false);
  });
}
