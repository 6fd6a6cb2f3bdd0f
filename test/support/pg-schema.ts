/**
 * Throwaway schemas on the Postgres server for tests that need their own
 * namespace (e.g. pg-boss's tables). Dropped when the test passes, kept for
 * inspection when it fails (DESIGN.md habit 7).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { onTestFinished as currentTestFinished, type TestContext } from 'vitest';
import { TEST_DATABASE_URL } from './services.ts';

/** A fresh schema name `<prefix>_<random>`; nothing is created. */
export function uniqueSchemaName(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

/** Drop `schema` (and everything in it) on the test server. */
export async function dropSchema(schema: string, connectionString = TEST_DATABASE_URL): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`unsafe schema name: ${schema}`);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/**
 * Inside a test: a schema name that is dropped after the test if it passed.
 * Call it before opening anything that uses the schema, so that cleanups
 * registered later (closing pools, stopping workers) run before the drop.
 * Concurrent tests must pass their context's `onTestFinished`.
 */
export function throwawaySchema(prefix: string, onTestFinished: TestContext['onTestFinished'] = currentTestFinished): string {
  const schema = uniqueSchemaName(prefix);
  onTestFinished(async ({ task }) => {
    if (task.result?.state === 'pass') await dropSchema(schema);
    else console.warn(`[kept] schema ${schema} kept for inspection after a failed test`);
  });
  return schema;
}
