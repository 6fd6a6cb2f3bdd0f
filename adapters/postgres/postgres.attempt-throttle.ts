import type { AttemptThrottle, BucketRef, ThrottleDecision } from '../../src/ports/attempt-throttle.port.ts';
import type { Database } from '../../src/ports/database.port.ts';
import * as sql from './attempt-throttle.queries.ts';
import { isUuid } from './tenant-scope.ts';

/**
 * AttemptThrottle on Postgres (table `code_attempt_buckets`, migration 040; functions of 042):
 * a take refills and locks its buckets in a fixed order (no deadlocks between takes naming the
 * same buckets) and takes from all or none, in one statement, so a hot bucket's row is locked only
 * for that statement.
 */
export class PostgresAttemptThrottle implements AttemptThrottle {
  constructor(private readonly db: Database) {}

  async take(tenantId: string, buckets: readonly BucketRef[], now: Date): Promise<ThrottleDecision> {
    if (!isUuid(tenantId)) return { allowed: false, retryAfterSeconds: 60, scope: 'tenant' };
    if (buckets.length === 0) return { allowed: true };
    const { rows } = await this.db.query(sql.TAKE, [
      tenantId, buckets.map((b) => b.scope), buckets.map((b) => b.key), buckets.map((b) => b.limit.attempts / b.limit.perSeconds), buckets.map((b) => b.limit.burst), now,
    ]);
    if (rows.every((row) => row.taken === true)) return { allowed: true };
    // The bucket that keeps the attempt waiting longest names the wait.
    let denied = { allowed: false as const, retryAfterSeconds: 1, scope: String(rows[0]?.scope ?? buckets[0]!.scope) };
    let longest = 0;
    for (const row of rows) {
      const tokens = Number(row.tokens);
      const bucket = buckets.find((b) => b.scope === row.scope);
      if (tokens >= 1 || !bucket) continue;
      const wait = Math.max(1, Math.ceil((1 - tokens) / (bucket.limit.attempts / bucket.limit.perSeconds)));
      if (wait > longest) {
        longest = wait;
        denied = { allowed: false, retryAfterSeconds: wait, scope: String(row.scope) };
      }
    }
    return denied;
  }

  async refund(tenantId: string, buckets: readonly BucketRef[]): Promise<void> {
    if (!isUuid(tenantId) || buckets.length === 0) return;
    await this.db.query(sql.REFUND, [tenantId, buckets.map((b) => b.scope), buckets.map((b) => b.key), buckets.map((b) => b.limit.burst)]);
  }
}
