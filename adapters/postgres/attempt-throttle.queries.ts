/** SQL of PostgresAttemptThrottle. Parameters are positional; nothing here is built from input. Run inside inTenant(). */

/**
 * Refill one bucket to now and lock its row for the transaction: $4 burst, $5 now, $6 tokens
 * per second. A missing bucket starts full. Returns the tokens it holds now.
 */
export const REFILL = `
insert into code_attempt_buckets as b (tenant_id, scope, key, tokens, updated_at)
values ($1, $2, $3, $4, $5)
on conflict (tenant_id, scope, key) do update
set tokens = least($4::double precision, b.tokens + greatest(0, extract(epoch from ($5::timestamptz - b.updated_at))) * $6::double precision),
    updated_at = greatest(b.updated_at, $5::timestamptz)
returning b.tokens`;

/** Take ($4 = -1) or give back ($4 = 1) one token, never above the burst $5. */
export const ADD_TOKEN = `
update code_attempt_buckets as b
set tokens = least($5::double precision, b.tokens + $4::double precision)
where b.tenant_id = $1 and b.scope = $2 and b.key = $3`;

