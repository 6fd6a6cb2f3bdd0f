/**
 * SQL of PostgresAttemptThrottle: one round trip per take and per refund, through the functions
 * of migration 042 (they bind the tenant for their body, so no surrounding transaction is needed).
 */

/** $1 tenant, $2 scopes, $3 keys, $4 tokens per second, $5 bursts, $6 now: per bucket its tokens after the refill and whether all were taken. */
export const TAKE = 'select bucket_scope as scope, bucket_tokens as tokens, taken from vf_take_code_tokens($1::uuid, $2::text[], $3::text[], $4::float8[], $5::float8[], $6::timestamptz)';

/** $1 tenant, $2 scopes, $3 keys, $4 bursts. */
export const REFUND = 'select vf_refund_code_tokens($1::uuid, $2::text[], $3::text[], $4::float8[])';
