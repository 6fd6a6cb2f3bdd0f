import type { AttemptThrottle, BucketRef, ThrottleDecision } from '../../src/ports/attempt-throttle.port.ts';
import type { Database } from '../../src/ports/database.port.ts';
import * as sql from './attempt-throttle.queries.ts';
import { inTenant, isUuid } from './tenant-scope.ts';

/**
 * AttemptThrottle on Postgres (table `code_attempt_buckets`, migration 040): each take refills
 * and locks the rows of its buckets in one transaction, in a fixed order (no deadlocks between
 * takes naming the same buckets), and takes from all or none.
 */
export class PostgresAttemptThrottle implements AttemptThrottle {
  constructor(private readonly db: Database) {}

  async take(tenantId: string, buckets: readonly BucketRef[], now: Date): Promise<ThrottleDecision> {
    if (!isUuid(tenantId)) return { allowed: false, retryAfterSeconds: 60, scope: 'tenant' };
    const ordered = inOrder(buckets);
    return inTenant(this.db, tenantId, async (tx) => {
      let denied: ThrottleDecision | null = null;
      for (const bucket of ordered) {
        const rate = bucket.limit.attempts / bucket.limit.perSeconds;
        const { rows } = await tx.query(sql.REFILL, [tenantId, bucket.scope, bucket.key, bucket.limit.burst, now, rate]);
        const tokens = Number(rows[0]?.tokens ?? 0);
        if (tokens < 1) {
          const wait = Math.max(1, Math.ceil((1 - tokens) / rate));
          if (denied === null || (!denied.allowed && wait > denied.retryAfterSeconds)) denied = { allowed: false, retryAfterSeconds: wait, scope: bucket.scope };
        }
      }
      if (denied) return denied;
      for (const bucket of ordered) await tx.query(sql.ADD_TOKEN, [tenantId, bucket.scope, bucket.key, -1, bucket.limit.burst]);
      return { allowed: true };
    });
  }

  async refund(tenantId: string, buckets: readonly BucketRef[]): Promise<void> {
    if (!isUuid(tenantId) || buckets.length === 0) return;
    await inTenant(this.db, tenantId, async (tx) => {
      for (const bucket of inOrder(buckets)) await tx.query(sql.ADD_TOKEN, [tenantId, bucket.scope, bucket.key, 1, bucket.limit.burst]);
    });
  }
}

function inOrder(buckets: readonly BucketRef[]): BucketRef[] {
  return [...buckets].sort((a, b) => (a.scope === b.scope ? (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : a.scope < b.scope ? -1 : 1));
}
