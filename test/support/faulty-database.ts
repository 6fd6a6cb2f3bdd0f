/**
 * A Database wrapper that injects faults: a simulated outage (every statement fails as a lost
 * connection would, as DomainError `unavailable`), or one failure at the n-th statement run
 * inside transactions (to cut a transaction between any two of its writes).
 */
import { DomainError } from '../../src/domain/errors.ts';
import type { Database, QueryResult, Row, Transaction } from '../../src/ports/database.port.ts';

/** Thrown by a planned fault: distinguishable from real errors in assertions. */
export class InjectedFault extends Error {
  override readonly name = 'InjectedFault';
}

export interface FaultyDatabase extends Database {
  /** While true, every statement (and every new transaction) fails `unavailable`. */
  outage: boolean;
  /** Statements run inside transactions since the last `failAt`, counting BEGIN-less work only. */
  readonly transactionStatements: number;
  /** Let the `n`-th statement (1-based) run inside transactions from now on throw InjectedFault; 0 disarms. */
  failAt(n: number): void;
  /** Also fail the commit of the next transaction that reaches it (after its statements ran). */
  failNextCommit(): void;
  /** Let the next transaction commit, then report a lost connection anyway (the outcome the client cannot know). */
  loseNextCommitReply(): void;
  /**
   * Fail each statement run inside transactions with this probability from now on (0 stops),
   * drawn from a seeded generator so a failing run can be replayed. Random, not periodic: a
   * job retried from its start would never get past a fault that recurs every n statements.
   */
  failRandomly(probability: number, seed?: number): void;
  /** How many faults were injected so far. */
  readonly injected: number;
}

export function faultyDatabase(inner: Database): FaultyDatabase {
  let counted = 0;
  let target = 0;
  let failCommit = false;
  let loseReply = false;
  let probability = 0;
  let random = seeded(1);
  let injected = 0;
  const unavailable = () => new DomainError('unavailable', 'simulated outage', { cause: new Error('Connection terminated unexpectedly') });
  const wrapper: FaultyDatabase = {
    engine: inner.engine,
    outage: false,
    get transactionStatements() {
      return counted;
    },
    get injected() {
      return injected;
    },
    failRandomly(p: number, seed = 1) {
      probability = p;
      random = seeded(seed);
    },
    failAt(n: number) {
      counted = 0;
      target = n;
    },
    failNextCommit() {
      failCommit = true;
    },
    loseNextCommitReply() {
      loseReply = true;
    },
    async query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
      if (wrapper.outage) throw unavailable();
      return inner.query<R>(sql, params);
    },
    async transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
      if (wrapper.outage) throw unavailable();
      const value = await inner.transaction(async (tx) => {
        const value = await work({
          afterCommit: (callback) => tx.afterCommit(callback),
          query: async <R extends Row = Row>(sql: string, params?: readonly unknown[]) => {
            if (wrapper.outage) throw unavailable();
            counted++;
            if ((target > 0 && counted === target) || (probability > 0 && random() < probability)) {
              target = 0;
              injected++;
              throw new InjectedFault(`injected fault at statement ${counted} of a transaction: ${sql.trim().split('\n')[0]?.slice(0, 80)}`);
            }
            return tx.query<R>(sql, params);
          },
        });
        if (failCommit) {
          failCommit = false;
          injected++;
          throw new InjectedFault('injected fault at commit');
        }
        return value;
      });
      if (loseReply) {
        loseReply = false;
        injected++;
        throw new InjectedFault('injected fault: committed, but the reply was lost');
      }
      return value;
    },
    async exec(sql: string): Promise<void> {
      if (wrapper.outage) throw unavailable();
      await inner.exec(sql);
    },
    async close(): Promise<void> {
      await inner.close();
    },
  };
  if (inner.listen) {
    const listen = inner.listen.bind(inner);
    wrapper.listen = async (channel, onPayload) => {
      if (wrapper.outage) throw unavailable();
      return listen(channel, onPayload);
    };
  }
  return wrapper;
}

/** mulberry32: a small seeded generator of numbers in [0, 1). */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
