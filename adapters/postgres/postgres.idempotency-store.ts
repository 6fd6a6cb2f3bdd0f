import type { Database } from '../../src/ports/database.port.ts';
import type { IdempotencyClaim, IdempotencyStore, IdempotentResponse } from '../../src/ports/idempotency-store.port.ts';
import * as sql from './idempotency-store.queries.ts';
import { inTenant } from './tenant-scope.ts';

/** IdempotencyStore on Postgres (server or PGlite): one row per (tenant, key) in `idempotency_keys`. */
export class PostgresIdempotencyStore implements IdempotencyStore {
  constructor(private readonly db: Database) {}

  async claim(tenantId: string, key: string, request: { fingerprint: string; now: Date; leaseUntil: Date; expiredBefore: Date }): Promise<IdempotencyClaim> {
    return inTenant(this.db, tenantId, async (tx) => {
      await tx.query(sql.DELETE_EXPIRED, [tenantId, request.expiredBefore]);
      let row;
      // Twice: a holder may release its claim between our insert meeting it and our read of it.
      for (let attempt = 0; attempt < 2 && !row; attempt++) {
        const claimed = await tx.query(sql.CLAIM, [tenantId, key, request.fingerprint, request.leaseUntil, request.now]);
        if (claimed.rows.length > 0) return { kind: 'claimed' };
        row = (await tx.query(sql.SELECT_KEY, [tenantId, key])).rows[0];
      }
      if (!row) return { kind: 'in_progress', fingerprint: request.fingerprint };
      const fingerprint = String(row.fingerprint);
      if (row.state !== 'completed') return { kind: 'in_progress', fingerprint };
      const response: IdempotentResponse = { status: Number(row.response_status), body: row.response_body as Record<string, unknown> };
      return { kind: 'completed', fingerprint, contentSha256: String(row.content_sha256), response };
    });
  }

  async extend(tenantId: string, key: string, leaseUntil: Date): Promise<void> {
    await inTenant(this.db, tenantId, (tx) => tx.query(sql.EXTEND, [tenantId, key, leaseUntil]));
  }

  async complete(tenantId: string, key: string, result: { contentSha256: string; response: IdempotentResponse }): Promise<void> {
    await inTenant(this.db, tenantId, (tx) => tx.query(sql.COMPLETE, [tenantId, key, result.contentSha256, result.response.status, JSON.stringify(result.response.body)]));
  }

  async release(tenantId: string, key: string): Promise<void> {
    await inTenant(this.db, tenantId, (tx) => tx.query(sql.RELEASE, [tenantId, key]));
  }
}
