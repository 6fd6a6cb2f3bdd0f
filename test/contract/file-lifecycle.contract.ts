/** The FileLifecycle contract (trash, restore, version restores): every adapter passes it. */
import { createHash, randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { VisibilityFilter } from '../../src/domain/access.ts';
import type { AuditEvent } from '../../src/domain/audit.ts';
import type { VersionStatus } from '../../src/domain/file.ts';
import type { FileCatalog, RecordIntakeInput } from '../../src/ports/file-catalog.port.ts';
import type { FileLifecycle } from '../../src/ports/file-lifecycle.port.ts';

export interface FileLifecycleFixture {
  lifecycle: FileLifecycle;
  catalog: FileCatalog;
  newTenant(options?: { trashDays?: number }): Promise<string>;
  /** Set a version's state from outside the ports (the pipeline's job). */
  setStatus(tenantId: string, versionId: string, status: VersionStatus, text?: string): Promise<void>;
  /** Place a legal hold from outside the port under test. */
  hold(tenantId: string, scope: { fileId: string } | { customerId: string } | 'tenant', reason: string): Promise<string>;
  releaseHold(tenantId: string, holdId: string): Promise<void>;
  refCount(tenantId: string, blobId: string): Promise<number>;
  auditOf(tenantId: string): Promise<string[]>;
  jobsOf(versionId: string): Promise<string[]>;
}

const sha = (content: string) => createHash('sha256').update(content).digest('hex');
const staff = (tenantId: string): VisibilityFilter => ({ tenantId, customerScope: null });

function intake(tenantId: string, content: string, overrides: Partial<RecordIntakeInput> = {}): RecordIntakeInput {
  const blobId = randomUUID();
  return {
    tenantId,
    name: 'Contract.pdf',
    customerId: null,
    visibility: 'internal',
    blob: { id: blobId, sha256: sha(content), size: Buffer.byteLength(content), storageKey: `tenants/${tenantId}/blobs/${blobId}` },
    mimeType: 'application/pdf',
    extension: 'pdf',
    kind: 'document',
    uploadedBy: 'key:uploader',
    ...overrides,
  };
}

const audit = (tenantId: string, action: string) => (): AuditEvent => ({ tenantId, actor: 'key:k', role: 'api', action, outcome: 'ok' });

export function fileLifecycleContract(fixture: () => FileLifecycleFixture): void {
  it('trashes a live file until now + trash_days: hidden from reads and listings, shown with the trash', async () => {
    const f = fixture();
    const tenantId = await f.newTenant({ trashDays: 7 });
    const { file } = await f.catalog.recordIntake(intake(tenantId, 'to delete'));
    const before = Date.now();
    const outcome = await f.lifecycle.trash({ tenantId, fileId: file.id, actor: 'key:k', audit: audit(tenantId, 'file.trash') });
    expect(outcome.status).toBe('trashed');
    if (outcome.status !== 'trashed') return;
    expect(outcome.file.trashedAt).toBeInstanceOf(Date);
    const days = (outcome.file.purgeAfter!.getTime() - outcome.file.trashedAt!.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(7, 5);
    expect(outcome.file.trashedAt!.getTime()).toBeGreaterThanOrEqual(before - 5_000);
    expect(await f.catalog.getFile(staff(tenantId), file.id)).toBeNull();
    expect((await f.catalog.getFile(staff(tenantId), file.id, { includeTrashed: true }))?.file.trashedAt).toBeInstanceOf(Date);
    expect((await f.catalog.listFiles(tenantId, { visibility: staff(tenantId), limit: 10 })).files).toEqual([]);
    const trash = await f.catalog.listFiles(tenantId, { visibility: staff(tenantId), limit: 10, trashed: true });
    expect(trash.files.map((d) => d.file.id)).toEqual([file.id]);
    expect(await f.auditOf(tenantId)).toEqual(['file.trash']);
    // Twice is not found; a trashed file takes no new versions.
    expect((await f.lifecycle.trash({ tenantId, fileId: file.id, actor: 'key:k', audit: audit(tenantId, 'file.trash') })).status).toBe('not_found');
    await expect(f.catalog.recordIntake(intake(tenantId, 'v2', { fileId: file.id }))).rejects.toMatchObject({ code: 'file_not_found' });
  });

  it('restores a trashed file, once', async () => {
    const f = fixture();
    const tenantId = await f.newTenant();
    const { file } = await f.catalog.recordIntake(intake(tenantId, 'restore me'));
    await f.lifecycle.trash({ tenantId, fileId: file.id, actor: 'key:k', audit: audit(tenantId, 'file.trash') });
    const restored = await f.lifecycle.restore({ tenantId, fileId: file.id, audit: audit(tenantId, 'file.restore') });
    expect(restored).toMatchObject({ id: file.id, trashedAt: null, purgeAfter: null });
    expect(await f.lifecycle.restore({ tenantId, fileId: file.id, audit: audit(tenantId, 'file.restore') })).toBeNull();
    expect(await f.catalog.getFile(staff(tenantId), file.id)).not.toBeNull();
    expect(await f.auditOf(tenantId)).toEqual(['file.trash', 'file.restore']);
  });

  it('never touches another tenant: its file ids are not found', async () => {
    const f = fixture();
    const [a, b] = [await f.newTenant(), await f.newTenant()];
    const { file } = await f.catalog.recordIntake(intake(b, 'theirs'));
    expect((await f.lifecycle.trash({ tenantId: a, fileId: file.id, actor: 'key:k', audit: audit(a, 'file.trash') })).status).toBe('not_found');
    expect((await f.lifecycle.trash({ tenantId: a, fileId: 'nope', actor: 'key:k', audit: audit(a, 'file.trash') })).status).toBe('not_found');
    expect(await f.lifecycle.restore({ tenantId: a, fileId: file.id, audit: audit(a, 'file.restore') })).toBeNull();
    await expect(f.lifecycle.restoreVersion({ tenantId: a, fileId: file.id, version: 1, actor: 'key:k', firstJob: 'scan', audit: audit(a, 'x') })).rejects.toMatchObject({ code: 'file_not_found' });
    expect(await f.catalog.getFile(staff(b), file.id)).not.toBeNull();
  });

  it('refuses to trash what a hold covers (file, customer, whole tenant) with its reason, until released', async () => {
    const f = fixture();
    const tenantId = await f.newTenant();
    const { file } = await f.catalog.recordIntake(intake(tenantId, 'held', { customerId: 'cust-9', visibility: 'customer' }));
    const trash = () => f.lifecycle.trash({ tenantId, fileId: file.id, actor: 'key:k', audit: audit(tenantId, 'file.trash') });
    for (const scope of [{ fileId: file.id }, { customerId: 'cust-9' }, 'tenant'] as const) {
      const holdId = await f.hold(tenantId, scope, `litigation ${JSON.stringify(scope)}`);
      expect(await trash()).toEqual({ status: 'on_hold', hold: { id: holdId, reason: `litigation ${JSON.stringify(scope)}` } });
      await f.releaseHold(tenantId, holdId);
    }
    await f.hold(tenantId, { customerId: 'someone-else' }, 'unrelated');
    expect((await trash()).status).toBe('trashed');
    expect(await f.auditOf(tenantId)).toEqual(['file.trash']);
  });

  it('restores a ready version as a new ready version with its text, one more blob reference, history kept', async () => {
    const f = fixture();
    const tenantId = await f.newTenant();
    const first = await f.catalog.recordIntake(intake(tenantId, 'version one'));
    await f.setStatus(tenantId, first.version.id, 'ready', 'text of one');
    const second = await f.catalog.recordIntake(intake(tenantId, 'version two', { fileId: first.file.id }));
    const restored = await f.lifecycle.restoreVersion({ tenantId, fileId: first.file.id, version: 1, actor: 'key:restorer', firstJob: 'scan', audit: audit(tenantId, 'file.version_restore') });
    expect(restored.keptState).toBe(true);
    expect(restored.file.currentVersion).toBe(3);
    expect(restored.version).toMatchObject({ version: 3, status: 'ready', blobId: first.version.blobId, sha256: first.version.sha256, uploadedBy: 'key:restorer', restoredFrom: 1 });
    expect(await f.refCount(tenantId, first.version.blobId)).toBe(2);
    const versions = await f.catalog.listVersions(tenantId, first.file.id);
    expect(versions.map((v) => [v.version, v.id, v.uploadedBy])).toEqual([
      [1, first.version.id, 'key:uploader'],
      [2, second.version.id, 'key:uploader'],
      [3, restored.version.id, 'key:restorer'],
    ]);
    expect(await f.jobsOf(restored.version.id)).toEqual([]);
    expect(await f.auditOf(tenantId)).toEqual(['file.version_restore']);
  });

  it('restores a version that was not ready as stored, queued for the pipeline; refuses infected and unknown versions', async () => {
    const f = fixture();
    const tenantId = await f.newTenant();
    const first = await f.catalog.recordIntake(intake(tenantId, 'failed one'));
    await f.setStatus(tenantId, first.version.id, 'failed');
    const restored = await f.lifecycle.restoreVersion({ tenantId, fileId: first.file.id, version: 1, actor: 'key:k', firstJob: 'scan', audit: audit(tenantId, 'x') });
    expect(restored).toMatchObject({ keptState: false, version: { version: 2, status: 'stored', restoredFrom: 1 } });
    expect(await f.jobsOf(restored.version.id)).toEqual(['scan']);
    await f.setStatus(tenantId, restored.version.id, 'infected');
    await expect(f.lifecycle.restoreVersion({ tenantId, fileId: first.file.id, version: 2, actor: 'key:k', firstJob: 'scan', audit: audit(tenantId, 'x') })).rejects.toMatchObject({ code: 'conflict' });
    await expect(f.lifecycle.restoreVersion({ tenantId, fileId: first.file.id, version: 9, actor: 'key:k', firstJob: 'scan', audit: audit(tenantId, 'x') })).rejects.toMatchObject({ code: 'version_not_found' });
    // Refusals write nothing: still two versions.
    expect((await f.catalog.listVersions(tenantId, first.file.id)).length).toBe(2);
    await f.lifecycle.trash({ tenantId, fileId: first.file.id, actor: 'key:k', audit: audit(tenantId, 'file.trash') });
    await expect(f.lifecycle.restoreVersion({ tenantId, fileId: first.file.id, version: 1, actor: 'key:k', firstJob: 'scan', audit: audit(tenantId, 'x') })).rejects.toMatchObject({ code: 'file_not_found' });
  });
}
