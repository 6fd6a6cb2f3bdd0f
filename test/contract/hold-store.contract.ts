/** The HoldStore contract: every adapter passes it. */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { AuditEvent } from '../../src/domain/audit.ts';
import type { HoldStore } from '../../src/ports/hold-store.port.ts';

export interface HoldStoreFixture {
  holds: HoldStore;
  newTenant(): Promise<string>;
  /** A file of the tenant (any customer id). */
  newFile(tenantId: string, customerId: string | null): Promise<string>;
  trash(tenantId: string, fileId: string): Promise<void>;
  auditOf(tenantId: string): Promise<string[]>;
}

const audit = (tenantId: string, action: string) => (): AuditEvent => ({ tenantId, actor: 'key:k', role: 'api', action, outcome: 'ok' });

export function holdStoreContract(fixture: () => HoldStoreFixture): void {
  it('places holds on a file, a customer and the tenant, lists them newest first, and finds the oldest covering one', async () => {
    const f = fixture();
    const tenantId = await f.newTenant();
    const fileId = await f.newFile(tenantId, 'cust-1');
    const other = await f.newFile(tenantId, 'cust-2');
    const onFile = await f.holds.place({ tenantId, target: { scope: 'file', fileId }, reason: 'case 1', placedBy: 'key:a', audit: audit(tenantId, 'hold.place') });
    expect(onFile).toMatchObject({ tenantId, scope: 'file', fileId, customerId: null, reason: 'case 1', placedBy: 'key:a', releasedAt: null, releasedBy: null });
    const onCustomer = await f.holds.place({ tenantId, target: { scope: 'customer', customerId: 'cust-2' }, reason: 'case 2', placedBy: 'key:a', audit: audit(tenantId, 'hold.place') });
    expect((await f.holds.coveringHold(tenantId, fileId))?.id).toBe(onFile.id);
    expect((await f.holds.coveringHold(tenantId, other))?.id).toBe(onCustomer.id);
    const third = await f.newFile(tenantId, null);
    expect(await f.holds.coveringHold(tenantId, third)).toBeNull();
    const whole = await f.holds.place({ tenantId, target: { scope: 'tenant' }, reason: 'audit', placedBy: 'key:a', audit: audit(tenantId, 'hold.place') });
    expect((await f.holds.coveringHold(tenantId, third))?.id).toBe(whole.id);
    expect((await f.holds.list(tenantId)).map((h) => h.id)).toEqual([whole.id, onCustomer.id, onFile.id]);
    expect(await f.auditOf(tenantId)).toEqual(['hold.place', 'hold.place', 'hold.place']);
  });

  it('releases once (audited once); released holds cover nothing and stay listed', async () => {
    const f = fixture();
    const tenantId = await f.newTenant();
    const fileId = await f.newFile(tenantId, null);
    const hold = await f.holds.place({ tenantId, target: { scope: 'file', fileId }, reason: 'case', placedBy: 'key:a', audit: audit(tenantId, 'hold.place') });
    const released = await f.holds.release({ tenantId, holdId: hold.id, releasedBy: 'key:b', audit: audit(tenantId, 'hold.release') });
    expect(released).toMatchObject({ id: hold.id, releasedBy: 'key:b' });
    expect(released?.releasedAt).toBeInstanceOf(Date);
    expect(await f.holds.release({ tenantId, holdId: hold.id, releasedBy: 'key:c', audit: audit(tenantId, 'hold.release') })).toMatchObject({ releasedBy: 'key:b' });
    expect(await f.holds.coveringHold(tenantId, fileId)).toBeNull();
    expect(await f.holds.list(tenantId, { activeOnly: true })).toEqual([]);
    expect((await f.holds.list(tenantId)).map((h) => h.id)).toEqual([hold.id]);
    expect(await f.auditOf(tenantId)).toEqual(['hold.place', 'hold.release']);
  });

  it('holds a file in the trash; refuses unknown and other tenants\' files; never shows another tenant\'s holds', async () => {
    const f = fixture();
    const [a, b] = [await f.newTenant(), await f.newTenant()];
    const trashed = await f.newFile(a, null);
    await f.trash(a, trashed);
    expect((await f.holds.place({ tenantId: a, target: { scope: 'file', fileId: trashed }, reason: 'r', placedBy: 'key:a', audit: audit(a, 'hold.place') })).fileId).toBe(trashed);
    const theirs = await f.newFile(b, null);
    for (const fileId of [theirs, randomUUID(), 'nope']) {
      await expect(f.holds.place({ tenantId: a, target: { scope: 'file', fileId }, reason: 'r', placedBy: 'key:a', audit: audit(a, 'hold.place') })).rejects.toMatchObject({ code: 'file_not_found' });
    }
    const bHold = await f.holds.place({ tenantId: b, target: { scope: 'tenant' }, reason: 'r', placedBy: 'key:b', audit: audit(b, 'hold.place') });
    expect(await f.holds.release({ tenantId: a, holdId: bHold.id, releasedBy: 'key:a', audit: audit(a, 'hold.release') })).toBeNull();
    expect(await f.holds.coveringHold(a, theirs)).toBeNull();
    expect((await f.holds.list(a)).map((h) => h.scope)).toEqual(['file']);
    expect((await f.holds.list(b))[0]?.releasedAt).toBeNull();
  });
}
