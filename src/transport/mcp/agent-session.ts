import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { RawData, WebSocket } from 'ws';
import type { Principal } from '../../domain/principal.ts';
import type { Clock } from '../../ports/clock.port.ts';
import { parseFrame, recoveredId, RPC_ERRORS, RpcError, rpcError, type RpcResponse } from './json-rpc.ts';
import type { McpDispatcher } from './mcp-dispatcher.ts';
import { TokenBucket } from './token-bucket.ts';

export interface AgentSessionOptions {
  dispatcher: McpDispatcher;
  clock: Clock;
  logger: Logger;
  maxMessageBytes: number;
  rate: { perSecond: number; burst: number };
}

/** Calls handled at once per connection; past this the socket stops being read until one finishes. */
const MAX_IN_FLIGHT = 8;
/** Unsent reply bytes above which reading pauses (a client that does not read its replies). */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/** One voice-agent connection: framing, limits, heartbeat, and the session's identity. */
export class AgentSession {
  private alive = true;
  private inFlight = 0;
  private paused = false;
  private readonly bucket: TokenBucket;
  private readonly expiryTimer: NodeJS.Timeout;
  private idle: (() => void) | null = null;

  constructor(
    private readonly ws: WebSocket,
    private readonly principal: Extract<Principal, { kind: 'session' }>,
    private readonly options: AgentSessionOptions,
  ) {
    this.bucket = new TokenBucket(options.rate.perSecond, options.rate.burst);
    ws.on('pong', () => {
      this.alive = true;
    });
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('error', (error) => options.logger.warn({ err: error }, 'agent socket error'));
    ws.on('close', () => clearTimeout(this.expiryTimer));
    const msLeft = principal.expiresAt.getTime() - options.clock.now().getTime();
    // setTimeout cannot wait longer than 2^31-1 ms; tokens never live that long.
    this.expiryTimer = setTimeout(() => ws.close(1008, 'session expired'), Math.max(0, Math.min(msLeft, 2 ** 31 - 1)));
    this.expiryTimer.unref();
  }

  /** Called on every heartbeat tick: a connection that missed the last ping is dead. */
  heartbeat(): void {
    if (!this.alive) {
      this.options.logger.info('agent session missed a heartbeat; terminating');
      this.ws.terminate();
      return;
    }
    this.alive = false;
    this.ws.ping();
  }

  async shutdown(graceMs: number): Promise<void> {
    this.pause();
    if (this.inFlight > 0) {
      await Promise.race([new Promise<void>((resolve) => (this.idle = resolve)), new Promise((resolve) => setTimeout(resolve, graceMs))]);
    }
    if (this.ws.readyState === this.ws.OPEN) {
      const closed = new Promise((resolve) => this.ws.once('close', resolve));
      this.ws.close(1001, 'server shutting down');
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 1000))]);
    }
    this.ws.terminate();
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    // Every frame counts against the rate limit; malformed frames past it are dropped unanswered.
    const allowed = this.bucket.take();
    if (isBinary) {
      if (!allowed) return;
      this.reply(rpcError(null, new RpcError(RPC_ERRORS.invalidRequest, 'Binary frames are not supported; send JSON text.')));
      return;
    }
    const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer).byteLength;
    if (size > this.options.maxMessageBytes) {
      if (!allowed) return;
      this.reply(rpcError(null, new RpcError(RPC_ERRORS.invalidRequest, `Message too large: at most ${this.options.maxMessageBytes} bytes.`)));
      return;
    }
    let request;
    try {
      request = parseFrame(data.toString());
    } catch (error) {
      if (allowed) this.reply(rpcError(recoveredId(error), error as RpcError));
      return;
    }
    if (!allowed) {
      if (request.id !== undefined) {
        this.reply(rpcError(request.id, new RpcError(RPC_ERRORS.rateLimited, 'Too many requests; slow down.', { code: 'rate_limited' })));
      }
      return;
    }
    this.inFlight++;
    if (this.inFlight >= MAX_IN_FLIGHT) this.pause();
    const requestId = `${this.principal.sessionId}:${String(request.id ?? randomUUID())}`;
    const context = () => ({ principal: this.principal, requestId, now: this.options.clock.now() });
    this.options.dispatcher
      .handle(request, context)
      .then((response) => {
        if (response) this.reply(response);
      })
      .catch((error: unknown) => {
        this.options.logger.error({ err: error, request_id: requestId }, 'agent request failed');
        if (request.id !== undefined) this.reply(rpcError(request.id, new RpcError(RPC_ERRORS.internalError, 'Internal error.')));
      })
      .finally(() => {
        this.inFlight--;
        if (this.inFlight === 0) this.idle?.();
        this.maybeResume();
      });
  }

  private reply(response: RpcResponse): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(JSON.stringify(response), () => this.maybeResume());
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) this.pause();
  }

  private pause(): void {
    if (!this.paused) {
      this.paused = true;
      this.ws.pause();
    }
  }

  private maybeResume(): void {
    if (this.paused && this.inFlight < MAX_IN_FLIGHT && this.ws.bufferedAmount <= MAX_BUFFERED_BYTES && this.idle === null) {
      this.paused = false;
      this.ws.resume();
    }
  }
}
