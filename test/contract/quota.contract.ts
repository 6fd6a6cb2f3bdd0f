/** The quota contract: QuotaStore usage, TenantStore settings and FileCatalog.recordIntake's check at commit. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { AuditEvent } from '../../src/domain/audit.ts';
import type { QuotaWarning } from '../../src/domain/quota.ts';
import type { FileCatalog, RecordIntakeInput } from '../../src/ports/file-catalog.port.ts';
import type { QuotaStore } from '../../src/ports/quota-store.port.ts';
import type { TenantStore } from '../../src/ports/tenant-store.port.ts';

export interface QuotaFixture {
  catalog: FileCatalog;
  quotas: QuotaStore;
  tenants: TenantStore;
  /** Audit events of a tenant with this action, read from outside the ports. */
  auditActions(tenantId: string, action: string): Promise<Array<Record<string, unknown>>>;
}

const sha = (content: string) => createHash('sha256').update(content).digest('hex');

function intake(tenantId: string, content: string, overrides: Partial<RecordIntakeInput> = {}): RecordIntakeInput {
  const blobId = randomUUID();
  return {
    tenantId,
    name: 'notes.txt',
    customerId: null,
    visibility: 'internal',
    blob: { id: blobId, sha256: sha(content), size: Buffer.byteLength(content), storageKey: `tenants/${tenantId}/blobs/${blobId}` },
    mimeType: 'text/plain',
    extension: 'txt',
    kind: 'text',
    ...overrides,
  };
}

const warnings = (tenantId: string): RecordIntakeInput['quotaWarnings'] => ({
  percents: [80, 95],
  audit: (warning: QuotaWarning): AuditEvent => ({ tenantId, actor: 'test', role: 'staff', action: 'quota.warning', target: tenantId, outcome: 'ok', detail: { percent: warning.percent } }),
});

async function newTenant(tenants: TenantStore, quota: { bytes: number | null; files: number | null }): Promise<string> {
  const tenant = await tenants.createTenant({ slug: `q-${randomBytes(5).toString('hex')}`, name: 'Q', locale: 'en', apiKeyId: randomUUID(), apiKeyHash: randomBytes(32).toString('hex'), quota });
  return tenant.id;
}

