import pg from 'pg';
import type { Database, QueryResult, Row, Transaction } from '../../src/ports/database.port.ts';
import { AfterCommit } from './after-commit.ts';
import { asUnavailable, isConnectionError } from './database-errors.ts';
import { quoteIdent } from './sql-identifiers.ts';

export interface PgDatabaseOptions {
  connectionString: string;
  /** Schema to put first on the search_path of every connection (tests use one per file). */
  schema?: string;
  /** Pool size; default 10. */
  maxConnections?: number;
  /** Longest wait for a connection (new, or free in the pool) before failing `unavailable`; default 5000 ms. */
  connectTimeoutMs?: number;
  /** Reported errors of idle pooled connections (the pool replaces them); default: ignored. */
  onIdleError?: (error: Error) => void;
}

/**
 * Database port on a Postgres server through `pg`. The server may go away and come back: every
 * method then rejects with DomainError `unavailable` (never hangs past the connect timeout), a
 * broken connection is dropped from the pool instead of being handed out again, and the next call
 * connects afresh.
 */
export class PgDatabase implements Database {
  readonly engine = 'postgres' as const;
  private readonly pool: pg.Pool;
  private readonly connectTimeoutMs: number;

  constructor(private readonly options: PgDatabaseOptions) {
    const searchPath = options.schema ? `-c search_path=${quoteIdent(options.schema)},public` : undefined;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 5000;
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: this.connectTimeoutMs,
      // A server that vanished without closing the socket is noticed by TCP keepalive.
      keepAlive: true,
      ...(searchPath ? { options: searchPath } : {}),
    });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    this.pool.on('error', (error) => options.onIdleError?.(error));
  }

  async query<R extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
    try {
      const result = await this.pool.query(sql, params as unknown[]);
      return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
    } catch (error) {
      throw asUnavailable(error);
    }
  }

  async transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const client = await this.connect();
    const afterCommit = new AfterCommit();
    let broken: unknown = undefined;
    const run = async <R extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> => {
      try {
        const result = await client.query(sql, params as unknown[]);
        return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
      } catch (error) {
        if (isConnectionError(error)) broken = error;
        throw asUnavailable(error);
      }
    };
    let value: T;
    try {
      await run('BEGIN');
      value = await work({ query: run, afterCommit: (callback) => afterCommit.add(callback) });
      await run('COMMIT');
    } catch (error) {
      if (broken === undefined) await client.query('ROLLBACK').catch((rollbackError: unknown) => (broken = rollbackError));
      throw error;
    } finally {
      // A connection that broke (or could not roll back) is destroyed, never handed out again.
      client.release(broken === undefined ? undefined : toError(broken));
    }
    await afterCommit.run();
    return value;
  }

  /** Scripts run on one dedicated connection, rolled back and discarded if they fail half-way. */
  async exec(sql: string): Promise<void> {
    const client = await this.connect();
    let failure: unknown = undefined;
    try {
      await client.query(sql);
    } catch (error) {
      failure = error;
      throw asUnavailable(error);
    } finally {
      if (failure !== undefined) await client.query('ROLLBACK').catch(() => undefined);
      client.release(failure === undefined ? undefined : toError(failure));
    }
  }

  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    const client = new pg.Client({ connectionString: this.options.connectionString, connectionTimeoutMillis: this.connectTimeoutMs, keepAlive: true });
    client.on('error', () => undefined);
    try {
      await client.connect();
      client.on('notification', (message) => {
        if (message.channel === channel) onPayload(message.payload ?? '');
      });
      await client.query(`LISTEN ${quoteIdent(channel)}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw asUnavailable(error);
    }
    return async () => {
      await client.end().catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /**
   * A client checked out of the pool. While checked out, the pool no longer listens for its
   * 'error' event (a server shutting down sends 57P01 even between two statements), and an
   * unheard 'error' event ends the process: listen until it is released. The failing statement,
   * if any, reports the error itself.
   */
  private async connect(): Promise<pg.PoolClient> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw asUnavailable(error);
    }
    const onError = (error: Error) => this.options.onIdleError?.(error);
    client.on('error', onError);
    const release = client.release.bind(client);
    client.release = (destroy?: Error | boolean) => {
      client.off('error', onError);
      release(destroy);
    };
    return client;
  }
}

function toError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

export { quoteIdent };
