import type { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';

/** One sessionful (2025-era) Streamable HTTP session on this node. */
export interface HttpSession {
  id: string;
  transport: NodeStreamableHTTPServerTransport;
  /** The credential that opened it; only the same credential may use it. */
  credentialKey: string;
  callKey: string;
  lastSeen: number;
  /** Open GET streams (a session with one is not idle). */
  streams: number;
  /** Requests being answered. */
  busy: number;
  /** Ends the session: closes the transport, detaches it from its call. */
  close(): Promise<void>;
}

/**
 * The sessions of this node, bounded three ways: idle ones close after `idleMs`, a
 * credential holds at most `perCredential` (opening one more closes its least recently
 * used), and the node holds at most `max` (past it, the least recently used idle one goes).
 */
export class HttpSessionStore {
  private readonly sessions = new Map<string, HttpSession>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly limits: { idleMs: number; perCredential: number; max: number; now?: () => number }) {
    this.sweeper = setInterval(() => void this.sweep(), Math.min(30_000, Math.max(1000, limits.idleMs / 4)));
    this.sweeper.unref();
  }

  private now(): number {
    return (this.limits.now ?? Date.now)();
  }

  get size(): number {
    return this.sessions.size;
  }

  get(id: string): HttpSession | undefined {
    const session = this.sessions.get(id);
    if (session) {
      this.sessions.delete(id);
      this.sessions.set(id, session);
      session.lastSeen = this.now();
    }
    return session;
  }

  /** Make room for one more session of `credentialKey`; false when the node is full of busy sessions. */
  async makeRoom(credentialKey: string): Promise<boolean> {
    const mine = [...this.sessions.values()].filter((s) => s.credentialKey === credentialKey);
    for (const session of mine.slice(0, Math.max(0, mine.length - this.limits.perCredential + 1))) await this.drop(session);
    if (this.sessions.size < this.limits.max) return true;
    const idle = [...this.sessions.values()].find((s) => s.streams === 0 && s.busy === 0);
    if (!idle) return false;
    await this.drop(idle);
    return true;
  }

  add(session: HttpSession): void {
    this.sessions.set(session.id, session);
  }

  /** Forget a session that closed by itself (DELETE, transport close). */
  forget(id: string): void {
    this.sessions.delete(id);
  }

  async drop(session: HttpSession): Promise<void> {
    this.sessions.delete(session.id);
    await session.close().catch(() => undefined);
  }

  async sweep(): Promise<void> {
    const cutoff = this.now() - this.limits.idleMs;
    for (const session of [...this.sessions.values()]) {
      if (session.streams === 0 && session.busy === 0 && session.lastSeen < cutoff) await this.drop(session);
    }
  }

  async closeAll(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all([...this.sessions.values()].map((session) => this.drop(session)));
  }
}
