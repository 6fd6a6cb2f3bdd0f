/** An event about a tenant's data, pushed to whoever listens (live calls, CLI waiters). */
export interface BusEvent {
  type: string;
  tenantId: string;
  /** Small JSON payload; ids and states, never file contents. */
  data: Record<string, unknown>;
}

import type { Transaction } from './database.port.ts';

/** Publish/subscribe across server nodes (Postgres NOTIFY) or in-process. */
export interface EventBus {
  /** Deliver to every subscriber on every node, at most once each. */
  publish(event: BusEvent): Promise<void>;
  /**
   * Publish `event` as part of `tx`: delivered once it commits, never if it rolls back. A bad
   * event (too large, malformed) rejects here, so the transaction rolls back with it.
   */
  publishOnCommit(tx: Transaction, event: BusEvent): Promise<void>;
  /** Receive events of one tenant; resolves to an unsubscribe function. */
  subscribe(tenantId: string, onEvent: (event: BusEvent) => void): Promise<() => void>;
  /** Stop listening and release connections. */
  close?(): Promise<void>;
}
