import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import type { Database, QueryResult, Row, Transaction } from '../../src/ports/database.port.ts';
import { AfterCommit } from './after-commit.ts';
import { CREATE_ROLE_IF_MISSING } from './database-roles.queries.ts';
import { PGLITE_RUNTIME_ROLE } from './database-roles.ts';
import { quoteIdent } from './sql-identifiers.ts';

/**
 * Database port on PGlite (Postgres in WebAssembly), the embedded default.
 * One connection per process: PGlite serialises statements and transactions itself.
 *
 * PGlite's one session starts as a superuser, which row-level security never binds. After
 * migrating, the composition creates `voicefiles_app` (createRuntimeRole), grants it what the
 * service needs, and switches the session to it (assumeRole, a session-wide SET ROLE), so the
 * policies apply to every request as they do on a server. SET ROLE can be undone by any SQL the
 * session runs (RESET ROLE): here that only guards against our own bugs (a forgotten tenant
 * binding), which is what row-level security is for; nothing outside this process can send SQL
 * to an embedded database.
 */
export class PgliteDatabase implements Database {
  readonly engine = 'pglite' as const;

  private constructor(private readonly db: PGlite) {}

  /** Open (or create) a database in `dataDir`; `undefined` keeps it in memory. */
  static async open(dataDir?: string): Promise<PgliteDatabase> {
    const db = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { pg_trgm, unaccent, fuzzystrmatch } });
    return new PgliteDatabase(db);
  }

  async query<R extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
    const result = await this.db.query<R>(sql, params as unknown[]);
    return { rows: result.rows, rowCount: result.rows.length > 0 ? result.rows.length : (result.affectedRows ?? 0) };
  }

  async transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const afterCommit = new AfterCommit();
    const value = await this.db.transaction(async (inner) =>
      work({
        query: async <R extends Row = Row>(sql: string, params: readonly unknown[] = []) => {
          const result = await inner.query<R>(sql, params as unknown[]);
          return { rows: result.rows, rowCount: result.rows.length > 0 ? result.rows.length : (result.affectedRows ?? 0) };
        },
        afterCommit: (callback) => afterCommit.add(callback),
      }),
    );
    await afterCommit.run();
    return value;
  }

  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    const unsubscribe = await this.db.listen(channel, onPayload);
    return async () => unsubscribe();
  }

  /** Create the login-less runtime role `voicefiles_app` if missing (as the embedded superuser, before assumeRole). */
  async createRuntimeRole(): Promise<string> {
    await this.db.exec(CREATE_ROLE_IF_MISSING);
    return PGLITE_RUNTIME_ROLE;
  }

  /** From now on every statement of this session runs as `role` (SET ROLE), bound by row-level security. */
  async assumeRole(role: string): Promise<void> {
    await this.db.exec(`set role ${quoteIdent(role)}`);
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
