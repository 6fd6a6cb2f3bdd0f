import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import type { Database, QueryResult, Row, Transaction } from '../../src/ports/database.port.ts';
import { AfterCommit } from './after-commit.ts';

/**
 * Database port on PGlite (Postgres in WebAssembly), the embedded default.
 * One connection per process: PGlite serialises statements and transactions itself.
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

  async close(): Promise<void> {
    await this.db.close();
  }
}
