import type PgBoss from 'pg-boss';
import type { Database } from '../../src/ports/database.port.ts';

/**
 * pg-boss's database contract (`executeSql`) on top of our Database port, so the
 * queue runs unchanged on a Postgres server and on PGlite.
 *
 * pg-boss sends two kinds of SQL: single parameterised statements, and
 * `BEGIN; ...; COMMIT;` scripts without parameters (schema creation, migrations,
 * maintenance under an advisory lock). The scripts go through `exec`, because
 * PGlite's `query` (extended protocol) accepts one statement only; their results
 * are never read by pg-boss.
 */
export function pgBossDb(database: Database): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      const params = values ?? [];
      if (params.length === 0 && /^\s*BEGIN\s*;/i.test(text)) {
        await runScript(database, text);
        return { rows: [] };
      }
      const result = await database.query(text, params);
      return { rows: result.rows };
    },
  };
}

async function runScript(database: Database, script: string): Promise<void> {
  try {
    await database.exec(script);
  } catch (error) {
    // A failed script leaves its session inside an aborted transaction. PGlite has a
    // single session, so close it; on a pool the server ends such a session after
    // pg-boss's `idle_in_transaction_session_timeout` (30 s).
    if (database.engine === 'pglite') await database.exec('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
