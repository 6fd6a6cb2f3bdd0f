import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import { bearerToken } from '../../app/authenticate.ts';
import { DomainError, isDomainError } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { Clock } from '../../ports/clock.port.ts';
import type { McpDispatcher } from './mcp-dispatcher.ts';
import { AgentSession } from './agent-session.ts';

export interface AgentSocketOptions {
  /** Frames above this get a JSON-RPC error and the connection stays open. */
  maxMessageBytes: number;
  rate: { perSecond: number; burst: number };
  heartbeatSeconds: number;
}

export interface AgentSocketDeps {
  dispatcher: McpDispatcher;
  verifySession: (token: string) => Promise<Extract<Principal, { kind: 'session' }>>;
  clock: Clock;
  logger: Logger;
  onSessionCount?: (count: number) => void;
}

/** Frames this much larger than the soft limit close the connection (1009) without being read further. */
const HARD_LIMIT_FACTOR = 4;

/**
 * The WebSocket endpoint `/v1/agent`: authenticates before the upgrade, then
 * speaks MCP over JSON-RPC, one AgentSession per connection.
 */
export class AgentSocketServer {
  private readonly wss: WebSocketServer;
  private readonly sessions = new Set<AgentSession>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly deps: AgentSocketDeps,
    private readonly options: AgentSocketOptions,
  ) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxMessageBytes * HARD_LIMIT_FACTOR,
      // Compression costs several times the throughput for small JSON frames.
      perMessageDeflate: false,
      // The MCP SDK's WebSocket client transport requires the `mcp` subprotocol.
      handleProtocols: (protocols) => (protocols.has('mcp') ? 'mcp' : false),
    });
    this.heartbeat = setInterval(() => {
      for (const session of this.sessions) session.heartbeat();
    }, options.heartbeatSeconds * 1000);
    this.heartbeat.unref();
  }

  attach(server: Server): void {
    server.on('upgrade', (request, socket, head) => {
      void this.upgrade(request, socket, head);
    });
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    const requestId = randomUUID();
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== '/v1/agent') {
      refuse(socket, requestId, 404, 'not_found', 'No WebSocket endpoint here; use /v1/agent.');
      return;
    }
    const token = bearerToken(request.headers.authorization) ?? url.searchParams.get('token');
    let principal: Extract<Principal, { kind: 'session' }>;
    try {
      if (!token) throw new DomainError('unauthenticated', 'A session token is required.');
      principal = await this.deps.verifySession(token);
    } catch (error) {
      const domain = isDomainError(error) ? error : new DomainError('unauthenticated');
      refuse(socket, requestId, 401, domain.code, domain.message);
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, principal));
  }

  private accept(ws: WebSocket, principal: Extract<Principal, { kind: 'session' }>): void {
    const connectionId = randomUUID();
    const logger = this.deps.logger.child({ tenant: principal.tenantId, call_id: principal.callId, session: principal.sessionId, connection: connectionId });
    const session = new AgentSession(ws, principal, {
      dispatcher: this.deps.dispatcher,
      clock: this.deps.clock,
      logger,
      maxMessageBytes: this.options.maxMessageBytes,
      rate: this.options.rate,
    });
    this.sessions.add(session);
    this.deps.onSessionCount?.(this.sessions.size);
    ws.once('close', () => {
      this.sessions.delete(session);
      this.deps.onSessionCount?.(this.sessions.size);
    });
    logger.info('agent session connected');
  }

  /** Stop accepting; close every session with a close frame, waiting up to `graceMs` for in-flight calls. */
  async close(graceMs: number): Promise<void> {
    clearInterval(this.heartbeat);
    await Promise.all([...this.sessions].map((session) => session.shutdown(graceMs)));
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

function refuse(socket: Duplex, requestId: string, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  const reason = status === 401 ? 'Unauthorized' : 'Not Found';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${requestId}\r\nConnection: close\r\n` +
      (status === 401 ? 'WWW-Authenticate: Bearer\r\n' : '') +
      `\r\n${body}`,
  );
}
