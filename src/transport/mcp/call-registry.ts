import { TokenBucket } from './token-bucket.ts';

/** One JSON-RPC notification, as MCP sends it. */
export interface CallNotification {
  method: string;
  params?: Record<string, unknown>;
}

/** A live MCP session on this node, whatever its transport (WebSocket, Streamable HTTP, SSE). */
export interface LiveCallSession {
  readonly id: string;
  readonly transport: 'websocket' | 'streamable-http' | 'sse';
  /** Send one notification to this session's client; resolves false when it could not be delivered. */
  notify(notification: CallNotification): Promise<boolean>;
}

export interface CallRegistryOptions {
  rate: { perSecond: number; burst: number };
  /** How long a subscription outlives the last session of its call (Vapi opens a new connection per tool call). */
  subscriptionTtlMs: number;
  /** Bounds, so that no client can grow this without limit. */
  maxCalls: number;
  maxSubscriptionsPerCall: number;
  now?: () => number;
}

interface CallEntry {
  sessions: Set<LiveCallSession>;
  /** uri -> expiry (ms) */
  subscriptions: Map<string, number>;
  /** progressToken -> expiry (ms) */
  progressTokens: Map<string | number, number>;
  bucket: TokenBucket;
  lastSeen: number;
}

const LOG_LEVELS = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'] as const;
export type CallLogLevel = (typeof LOG_LEVELS)[number];

/**
 * Per-node state of live calls, keyed by the call (see `callKeyOf`), not by the
 * connection: the rate limit shared by every connection of a call, the call's live
 * sessions on this node, its resource subscriptions and the progress tokens its requests
 * sent. Use cases push into a call through `message`, `progress` and `resourceUpdated`;
 * each reaches every live session of the call on this node, on whichever transport.
 *
 * Across nodes: publish `{ callKey, notification }` on the EventBus and have every node
 * call `deliver(callKey, notification)`; this class holds nothing that ties a call to
 * one node.
 */
export class CallRegistry {
  private readonly calls = new Map<string, CallEntry>();
  private readonly now: () => number;
  private readonly sweeper: NodeJS.Timeout;
  private readonly attachListeners: Array<(callKey: string) => void> = [];

  constructor(private readonly options: CallRegistryOptions) {
    this.now = options.now ?? Date.now;
    this.sweeper = setInterval(() => this.sweep(), 30_000);
    this.sweeper.unref();
  }

  /** Take one token from the call's rate limit; false when the call is over it. */
  takeRateToken(callKey: string): boolean {
    return this.entry(callKey).bucket.take(this.now());
  }

  /** Be told whenever a session of a call attaches on this node (e.g. to listen to its tenant's events). Must not throw. */
  onAttach(listener: (callKey: string) => void): void {
    this.attachListeners.push(listener);
  }

  /** Register a live session of a call; returns the function that detaches it. */
  attach(callKey: string, session: LiveCallSession): () => void {
    const entry = this.entry(callKey);
    entry.sessions.add(session);
    for (const listener of this.attachListeners) listener(callKey);
    return () => {
      entry.sessions.delete(session);
      entry.lastSeen = this.now();
    };
  }

  /** The call's live sessions on this node. */
  sessionsOf(callKey: string): LiveCallSession[] {
    return [...(this.calls.get(callKey)?.sessions ?? [])];
  }

  /** Deliver a notification to every live session of the call on this node; resolves to how many took it. */
  async deliver(callKey: string, notification: CallNotification): Promise<number> {
    const sessions = this.sessionsOf(callKey);
    const delivered = await Promise.all(sessions.map((session) => session.notify(notification).catch(() => false)));
    return delivered.filter(Boolean).length;
  }

  /** `notifications/message`: a log line or event for the agent (level per RFC 5424, as MCP names them). */
  message(callKey: string, level: CallLogLevel, data: unknown, logger = 'voicefiles'): Promise<number> {
    return this.deliver(callKey, { method: 'notifications/message', params: { level, logger, data } });
  }

