import type { SessionRevocations } from '../../../src/ports/session-revocations.port.ts';

/** In-memory SessionRevocations for unit tests; `lookups` counts the questions that reached it. */
export class MemorySessionRevocations implements SessionRevocations {
  private readonly revoked = new Map<string, number>();
  lookups = 0;

  async revoke(tenantId: string, sessionId: string, until: Date): Promise<void> {
    for (const [key, expires] of this.revoked) if (key.startsWith(`${tenantId}/`) && expires < Date.now()) this.revoked.delete(key);
    const key = `${tenantId}/${sessionId}`;
    this.revoked.set(key, Math.max(this.revoked.get(key) ?? 0, until.getTime()));
  }

  async isRevoked(tenantId: string, sessionId: string): Promise<boolean> {
    this.lookups++;
    const until = this.revoked.get(`${tenantId}/${sessionId}`);
    return until !== undefined && until >= Date.now();
  }
}
