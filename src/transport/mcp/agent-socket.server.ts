import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import { DomainError } from '../../domain/errors.ts';
import type { CallRegistry } from './call-registry.ts';
import { callFactsFromHeaders, scopeFor, type CallScope } from './call-scope.ts';
import type { ConnectionLimiter } from './connection-limiter.ts';
import { authenticateEdge, EdgeAuthError, type EdgeAuthDeps } from './edge-auth.ts';
import { buildMcpServer, type McpServerDeps } from './mcp-server.factory.ts';
import { WebSocketServerTransport } from './websocket.transport.ts';

export interface AgentSocketOptions {
  /** Frames above this get a JSON-RPC error and the connection stays open. */
  maxMessageBytes: number;
  heartbeatSeconds: number;
}

export interface AgentSocketDeps extends EdgeAuthDeps {
  server: McpServerDeps;
  registry: CallRegistry;
  connections: ConnectionLimiter;
  logger: Logger;
  onSessionCount?: (count: number) => void;
}

/** Frames this much larger than the soft limit close the connection (1009) without being read further. */
const HARD_LIMIT_FACTOR = 4;

interface LiveSocket {
  ws: WebSocket;
  transport: WebSocketServerTransport;
  alive: boolean;
}

/**
 * The WebSocket endpoint `/v1/agent`: authenticates before the upgrade, then serves the one
 * MCP server definition over a WebSocketServerTransport per connection.
 */
export class AgentSocketServer {
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<LiveSocket>();
  private readonly heartbeat: NodeJS.Timeout;
  private closing = false;

  constructor(
    private readonly deps: AgentSocketDeps,
    private readonly options: AgentSocketOptions,
  ) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxMessageBytes * HARD_LIMIT_FACTOR,
      // Compression costs several times the throughput for small JSON frames.
      perMessageDeflate: false,
      // The MCP SDK's (v1) WebSocket client transport requires the `mcp` subprotocol.
      handleProtocols: (protocols) => (protocols.has('mcp') ? 'mcp' : false),
    });
    this.heartbeat = setInterval(() => this.beat(), options.heartbeatSeconds * 1000);
    this.heartbeat.unref();
  }

  attach(server: Server): void {
    server.on('upgrade', (request, socket, head) => {
      void this.upgrade(request, socket, head);
    });
  }

  get sessionCount(): number {
    return this.sockets.size;
  }

  private beat(): void {
    for (const socket of this.sockets) {
      // A connection that missed the last ping is dead.
      if (!socket.alive) {
        this.deps.logger.info('agent session missed a heartbeat; terminating');
        socket.ws.terminate();
        continue;
      }
      socket.alive = false;
      socket.ws.ping();
    }
  }

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    const requestId = randomUUID();
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== '/v1/agent') return refuse(socket, requestId, new DomainError('not_found', 'No WebSocket endpoint here; use /v1/agent.'), 0);
    if (this.closing) return refuse(socket, requestId, new DomainError('unavailable', 'The server is shutting down.'), 0);
    let scope: CallScope;
    let credential: string;
    try {
      const auth = await authenticateEdge(this.deps, request, url.searchParams.get('token'));
      credential = auth.credential;
      scope = scopeFor(auth.principal, callFactsFromHeaders(request.headers), 'websocket');
    } catch (error) {
      const refusal = error instanceof EdgeAuthError ? error : new EdgeAuthError(new DomainError('unauthenticated'), 0);
      return refuse(socket, requestId, refusal.domain, refusal.retryAfterSeconds);
    }
    const release = this.deps.connections.acquire(scope.credentialKey);
    if (!release) return refuse(socket, requestId, new DomainError('rate_limited', 'This credential already holds as many connections as allowed.'), 0);
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      this.accept(ws, scope, credential, release).catch((error: unknown) => {
        this.deps.logger.error({ err: error }, 'agent session failed to start');
        ws.terminate();
      });
    });
  }

  private async accept(ws: WebSocket, scope: CallScope, credential: string, release: () => void): Promise<void> {
    const { principal } = scope;
    const logger = this.deps.logger.child({ tenant: principal.tenantId, session: principal.sessionId, connection: randomUUID() });
    const transport = new WebSocketServerTransport(ws, {
      scope,
      maxMessageBytes: this.options.maxMessageBytes,
      takeRateToken: () => this.deps.registry.takeRateToken(scope.callKey),
      credentialValid: () => this.deps.credentials.stillValid(principal, credential),
    });
    const live: LiveSocket = { ws, transport, alive: true };
    ws.on('pong', () => (live.alive = true));
    const server = buildMcpServer(this.deps.server);
    server.onerror = (error) => logger.debug({ err: error }, 'agent session protocol error');
    const detach = this.deps.registry.attach(scope.callKey, {
      id: randomUUID(),
      transport: 'websocket',
      notify: async (notification) => {
        if (ws.readyState !== ws.OPEN) return false;
        await server.notification(notification as never);
        return true;
      },
    });
    // setTimeout cannot wait longer than 2^31-1 ms; a far expiry is checked per message anyway.
    const msLeft = principal.expiresAt.getTime() - Date.now();
    const expiry = setTimeout(() => ws.close(1008, 'session expired'), Math.max(0, Math.min(msLeft, 2 ** 31 - 1)));
    expiry.unref();
    this.sockets.add(live);
    this.deps.onSessionCount?.(this.sockets.size);
    ws.once('close', () => {
      clearTimeout(expiry);
      detach();
      release();
      this.sockets.delete(live);
      this.deps.onSessionCount?.(this.sockets.size);
      void server.close().catch(() => undefined);
    });
    await server.connect(transport);
    logger.info('agent session connected');
  }

  /** Stop accepting; close every session with a close frame, waiting up to `graceMs` for in-flight calls. */
  async close(graceMs: number): Promise<void> {
    this.closing = true;
    clearInterval(this.heartbeat);
    await Promise.all(
      [...this.sockets].map(async ({ ws, transport }) => {
        await transport.drain(graceMs);
        if (ws.readyState === ws.OPEN) {
          const closed = new Promise((resolve) => ws.once('close', resolve));
          ws.close(1001, 'server shutting down');
          await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
        }
        ws.terminate();
      }),
    );
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

const REASONS: Record<number, string> = { 401: 'Unauthorized', 404: 'Not Found', 429: 'Too Many Requests', 503: 'Service Unavailable' };

function refuse(socket: Duplex, requestId: string, error: DomainError, retryAfterSeconds: number): void {
  const body = JSON.stringify({ error: { code: error.code, message: error.message } });
  const status = error.status;
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${requestId}\r\nConnection: close\r\n` +
      (status === 401 ? 'WWW-Authenticate: Bearer\r\n' : '') +
      (retryAfterSeconds > 0 ? `Retry-After: ${retryAfterSeconds}\r\n` : '') +
      `\r\n${body}`,
  );
}