/** Register the contract's tests in the current describe block. */
export function quotaContract(fixture: () => QuotaFixture): void {
  it('a tenant is created with its quota and trash period; updateTenant changes and removes them', async () => {
    const { tenants } = fixture();
    const slug = `q-${randomBytes(5).toString('hex')}`;
    const created = await tenants.createTenant({ slug, name: 'Q', locale: 'en', apiKeyId: randomUUID(), apiKeyHash: randomBytes(32).toString('hex'), quota: { bytes: 1000, files: null }, trashDays: 7 });
    expect(created).toMatchObject({ quota: { bytes: 1000, files: null }, trashDays: 7 });
    expect(await tenants.updateTenant(slug, { quotaFiles: 3 })).toMatchObject({ quota: { bytes: 1000, files: 3 }, trashDays: 7 });
    expect(await tenants.updateTenant(slug, { quotaBytes: null, trashDays: 30 })).toMatchObject({ quota: { bytes: null, files: 3 }, trashDays: 30 });
    expect(await tenants.getTenantBySlug(slug)).toMatchObject({ quota: { bytes: null, files: 3 }, trashDays: 30 });
    expect(await tenants.updateTenant('no-such-tenant', { quotaFiles: 1 })).toBeNull();
    const plain = await tenants.createTenant({ slug: `q-${randomBytes(5).toString('hex')}`, name: 'P', locale: 'en', apiKeyId: randomUUID(), apiKeyHash: randomBytes(32).toString('hex') });
    expect(plain).toMatchObject({ quota: { bytes: null, files: null }, trashDays: 30 });
  });

  it('usage counts deduplicated bytes once and every file', async () => {
    const { catalog, quotas, tenants } = fixture();
    const tenantId = await newTenant(tenants, { bytes: null, files: null });
    expect(await quotas.usage(tenantId)).toEqual({ bytes: 0, files: 0, quota: { bytes: null, files: null }, lastWarning: null });
    await catalog.recordIntake(intake(tenantId, 'twelve bytes'));
    await catalog.recordIntake(intake(tenantId, 'twelve bytes'));
    await catalog.recordIntake(intake(tenantId, 'other'));
    expect(await quotas.usage(tenantId)).toMatchObject({ bytes: 12 + 5, files: 3 });
  });

  it('refuses at commit an upload past the byte quota, leaving nothing recorded; a duplicate still fits', async () => {
    const { catalog, quotas, tenants } = fixture();
    const tenantId = await newTenant(tenants, { bytes: 20, files: null });
    await catalog.recordIntake(intake(tenantId, 'a'.repeat(15)));
    await expect(catalog.recordIntake(intake(tenantId, 'b'.repeat(6)))).rejects.toMatchObject({ name: 'DomainError', code: 'quota_exceeded', message: expect.stringContaining('would exceed the storage quota') });
    expect(await quotas.usage(tenantId)).toMatchObject({ bytes: 15, files: 1 });
    // Same content again: no new bytes, so it fits.
    await expect(catalog.recordIntake(intake(tenantId, 'a'.repeat(15)))).resolves.toMatchObject({ deduplicated: true });
    await catalog.recordIntake(intake(tenantId, 'c'.repeat(5)));
    expect(await quotas.usage(tenantId)).toMatchObject({ bytes: 20, files: 3 });
  });

  it('refuses a new file past the file quota, but not a new version of a file', async () => {
    const { catalog, tenants } = fixture();
    const tenantId = await newTenant(tenants, { bytes: null, files: 1 });
    const first = await catalog.recordIntake(intake(tenantId, 'one'));
    await expect(catalog.recordIntake(intake(tenantId, 'two'))).rejects.toMatchObject({ code: 'quota_exceeded', message: expect.stringContaining('file quota') });
    await expect(catalog.recordIntake(intake(tenantId, 'one, revised', { fileId: first.file.id }))).resolves.toMatchObject({ version: { version: 2 } });
  });

  it('concurrent uploads cannot together pass the quota: of two that each fit, one is refused', async () => {
    const { catalog, quotas, tenants } = fixture();
    const tenantId = await newTenant(tenants, { bytes: 100, files: null });
    const results = await Promise.allSettled([catalog.recordIntake(intake(tenantId, 'x'.repeat(60))), catalog.recordIntake(intake(tenantId, 'y'.repeat(60)))]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ code: 'quota_exceeded' });
    expect(await quotas.usage(tenantId)).toMatchObject({ bytes: 60, files: 1 });
  });

  it('warns once per threshold crossed, audited in the same transaction, and again after usage fell', async () => {
    const { catalog, quotas, tenants, auditActions } = fixture();
    const tenantId = await newTenant(tenants, { bytes: 100, files: null });
    const quotaWarnings = warnings(tenantId);
    expect((await catalog.recordIntake(intake(tenantId, 'a'.repeat(50), { quotaWarnings }))).quotaWarning).toBeNull();
    const at80 = await catalog.recordIntake(intake(tenantId, 'b'.repeat(30), { quotaWarnings }));
    expect(at80.quotaWarning).toMatchObject({ percent: 80, measure: 'bytes', bytes: 80, files: 2 });
    expect((await catalog.recordIntake(intake(tenantId, 'c'.repeat(5), { quotaWarnings }))).quotaWarning).toBeNull();
    const at95 = await catalog.recordIntake(intake(tenantId, 'd'.repeat(12), { quotaWarnings }));
    expect(at95.quotaWarning).toMatchObject({ percent: 95, bytes: 97 });
    expect((await auditActions(tenantId, 'quota.warning')).map((e) => (e.detail as { percent: number }).percent)).toEqual([80, 95]);
    expect((await quotas.usage(tenantId)).lastWarning).toMatchObject({ percent: 95, measure: 'bytes', bytes: 97, files: 4 });
    // The quota grows: the next upload finds usage below both thresholds and lowers the level; crossing again warns again.
    const slug = (await tenants.getTenant(tenantId))!.slug;
    await tenants.updateTenant(slug, { quotaBytes: 1000 });
    expect((await catalog.recordIntake(intake(tenantId, 'e'.repeat(3), { quotaWarnings }))).quotaWarning).toBeNull();
    await tenants.updateTenant(slug, { quotaBytes: 110 });
    expect((await catalog.recordIntake(intake(tenantId, 'f'.repeat(1), { quotaWarnings }))).quotaWarning).toMatchObject({ percent: 80 });
  });

  it('counts files for warnings too, naming the fuller measure', async () => {
    const { catalog, tenants } = fixture();
    const tenantId = await newTenant(tenants, { bytes: 1_000_000, files: 5 });
    const quotaWarnings = warnings(tenantId);
    for (const n of [1, 2, 3]) expect((await catalog.recordIntake(intake(tenantId, `file ${n}`, { quotaWarnings }))).quotaWarning).toBeNull();
    expect((await catalog.recordIntake(intake(tenantId, 'file 4', { quotaWarnings }))).quotaWarning).toMatchObject({ percent: 80, measure: 'files' });
  });
}
