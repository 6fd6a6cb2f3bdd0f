import { isDomainError } from '../domain/errors.ts';
import type { SessionRevocations } from '../ports/session-revocations.port.ts';

export interface RevocationCacheOptions {
  /**
   * How long a "not revoked" answer is trusted. This bounds how late another node
   * learns of a revocation; the node that revokes knows at once.
   */
  ttlMs: number;
  /** Entries kept at most; the oldest go first. */
  maxEntries: number;
  /** Milliseconds now (injectable for tests). */
  now?: () => number;
}

/**
 * Session revocations with a small in-memory cache in front: a revoked session
 * stays revoked, so that answer is kept; "not revoked" is asked again after `ttlMs`.
 */
export class CachedSessionRevocations implements SessionRevocations {
  private readonly answers = new Map<string, { revoked: boolean; at: number }>();
  private readonly now: () => number;

  constructor(
    private readonly store: SessionRevocations,
    private readonly options: RevocationCacheOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async revoke(tenantId: string, sessionId: string, until: Date): Promise<void> {
    await this.store.revoke(tenantId, sessionId, until);
    this.remember(`${tenantId}/${sessionId}`, true);
  }

  async isRevoked(tenantId: string, sessionId: string): Promise<boolean> {
    const key = `${tenantId}/${sessionId}`;
    const cached = this.answers.get(key);
    if (cached && (cached.revoked || this.now() - cached.at < this.options.ttlMs)) return cached.revoked;
    let revoked: boolean;
    try {
      revoked = await this.store.isRevoked(tenantId, sessionId);
    } catch (error) {
      // The database away: keep the last answer rather than end every live call. Nothing can be
      // served without the database anyway (tools answer "try again"); a revocation made during the
      // outage is seen at the first check after it.
      if (cached && isDomainError(error) && error.code === 'unavailable') return cached.revoked;
      throw error;
    }
    this.remember(key, revoked);
    return revoked;
  }

  private remember(key: string, revoked: boolean): void {
    this.answers.delete(key);
    this.answers.set(key, { revoked, at: this.now() });
    while (this.answers.size > this.options.maxEntries) {
      const oldest = this.answers.keys().next().value;
      if (oldest === undefined) break;
      this.answers.delete(oldest);
    }
  }
}
