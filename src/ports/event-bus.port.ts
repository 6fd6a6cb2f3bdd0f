/** An event about a tenant's data, pushed to whoever listens (live calls, CLI waiters). */
export interface BusEvent {
  type: string;
  tenantId: string;
  /** Small JSON payload; ids and states, never file contents. */
  data: Record<string, unknown>;
}

/** Publish/subscribe across server nodes (Postgres NOTIFY) or in-process. */
export interface EventBus {
  /** Deliver to every subscriber on every node, at most once each. */
  publish(event: BusEvent): Promise<void>;
  /** Receive events of one tenant; resolves to an unsubscribe function. */
  subscribe(tenantId: string, onEvent: (event: BusEvent) => void): Promise<() => void>;
  /** Stop listening and release connections. */
  close?(): Promise<void>;
}
