/**
 * Live connections per credential (a session token, or an agent key within one call):
 * at most `limit` at once on this node. `acquire` returns the release function, or null
 * when the credential is at its limit.
 */
export class ConnectionLimiter {
  private readonly counts = new Map<string, number>();

  constructor(private readonly limit: (credentialKey: string) => number) {}

  acquire(credentialKey: string): (() => void) | null {
    const current = this.counts.get(credentialKey) ?? 0;
    if (current >= this.limit(credentialKey)) return null;
    this.counts.set(credentialKey, current + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.counts.get(credentialKey) ?? 1) - 1;
      if (left <= 0) this.counts.delete(credentialKey);
      else this.counts.set(credentialKey, left);
    };
  }

  count(credentialKey: string): number {
    return this.counts.get(credentialKey) ?? 0;
  }
}
