import type { Database, Transaction } from '../../src/ports/database.port.ts';
import type { BusEvent, EventBus } from '../../src/ports/event-bus.port.ts';
import { decodeEvent, encodeEvent } from './bus-event.codec.ts';
import { NOTIFY_SQL, NotifyListener } from './postgres-notify.listener.ts';

export interface PostgresNotifyEventBusOptions {
  /** Needs `listen` (PgDatabase, or PgliteDatabase within one process). */
  database: Database;
  /** NOTIFY channel shared by all nodes of a deployment. Default `voicefiles_events`. */
  channel?: string;
  /** Heartbeat period of the LISTEN connection. Default 5000 ms. */
  heartbeatIntervalMs?: number;
  /** A heartbeat missing for this long triggers a reconnect. Default 2000 ms. */
  heartbeatTimeoutMs?: number;
  /** Reconnect backoff. Default 100 ms doubling to 10 s; an attempt times out after 10 s. */
  reconnect?: { initialDelayMs: number; maxDelayMs: number; connectTimeoutMs: number };
  /** Connection faults and subscriber exceptions. Default: console.error. */
  onError?: (error: Error) => void;
}

/**
 * EventBus across server nodes: `pg_notify` on one channel, one LISTEN connection
 * per bus (opened on the first subscription), dispatch to local subscribers by tenant.
 * Delivery is at most once; events published while a node's connection is down are lost.
 */
export class PostgresNotifyEventBus implements EventBus {
  private readonly channel: string;
  private readonly subscribers = new Map<string, Set<(event: BusEvent) => void>>();
  private readonly onError: (error: Error) => void;
  private listener: Promise<NotifyListener> | undefined;

  constructor(private readonly options: PostgresNotifyEventBusOptions) {
    this.channel = options.channel ?? 'voicefiles_events';
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(this.channel)) throw new Error(`invalid NOTIFY channel name: ${this.channel}`);
    this.onError = options.onError ?? ((error) => console.error(error));
  }

  async publish(event: BusEvent): Promise<void> {
    await this.options.database.query(NOTIFY_SQL, [this.channel, encodeEvent(event)]);
  }

  /** NOTIFY inside the transaction: Postgres delivers it on commit and drops it on rollback. */
  async publishOnCommit(tx: Transaction, event: BusEvent): Promise<void> {
    await tx.query(NOTIFY_SQL, [this.channel, encodeEvent(event)]);
  }

  async subscribe(tenantId: string, onEvent: (event: BusEvent) => void): Promise<() => void> {
    await this.listen();
    let set = this.subscribers.get(tenantId);
    if (!set) this.subscribers.set(tenantId, (set = new Set()));
    // A wrapper, so the same function subscribed twice is two subscriptions.
    const subscriber = (event: BusEvent) => onEvent(event);
    set.add(subscriber);
    return () => {
      set.delete(subscriber);
      if (set.size === 0 && this.subscribers.get(tenantId) === set) this.subscribers.delete(tenantId);
    };
  }

  async close(): Promise<void> {
    const listener = this.listener;
    this.listener = undefined;
    this.subscribers.clear();
    await (await listener?.catch(() => undefined))?.close();
  }

  private listen(): Promise<NotifyListener> {
    this.listener ??= (async () => {
      const listener = new NotifyListener({
        database: this.options.database,
        channel: this.channel,
        onPayload: (payload) => this.dispatch(payload),
        onError: this.onError,
        heartbeatIntervalMs: this.options.heartbeatIntervalMs ?? 5_000,
        heartbeatTimeoutMs: this.options.heartbeatTimeoutMs ?? 2_000,
        reconnect: this.options.reconnect ?? { initialDelayMs: 100, maxDelayMs: 10_000, connectTimeoutMs: 10_000 },
      });
      await listener.start();
      return listener;
    })();
    // A first connection that fails is not kept: the next subscribe tries again.
    this.listener.catch(() => (this.listener = undefined));
    return this.listener;
  }

  private dispatch(payload: string): void {
    const tenantId = decodeEvent(payload)?.tenantId;
    const set = tenantId === undefined ? undefined : this.subscribers.get(tenantId);
    if (!set) return;
    for (const subscriber of [...set]) {
      // Each subscriber gets its own copy.
      const event = decodeEvent(payload)!;
      try {
        subscriber(event);
      } catch (error) {
        this.onError(new Error(`an event subscriber of tenant ${tenantId} threw`, { cause: error }));
      }
    }
  }
}
