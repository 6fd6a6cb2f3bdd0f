import { isJSONRPCErrorResponse, isJSONRPCResultResponse, type JSONRPCMessage, type MessageExtraInfo, type Transport } from '@modelcontextprotocol/server';
import type { RawData, WebSocket } from 'ws';
import { authInfoFor } from './mcp-server.factory.ts';
import type { CallScope } from './call-scope.ts';
import { RPC_ERRORS, rateLimited, rpcError } from './json-rpc-errors.ts';
import { parseFrame } from './json-rpc-frame.ts';

export interface WebSocketTransportOptions {
  scope: CallScope;
  /** Frames above this get a JSON-RPC error and the connection stays open. */
  maxMessageBytes: number;
  /** Take one token from the call's rate limit (shared by every connection of the call). */
  takeRateToken: () => boolean;
  /**
   * Is the credential still good for this message? False closes the connection (1008):
   * an expired token or a revoked agent key is never answered, however the frame was timed.
   */
  credentialValid: () => boolean | Promise<boolean>;
}

/** Requests handled at once per connection; past this the socket stops being read until one finishes. */
export const MAX_IN_FLIGHT = 8;
/** Unsent reply bytes above which reading pauses (a client that does not read its replies). */
export const MAX_BUFFERED_BYTES = 1024 * 1024;

/**
 * MCP over one WebSocket, as a custom transport of the SDK's server: one JSON-RPC message
 * per text frame. Framing faults and limits are answered here, in the words of
 * docs/websocket-protocol.md; everything that parses is the SDK's to answer.
 */
export class WebSocketServerTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage, extra?: MessageExtraInfo) => void;

  private readonly pending = new Set<string | number>();
  private paused = false;
  private closed = false;
  private idle: (() => void) | null = null;
  /** Messages are handed to the SDK in arrival order, after the credential check of each (a chain only while a check is asynchronous). */
  private tail: Promise<void> = Promise.resolve();
  private pendingChecks = 0;
  private readonly extra: MessageExtraInfo;

  constructor(
    private readonly ws: WebSocket,
    private readonly options: WebSocketTransportOptions,
  ) {
    this.extra = { authInfo: authInfoFor(options.scope) };
  }

  async start(): Promise<void> {
    this.ws.on('message', (data, isBinary) => this.onFrame(data, isBinary));
    this.ws.on('error', (error) => this.onerror?.(error));
    this.ws.on('close', () => {
      if (this.closed) return;
      this.closed = true;
      this.idle?.();
      this.onclose?.();
    });
  }

  async send(message: JSONRPCMessage): Promise<void> {
    if ((isJSONRPCResultResponse(message) || isJSONRPCErrorResponse(message)) && message.id !== undefined && this.pending.delete(message.id as string | number)) {
      if (this.pending.size === 0) this.idle?.();
    }
    this.write(message);
    this.maybeResume();
  }

  async close(): Promise<void> {
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING) this.ws.close(1000);
  }

  /** Requests answered by the server but not yet by us. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Stop reading; resolve once every request in flight is answered, or after `graceMs`. */
  async drain(graceMs: number): Promise<void> {
    this.pause();
    if (this.pending.size === 0) return;
    await Promise.race([new Promise<void>((resolve) => (this.idle = resolve)), new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
  }

  private onFrame(data: RawData, isBinary: boolean): void {
    // Every frame counts against the call's rate limit; malformed frames past it are dropped unanswered.
    const allowed = this.options.takeRateToken();
    if (isBinary) {
      if (allowed) this.write(rpcError(null, RPC_ERRORS.invalidRequest, 'Binary frames are not supported; send JSON text.'));
      return;
    }
    const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer).byteLength;
    if (size > this.options.maxMessageBytes) {
      if (allowed) this.write(rpcError(null, RPC_ERRORS.invalidRequest, `Message too large: at most ${this.options.maxMessageBytes} bytes.`));
      return;
    }
    const frame = parseFrame(data.toString());
    if ('reply' in frame) {
      if (allowed) this.write(frame.reply);
      return;
    }
    if (!allowed) {
      if (frame.id !== undefined && frame.id !== null) this.write(rateLimited(frame.id));
      return;
    }
    if (frame.id !== undefined && frame.id !== null) {
      this.pending.add(frame.id);
      if (this.pending.size >= MAX_IN_FLIGHT) this.pause();
    }
    if (this.pendingChecks > 0) return this.enqueue(this.tail.then(() => this.options.credentialValid()), frame.message, frame.id);
    let check: boolean | Promise<boolean>;
    try {
      check = this.options.credentialValid();
    } catch (error) {
      this.onerror?.(error as Error);
      check = false;
    }
    if (typeof check === 'boolean') return this.dispatch(frame.message, frame.id, check);
    this.enqueue(check, frame.message, frame.id);
  }

  /** An asynchronous credential check (agent keys): messages after it wait their turn, so the SDK sees them in order. */
  private enqueue(check: Promise<boolean>, message: JSONRPCMessage, id: string | number | null | undefined): void {
    this.pendingChecks++;
    this.tail = check
      .catch((error: unknown) => {
        this.onerror?.(error as Error);
        return false;
      })
      .then((valid) => this.dispatch(message, id, valid))
      .finally(() => this.pendingChecks--);
  }

  private dispatch(message: JSONRPCMessage, id: string | number | null | undefined, valid: boolean): void {
    if (!valid) {
      if (id !== undefined && id !== null) this.pending.delete(id);
      if (!this.closed && this.ws.readyState === this.ws.OPEN) this.ws.close(1008, 'session expired');
      return;
    }
    if (this.closed) return;
    this.onmessage?.(message, this.extra);
  }

  private write(message: JSONRPCMessage): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(JSON.stringify(message), () => this.maybeResume());
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) this.pause();
  }

  private pause(): void {
    if (!this.paused) {
      this.paused = true;
      this.ws.pause();
    }
  }

  private maybeResume(): void {
    if (this.paused && this.pending.size < MAX_IN_FLIGHT && this.ws.bufferedAmount <= MAX_BUFFERED_BYTES && this.idle === null) {
      this.paused = false;
      this.ws.resume();
    }
  }
}
