import type { IdempotencyClaim, IdempotencyStore, IdempotentResponse } from '../../../src/ports/idempotency-store.port.ts';

interface Entry {
  fingerprint: string;
  state: 'in_progress' | 'completed';
  leaseUntil: number;
  createdAt: number;
  contentSha256?: string;
  response?: IdempotentResponse;
}

/** An in-memory IdempotencyStore for unit tests; it passes the same contract as the Postgres one. */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly entries = new Map<string, Entry>();
  /** Set to make the next call of that method fail. */
  failNext: Partial<Record<'claim' | 'extend' | 'complete' | 'release', Error>> = {};

  async claim(tenantId: string, key: string, request: { fingerprint: string; now: Date; leaseUntil: Date; expiredBefore: Date }): Promise<IdempotencyClaim> {
    this.maybeFail('claim');
    for (const [id, entry] of this.entries) if (id.startsWith(`${tenantId}/`) && entry.createdAt < request.expiredBefore.getTime()) this.entries.delete(id);
    const id = `${tenantId}/${key}`;
    const entry = this.entries.get(id);
    if (!entry || (entry.state === 'in_progress' && entry.leaseUntil < request.now.getTime())) {
      this.entries.set(id, { fingerprint: request.fingerprint, state: 'in_progress', leaseUntil: request.leaseUntil.getTime(), createdAt: request.now.getTime() });
      return { kind: 'claimed' };
    }
    if (entry.state === 'in_progress') return { kind: 'in_progress', fingerprint: entry.fingerprint };
    return { kind: 'completed', fingerprint: entry.fingerprint, contentSha256: entry.contentSha256!, response: structuredClone(entry.response!) };
  }

  async extend(tenantId: string, key: string, leaseUntil: Date): Promise<void> {
    this.maybeFail('extend');
    const entry = this.entries.get(`${tenantId}/${key}`);
    if (entry?.state === 'in_progress') entry.leaseUntil = leaseUntil.getTime();
  }

  async complete(tenantId: string, key: string, result: { contentSha256: string; response: IdempotentResponse }): Promise<void> {
    this.maybeFail('complete');
    const entry = this.entries.get(`${tenantId}/${key}`);
    if (entry?.state !== 'in_progress') return;
    Object.assign(entry, { state: 'completed', contentSha256: result.contentSha256, response: structuredClone(result.response) });
  }

  async release(tenantId: string, key: string): Promise<void> {
    this.maybeFail('release');
    const id = `${tenantId}/${key}`;
    if (this.entries.get(id)?.state === 'in_progress') this.entries.delete(id);
  }

  private maybeFail(method: keyof MemoryIdempotencyStore['failNext']): void {
    const error = this.failNext[method];
    if (!error) return;
    delete this.failNext[method];
    throw error;
  }
}
