/** The SessionRevocations contract. */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { SessionRevocations } from '../../src/ports/session-revocations.port.ts';

export function sessionRevocationsContract(fixture: () => { revocations: SessionRevocations; newTenant(): Promise<string> }): void {
  it('remembers a revoked session of a tenant, idempotently, and nothing for another tenant', async () => {
    const { revocations, newTenant } = fixture();
    const tenant = await newTenant();
    const other = await newTenant();
    const session = randomUUID();
    expect(await revocations.isRevoked(tenant, session)).toBe(false);
    await revocations.revoke(tenant, session, new Date(Date.now() + 3600_000));
    await revocations.revoke(tenant, session, new Date(Date.now() + 60_000));
    expect(await revocations.isRevoked(tenant, session)).toBe(true);
    expect(await revocations.isRevoked(other, session)).toBe(false);
    expect(await revocations.isRevoked(tenant, randomUUID())).toBe(false);
  });

  it('forgets revocations whose tokens have expired anyway', async () => {
    const { revocations, newTenant } = fixture();
    const tenant = await newTenant();
    const stale = randomUUID();
    await revocations.revoke(tenant, stale, new Date(Date.now() - 1000));
    await revocations.revoke(tenant, randomUUID(), new Date(Date.now() + 3600_000));
    expect(await revocations.isRevoked(tenant, stale)).toBe(false);
  });
}
