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

/** The executor of one open transaction. */
export interface Transaction extends SqlExecutor {
  /**
   * Run `callback` once this transaction has committed; never after a rollback. For effects
   * outside the database that must follow the commit (waking a local worker, an in-process event).
   * A callback that throws is ignored: the commit has happened.
   */
  afterCommit(callback: () => void | Promise<void>): void;
}

/**
 * A Postgres-compatible database: a server through `pg`, or PGlite embedded.
 * Adapters that need SQL (catalog, search index, job queue) receive this port.
 */
export interface Database extends SqlExecutor {
  /** Which engine answers; some features (row-level security, LISTEN/NOTIFY across processes) differ. */
  readonly engine: 'postgres' | 'pglite';
  /**
   * Run `work` in one transaction; commit when it resolves, roll back when it throws. A server
   * that cannot be reached rejects with DomainError `unavailable` (here and in every method).
   */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Run several statements separated by semicolons, without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Optional: subscribe to NOTIFY on a channel; resolves to an unsubscribe function. */
  listen?(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /** Close connections. */
  close(): Promise<void>;
}
