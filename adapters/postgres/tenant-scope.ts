import type { Database, Transaction } from '../../src/ports/database.port.ts';

/** Transaction-local: row-level security policies read it; it resets when the transaction ends. */
const SET_TENANT = "select set_config('app.tenant_id', $1, true)";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a textual UUID; anything else cannot name a row and must not reach a `::uuid` cast. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * Run `work` in a transaction bound to one tenant: `app.tenant_id` is set first, so the
 * row-level security policies (second line of defence) hide every other tenant's rows.
 */
export async function inTenant<T>(db: Database, tenantId: string, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query(SET_TENANT, [tenantId]);
    return work(tx);
  });
}

/** The SQLSTATE and constraint of a driver error (pg and PGlite both expose them). */
export function sqlErrorOf(error: unknown): { code?: string; constraint?: string } {
  if (typeof error !== 'object' || error === null) return {};
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return {
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof constraint === 'string' ? { constraint } : {}),
  };
}
