/** The AuditLog contract: every adapter passes it. */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { AuditEvent } from '../../src/domain/audit.ts';
import type { AuditLog } from '../../src/ports/audit-log.port.ts';

export interface AuditLogFixture {
  log: AuditLog;
  /** A new tenant; resolves to its id. */
  newTenant(): Promise<string>;
}

const event = (tenantId: string | null, overrides: Partial<AuditEvent> = {}): AuditEvent => ({
  tenantId,
  actor: 'session:abc',
  role: 'caller',
  action: 'file.describe',
  outcome: 'ok',
  ...overrides,
});

/** Register the contract's tests in the current describe block. */
export function auditLogContract(fixture: () => AuditLogFixture): void {
  it('appends events and lists them newest first with every field kept', async () => {
    const { log, newTenant } = fixture();
    const tenantId = await newTenant();
    await log.append(event(tenantId, { action: 'file.upload', target: 'file-1' }));
    await log.append(
      event(tenantId, { action: 'share.confirm', target: 'file-1', callId: 'call-9', requestId: 'req-3', outcome: 'denied', detail: { words: 'yes please' } }),
    );
    const events = await log.list(tenantId);
    expect(events.map((e) => e.action)).toEqual(['share.confirm', 'file.upload']);
    expect(events[0]).toMatchObject({
      tenantId, actor: 'session:abc', role: 'caller', callId: 'call-9', requestId: 'req-3',
      action: 'share.confirm', target: 'file-1', outcome: 'denied', detail: { words: 'yes please' },
    });
    expect(events[0]?.at).toBeInstanceOf(Date);
    expect(typeof events[0]?.id).toBe('string');
    expect(events[1]).toMatchObject({ callId: null, requestId: null, detail: {} });
    expect(events[0]?.id).not.toBe(events[1]?.id);
  });

  it('filters by action and target and honours the limit', async () => {
    const { log, newTenant } = fixture();
    const tenantId = await newTenant();
    for (let i = 0; i < 5; i++) await log.append(event(tenantId, { action: i % 2 ? 'file.find' : 'file.share', target: `file-${i}` }));
    expect((await log.list(tenantId, { action: 'file.share' })).map((e) => e.target)).toEqual(['file-4', 'file-2', 'file-0']);
    expect((await log.list(tenantId, { target: 'file-3' })).map((e) => e.action)).toEqual(['file.find']);
    expect((await log.list(tenantId, { limit: 2 })).map((e) => e.target)).toEqual(['file-4', 'file-3']);
  });

  it("keeps tenants apart; platform events (no tenant) are kept but in no tenant's list", async () => {
    const { log, newTenant } = fixture();
    const [a, b] = [await newTenant(), await newTenant()];
    await log.append(event(a, { action: 'a.only' }));
    await log.append(event(b, { action: 'b.only' }));
    await log.append(event(null, { actor: 'master', role: 'admin', action: 'tenant.create' }));
    expect((await log.list(a)).map((e) => e.action)).toEqual(['a.only']);
    expect((await log.list(b)).map((e) => e.action)).toEqual(['b.only']);
    expect(await log.list(randomUUID())).toEqual([]);
  });
}
