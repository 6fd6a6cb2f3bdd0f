/** Rows as returned by the driver; column names are snake_case as in SQL. */
export type Row = Record<string, unknown>;

export interface QueryResult<R extends Row = Row> {
  rows: R[];
  rowCount: number;
}

/** Something that runs parameterised SQL: a pool, a connection, or a transaction. */
export interface SqlExecutor {
  /** Run one parameterised statement ($1, $2...). Never build SQL from input. */
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
}

/**
 * A Postgres-compatible database: a server through `pg`, or PGlite embedded.
 * Adapters that need SQL (catalog, search index, job queue) receive this port.
 */
export interface Database extends SqlExecutor {
  /** Which engine answers; some features (row-level security, LISTEN/NOTIFY across processes) differ. */
  readonly engine: 'postgres' | 'pglite';
  /** Run `work` in one transaction; commit when it resolves, roll back when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Run several statements separated by semicolons, without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Optional: subscribe to NOTIFY on a channel; resolves to an unsubscribe function. */
  listen?(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /** Close connections. */
  close(): Promise<void>;
}
