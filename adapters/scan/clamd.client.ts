/**
 * A minimal clamd client: PING, VERSION and zINSTREAM over TCP or a unix socket.
 * Protocol: https://docs.clamav.net/manual/Usage/Scanning.html#clamd (commands
 * prefixed with `z` end with NUL, and so do clamd's replies).
 */
import net from 'node:net';
import { once } from 'node:events';
import type { Readable } from 'node:stream';

/** Where clamd listens. */
export type ClamdEndpoint = { host: string; port: number } | { path: string };

/** clamd could not be reached or did not answer in time; scanning again later may succeed. */
export class ScannerUnavailableError extends Error {
  override readonly name: string = 'ScannerUnavailableError';
  readonly retryable = true;
}

/**
 * Parse `tcp://host:port` (port defaults to 3310) or `unix:///absolute/path`.
 * Throws a plain Error for anything else: a bad URL is a configuration fault.
 */
export function parseClamdUrl(url: string): ClamdEndpoint {
  const parsed = new URL(url);
  if (parsed.protocol === 'unix:') {
    const path = decodeURIComponent(parsed.pathname);
    if (parsed.host !== '' || !path.startsWith('/')) throw new Error(`clamd URL ${url} must be unix:///absolute/path`);
    return { path };
  }
  if (parsed.protocol === 'tcp:' && parsed.hostname !== '') {
    return { host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(parsed.port || 3310) };
  }
  throw new Error(`clamd URL ${url} must be tcp://host:port or unix:///path`);
}

/** What one INSTREAM exchange produced; the scanner decides what it means. */
export interface InstreamOutcome {
  /** clamd's reply without the trailing NUL; '' when it sent none. */
  reply: string;
  /** Payload bytes handed to the connection. */
  bytesSent: number;
  /** True when the whole body and the zero-length terminator were sent before any reply arrived. */
  sentWholeStream: boolean;
  /** Set when the connection failed (reset, timeout) before a complete reply. */
  transportError: Error | undefined;
}

const ZERO_LENGTH = Buffer.alloc(4);

/**
 * One connection to clamd. Collects the reply up to its NUL; any period of
 * `timeoutMs` without progress (connect, a write flushed, a byte read) destroys it.
 */
class ClamdConnection {
  private readonly received: Buffer[] = [];
  replyComplete = false;
  error: Error | undefined;
  readonly closed: Promise<void>;

  private constructor(readonly socket: net.Socket, timeoutMs: number) {
    socket.setTimeout(timeoutMs, () => {
      socket.destroy(new ClamdTimeoutError(`clamd made no progress for ${timeoutMs} ms`));
    });
    socket.on('data', (chunk: Buffer) => {
      this.received.push(chunk);
      if (chunk.includes(0)) {
        this.replyComplete = true;
        socket.destroy();
      }
    });
    socket.on('error', (error) => {
      this.error ??= error;
    });
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  /** Connect, or reject with ScannerUnavailableError (refused, no such socket, timeout). */
  static async open(endpoint: ClamdEndpoint, timeoutMs: number): Promise<ClamdConnection> {
    const connection = new ClamdConnection(net.connect(endpoint), timeoutMs);
    try {
      await once(connection.socket, 'connect');
    } catch (error) {
      throw unavailable(endpoint, error as Error);
    }
    return connection;
  }

  /** True once clamd answered or the connection is gone. */
  get finished(): boolean {
    return this.replyComplete || this.socket.destroyed;
  }

  get reply(): string {
    const text = Buffer.concat(this.received).toString('utf8');
    const end = text.indexOf('\0');
    return (end === -1 ? text : text.slice(0, end)).trim();
  }

  /** Wait until the socket can take more data, or is gone. */
  async drained(): Promise<void> {
    const ac = new AbortController();
    await Promise.race([once(this.socket, 'drain', { signal: ac.signal }).catch(() => undefined), this.closed]);
    ac.abort();
  }
}

/** clamd made no progress within the configured time (a kind of ScannerUnavailableError). */
export class ClamdTimeoutError extends ScannerUnavailableError {
  override readonly name = 'ClamdTimeoutError';
}

function unavailable(endpoint: ClamdEndpoint, error: Error): ScannerUnavailableError {
  if (error instanceof ScannerUnavailableError) return error;
  const where = 'path' in endpoint ? endpoint.path : `${endpoint.host}:${endpoint.port}`;
  return new ScannerUnavailableError(`clamd at ${where}: ${error.message}`, { cause: error });
}

/** Send a one-word command (PING, VERSION) and return clamd's reply. */
export async function clamdCommand(endpoint: ClamdEndpoint, command: string, timeoutMs: number): Promise<string> {
  const connection = await ClamdConnection.open(endpoint, timeoutMs);
  connection.socket.write(`z${command}\0`);
  await connection.closed;
  if (!connection.replyComplete) {
    throw unavailable(endpoint, connection.error ?? new Error(`connection closed before the reply to ${command}`));
  }
  return connection.reply;
}

/**
 * Stream `body` to clamd with zINSTREAM: 4-byte big-endian length, the bytes, and a
 * zero length at the end. Honours backpressure, so only the socket's buffers are held
 * in memory. The body is read to its end, or destroyed when clamd cannot take it.
 * Rejects with ScannerUnavailableError when clamd cannot be reached, and with the
 * body's own error when the body fails (no terminator is sent then).
 */
export async function clamdInstream(endpoint: ClamdEndpoint, body: Readable, timeoutMs: number): Promise<InstreamOutcome> {
  const connection = await ClamdConnection.open(endpoint, timeoutMs).catch((error: unknown) => {
    body.destroy();
    throw error;
  });
  const { socket } = connection;
  // If clamd goes away while the body is stalled, stop waiting for the body.
  void connection.closed.then(() => {
    if (!body.readableEnded) body.destroy();
  });
  socket.write('zINSTREAM\0');
  let bytesSent = 0;
  try {
    for await (const piece of body as AsyncIterable<Buffer | string>) {
      if (connection.finished) break; // clamd answered or hung up early (size limit, shutdown)
      const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
      // A zero-length chunk is the terminator: sending one mid-stream would end the scan early.
      if (chunk.length === 0) continue;
      const header = Buffer.allocUnsafe(4);
      header.writeUInt32BE(chunk.length);
      // Corked, header and bytes leave in one writev instead of two syscalls.
      socket.cork();
      socket.write(header);
      const hasRoom = socket.write(chunk);
      socket.uncork();
      bytesSent += chunk.length;
      if (!hasRoom) await connection.drained();
    }
  } catch (bodyError) {
    if (!connection.finished) {
      socket.destroy();
      throw bodyError;
    }
    // Otherwise the body was destroyed because clamd already finished; its outcome says why.
  }
  const sentWholeStream = !connection.finished;
  if (sentWholeStream) socket.write(ZERO_LENGTH);
  await connection.closed;
  return {
    reply: connection.reply,
    bytesSent,
    sentWholeStream,
    transportError: connection.replyComplete ? undefined : (connection.error ?? new Error('clamd closed the connection without a reply')),
  };
}