  /** Remember that a request of this call asked for progress with `token` (kept for `ttlMs`). */
  rememberProgressToken(callKey: string, token: string | number, ttlMs = 15 * 60_000): void {
    const entry = this.entry(callKey);
    if (entry.progressTokens.size >= this.options.maxSubscriptionsPerCall) entry.progressTokens.delete(entry.progressTokens.keys().next().value as string | number);
    entry.progressTokens.set(token, this.now() + ttlMs);
  }

  /** `notifications/progress` for a token the call sent; nothing (0) when it never sent that token. */
  async progress(callKey: string, token: string | number, progress: number, total?: number, message?: string): Promise<number> {
    const expiry = this.calls.get(callKey)?.progressTokens.get(token);
    if (expiry === undefined || expiry < this.now()) return 0;
    return this.deliver(callKey, {
      method: 'notifications/progress',
      params: { progressToken: token, progress, ...(total !== undefined ? { total } : {}), ...(message !== undefined ? { message } : {}) },
    });
  }

  /** `resources/subscribe` for a call. Returns false when the call already holds as many subscriptions as allowed. */
  subscribe(callKey: string, uri: string): boolean {
    const entry = this.entry(callKey);
    if (!entry.subscriptions.has(uri) && entry.subscriptions.size >= this.options.maxSubscriptionsPerCall) return false;
    entry.subscriptions.set(uri, this.now() + this.options.subscriptionTtlMs);
    return true;
  }

  unsubscribe(callKey: string, uri: string): void {
    this.calls.get(callKey)?.subscriptions.delete(uri);
  }

  isSubscribed(callKey: string, uri: string): boolean {
    const expiry = this.calls.get(callKey)?.subscriptions.get(uri);
    return expiry !== undefined && expiry >= this.now();
  }

  /** `notifications/resources/updated`, only to calls subscribed to `uri`. */
  async resourceUpdated(callKey: string, uri: string): Promise<number> {
    if (!this.isSubscribed(callKey, uri)) return 0;
    return this.deliver(callKey, { method: 'notifications/resources/updated', params: { uri } });
  }

  /** Calls with state on this node (for metrics and tests). */
  get size(): number {
    return this.calls.size;
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  private entry(callKey: string): CallEntry {
    let entry = this.calls.get(callKey);
    if (entry) {
      // Keep insertion order as recency order, so eviction takes the call idle longest.
      this.calls.delete(callKey);
      this.calls.set(callKey, entry);
    } else {
      if (this.calls.size >= this.options.maxCalls) this.evictOne();
      entry = {
        sessions: new Set(),
        subscriptions: new Map(),
        progressTokens: new Map(),
        bucket: new TokenBucket(this.options.rate.perSecond, this.options.rate.burst, this.now()),
        lastSeen: this.now(),
      };
      this.calls.set(callKey, entry);
    }
    entry.lastSeen = this.now();
    return entry;
  }

  private evictOne(): void {
    for (const [key, entry] of this.calls) {
      if (entry.sessions.size === 0) {
        this.calls.delete(key);
        return;
      }
    }
    // Every call has a live session: drop the oldest entry's state anyway (its sessions stay open; its rate limit restarts).
    const oldest = this.calls.keys().next().value;
    if (oldest !== undefined) this.calls.delete(oldest);
  }

  /** Drop calls without sessions whose subscriptions and progress tokens have expired and whose bucket has refilled. */
  sweep(): void {
    const now = this.now();
    const refillMs = (this.options.rate.burst / this.options.rate.perSecond) * 1000;
    for (const [key, entry] of this.calls) {
      for (const [uri, expiry] of entry.subscriptions) if (expiry < now) entry.subscriptions.delete(uri);
      for (const [token, expiry] of entry.progressTokens) if (expiry < now) entry.progressTokens.delete(token);
      if (entry.sessions.size === 0 && entry.subscriptions.size === 0 && entry.progressTokens.size === 0 && now - entry.lastSeen > refillMs) this.calls.delete(key);
    }
  }
}

export { LOG_LEVELS as CALL_LOG_LEVELS };
