/**
 * Databases for tests. On the Postgres server each test file gets its own schema, named
 * from the file plus a random suffix, migrated, and dropped only when every test passed
 * (kept on failure for inspection, as pg-boss does). PGlite runs in memory.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe } from 'vitest';
import { PgDatabase, quoteIdent } from '../../adapters/postgres/pg.database.ts';
import { PgliteDatabase } from '../../adapters/postgres/pglite.database.ts';
import { migrate } from '../../adapters/postgres/migrate.ts';
import type { Database } from '../../src/ports/database.port.ts';
import { postgresAvailable, TEST_DATABASE_URL } from './services.ts';

export type Engine = Database['engine'];

export interface TestDatabase {
  db: Database;
  engine: Engine;
  /** The schema on the server (null on PGlite). */
  schema: string | null;
  /** Close connections; on the server drop the schema only if `passed`. */
  cleanup(passed: boolean): Promise<void>;
}

/** `t_<test file name>_<random>`: a valid, unquoted identifier of at most 63 characters. */
export function schemaNameFor(fileUrl: string): string {
  const base = path.basename(fileURLToPath(fileUrl)).replace(/\.test\.ts$/, '');
  const clean = base.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 48);
  return `t_${clean}_${randomBytes(3).toString('hex')}`;
}

/** A fresh, migrated database for one test file on `engine`. */
export async function testDatabase(fileUrl: string, engine: Engine = 'postgres'): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const db = await PgliteDatabase.open();
    await migrate(db);
    return { db, engine, schema: null, cleanup: () => db.close() };
  }
  const schema = schemaNameFor(fileUrl);
  const admin = new PgDatabase({ connectionString: TEST_DATABASE_URL, maxConnections: 1 });
  try {
    await admin.exec(`create schema ${quoteIdent(schema)}`);
  } finally {
    await admin.close();
  }
  const db = new PgDatabase({ connectionString: TEST_DATABASE_URL, schema, maxConnections: 4 });
  try {
    await migrate(db);
  } catch (error) {
    console.warn(`[db] migrations failed: schema ${schema} kept for inspection in ${TEST_DATABASE_URL}`);
    await db.close();
    throw error;
  }
  return {
    db,
    engine,
    schema,
    cleanup: async (passed) => {
      if (passed) await db.exec(`drop schema ${quoteIdent(schema)} cascade`);
      else console.warn(`[db] tests failed: schema ${schema} kept for inspection in ${TEST_DATABASE_URL}`);
      await db.close();
    },
  };
}

/** What a suite defined by `forEachEngine` reads once its database is ready. */
export interface EngineContext {
  readonly db: Database;
  readonly engine: Engine;
}

/**
 * Define `suite` once per engine: PGlite (always) and the Postgres server (skipped with the
 * service named in the title when unreachable; a failure under REQUIRE_SERVICES=1). `suite`
 * receives a getter, valid inside tests and hooks.
 */
export async function forEachEngine(fileUrl: string, suite: (ctx: () => EngineContext) => void): Promise<void> {
  const serverUp = await postgresAvailable();
  for (const engine of ['pglite', 'postgres'] as const) {
    const skip = engine === 'postgres' && !serverUp;
    const title = skip ? `on postgres (skipped: PostgreSQL server not reachable at ${TEST_DATABASE_URL})` : `on ${engine}`;
    describe.skipIf(skip)(title, () => {
      let current: TestDatabase | undefined;
      beforeAll(async () => {
        current = await testDatabase(fileUrl, engine);
      });
      afterAll(async ({}, finished) => {
        await current?.cleanup(!hasFailure(finished));
      });
      suite(() => {
        if (!current) throw new Error(`the ${engine} test database is not ready`);
        return current;
      });
    });
  }
}

interface TaskLike {
  result?: { state?: string };
  tasks?: readonly TaskLike[];
}

/** True when the suite or any test inside it failed. */
export function hasFailure(task: TaskLike): boolean {
  return task.result?.state === 'fail' || (task.tasks ?? []).some(hasFailure);
}
