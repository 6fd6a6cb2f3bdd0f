import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../../src/ports/database.port.ts';

/** The one statement the bus runs: NOTIFY with a bound channel and payload. */
export const NOTIFY_SQL = 'SELECT pg_notify($1, $2)';

/** A fault of the LISTEN connection (lost, or cannot be opened); the listener keeps trying. */
export class EventBusConnectionError extends Error {
  override readonly name = 'EventBusConnectionError';
}

export interface NotifyListenerOptions {
  database: Database;
  channel: string;
  /** Receives every payload on the channel except this listener's own heartbeats. */
  onPayload: (payload: string) => void;
  onError: (error: Error) => void;
  /** How often a heartbeat NOTIFY checks that the LISTEN connection still delivers. */
  heartbeatIntervalMs: number;
  /** A heartbeat not back within this long means the connection is lost. */
  heartbeatTimeoutMs: number;
  /** Reconnect backoff: first delay, doubled up to `maxDelayMs`; an attempt hanging past `connectTimeoutMs` counts as failed. */
  reconnect: { initialDelayMs: number; maxDelayMs: number; connectTimeoutMs: number };
}

/**
 * One LISTEN connection kept alive. The Database port does not report a dropped
 * LISTEN connection, so a heartbeat (a NOTIFY this listener must hear back) finds
 * out; then the connection is replaced, with backoff while the server is away.
 * Payloads published while it is down are lost: NOTIFY is not durable.
 */
export class NotifyListener {
  private readonly heartbeatPrefix = `{"heartbeat":"${randomUUID()}:`;
  private generation = 0;
  private unlisten: (() => Promise<void>) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private pending: string | undefined;
  private sequence = 0;
  private reconnecting = false;
  private closed = false;

  constructor(private readonly options: NotifyListenerOptions) {}

  /** Open the connection; rejects when the first attempt fails. */
  async start(): Promise<void> {
    await this.connect();
    this.schedule(this.options.heartbeatIntervalMs);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.generation++;
    clearTimeout(this.timer);
    const unlisten = this.unlisten;
    this.unlisten = undefined;
    await unlisten?.().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const listen = this.options.database.listen?.bind(this.options.database);
    if (!listen) throw new EventBusConnectionError(`the ${this.options.database.engine} database cannot LISTEN`);
    const generation = ++this.generation;
    const unlisten = await listen(this.options.channel, (payload) => {
      if (generation === this.generation) this.receive(payload);
    });
    if (this.closed || generation !== this.generation) return void (await unlisten().catch(() => undefined));
    this.unlisten = unlisten;
  }

  private receive(payload: string): void {
    if (!payload.startsWith('{"heartbeat":')) return this.options.onPayload(payload);
    if (payload === this.pending) this.pending = undefined;
  }

  private schedule(delayMs: number): void {
    if (this.closed) return;
    this.timer = setTimeout(() => this.beat(), delayMs);
    this.timer.unref();
  }

  private beat(): void {
    const heartbeat = `${this.heartbeatPrefix}${++this.sequence}"}`;
    this.pending = heartbeat;
    this.timer = setTimeout(() => this.check(), this.options.heartbeatTimeoutMs);
    this.timer.unref();
    // A failed NOTIFY leaves the heartbeat pending, which `check` treats as a lost connection.
    this.options.database.query(NOTIFY_SQL, [this.options.channel, heartbeat]).catch(() => undefined);
  }

  private check(): void {
    if (this.pending) void this.reconnect('a heartbeat did not come back');
    else this.schedule(this.options.heartbeatIntervalMs);
  }

  private async reconnect(reason: string): Promise<void> {
    if (this.reconnecting || this.closed) return;
    this.reconnecting = true;
    this.options.onError(new EventBusConnectionError(`LISTEN ${this.options.channel}: ${reason}; reconnecting`));
    // Stale deliveries are dropped by the generation check; closing a dead socket may take long, so do not wait.
    this.generation++;
    void this.unlisten?.().catch(() => undefined);
    this.unlisten = undefined;
    let delay = this.options.reconnect.initialDelayMs;
    while (!this.closed) {
      try {
        await withTimeout(this.connect(), this.options.reconnect.connectTimeoutMs);
        break;
      } catch (error) {
        this.generation++; // a timed-out attempt that succeeds later must close itself
        this.options.onError(new EventBusConnectionError(`LISTEN ${this.options.channel}: reconnect failed; next try in ${delay} ms`, { cause: error }));
        await sleep(delay, undefined, { ref: false });
        delay = Math.min(delay * 2, this.options.reconnect.maxDelayMs);
      }
    }
    this.pending = undefined;
    this.reconnecting = false;
    this.schedule(this.options.heartbeatIntervalMs);
  }
}

// A late success of a timed-out attempt is closed by `connect`'s generation check.
async function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  const timeout = new AbortController();
  try {
    await Promise.race([work, sleep(ms, undefined, { signal: timeout.signal }).then(() => Promise.reject(new Error(`no connection after ${ms} ms`)))]);
  } finally {
    timeout.abort();
  }
}
