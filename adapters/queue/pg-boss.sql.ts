/**
 * The statements this adapter runs against pg-boss's own tables (v10 layout:
 * one `job` table partitioned by queue name). Everything else goes through pg-boss.
 * `schema` is validated by `assertSchemaName` before it reaches here.
 */
export function pgBossSql(schema: string) {
  return {
    /** Is a job of this queue and key waiting for its next try? (pg-boss's `short` policy only dedupes `created`.) */
    pendingRetry: `
      SELECT 1 FROM ${schema}.job
      WHERE name = $1 AND singleton_key = $2 AND state = 'retry'
      LIMIT 1`,
    /** Make the jobs of a queue that wait for their retry due now (their cause went away). */
    retryNow: `
      UPDATE ${schema}.job SET start_after = now()
      WHERE name = $1 AND state = 'retry' AND start_after > now()`,
    /** Spend the remaining tries of an active job, so that the following `fail` is final and dead-letters it. */
    exhaustRetries: `
      UPDATE ${schema}.job SET retry_limit = retry_count
      WHERE name = $1 AND id = $2 AND state = 'active'`,
  } as const;
}

/** pg-boss schema names end up in SQL text: allow plain identifiers only. */
export function assertSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,49}$/.test(schema)) throw new Error(`invalid pg-boss schema name: ${schema}`);
  return schema;
}
