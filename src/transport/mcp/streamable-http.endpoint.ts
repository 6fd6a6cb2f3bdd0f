import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { NodeStreamableHTTPServerTransport, toNodeHandler, toWebRequest, type NodeMcpRequestHandler } from '@modelcontextprotocol/node';
import { createMcpHandler, isInitializeRequest, isLegacyRequest, legacyStatelessFallback, type McpRequestContext } from '@modelcontextprotocol/server';
import type { Logger } from 'pino';
import type { CallRegistry } from './call-registry.ts';
import { callFactsFromHeaders, scopeFor, type CallScope } from './call-scope.ts';
import { authenticateEdge, EdgeAuthError, type EdgeAuthDeps } from './edge-auth.ts';
import type { HttpSession, HttpSessionStore } from './http-session-store.ts';
import { RPC_ERRORS, RATE_LIMITED_MESSAGE } from './json-rpc-errors.ts';
import { authInfoFor, buildMcpServer, scopeFromAuthInfo, type McpServerDeps, type VoicefilesMcpServer } from './mcp-server.factory.ts';
import { messageCount, readBoundedBody, requestIdOf, sendEdgeRefusal, sendRpcError, type originGuard } from './mcp-http-kit.ts';
import { SessionEventStore } from './session-event-store.ts';

export interface StreamableHttpOptions {
  /** Largest POST body read. */
  maxBodyBytes: number;
  /** `json`: one JSON body per request (notifications tied to it are not delivered); `sse`: every response is a stream. */
  responses: 'json' | 'sse';
  /** Accept `?token=` (for platforms that cannot send headers); off by default. */
  queryToken: boolean;
}

export interface StreamableHttpDeps extends EdgeAuthDeps {
  server: McpServerDeps;
  registry: CallRegistry;
  sessions: HttpSessionStore;
  guard: EdgeAuthDeps['guard'];
  originGuard: ReturnType<typeof originGuard>;
  logger: Logger;
}

type AuthedRequest = IncomingMessage & { auth?: ReturnType<typeof authInfoFor> };

const NOT_FOUND = 'Session not found';

/**
 * MCP Streamable HTTP at `/v1/mcp` on the SDK: 2025-era clients get sessions
 * (`Mcp-Session-Id`, a GET stream resumable with `Last-Event-ID`, DELETE); a 2025-era
 * request without a session is served statelessly; 2026-07-28 requests (stateless,
 * `server/discover`, version in `_meta`) go to the SDK's per-request handler. Every request
 * is authenticated, rate-limited by its call and checked for Host and Origin first.
 */
export class StreamableHttpEndpoint {
  private readonly modern: NodeMcpRequestHandler;
  private readonly stateless: NodeMcpRequestHandler;
  private readonly closeModern: () => Promise<void>;

  constructor(
    private readonly deps: StreamableHttpDeps,
    private readonly options: StreamableHttpOptions,
  ) {
    const factory = (ctx: McpRequestContext) => this.perRequestServer(ctx);
    const onerror = (error: Error) => deps.logger.debug({ err: error }, 'mcp request refused');
    // Modern requests: one JSON body unless a handler emits a notification first (the SDK's auto mode), or always a stream.
    const handler = createMcpHandler(factory, { legacy: 'reject', ...(options.responses === 'sse' ? { responseMode: 'sse' as const } : {}), onerror, maxRequestBodySize: options.maxBodyBytes });
    this.closeModern = () => handler.close();
    this.modern = toNodeHandler(handler, { onerror, maxRequestBodySize: options.maxBodyBytes });
    this.stateless = toNodeHandler({ fetch: legacyStatelessFallback(factory, onerror, { maxRequestBodySize: options.maxBodyBytes }) }, { onerror });
  }

  /** Serve one request to /v1/mcp (any method). */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (!this.deps.originGuard(req, res)) return;
    let scope: CallScope;
    try {
      const auth = await authenticateEdge(this.deps, req, this.options.queryToken ? url.searchParams.get('token') : null);
      scope = scopeFor(auth.principal, callFactsFromHeaders(req.headers), 'streamable-http');
    } catch (error) {
      if (error instanceof EdgeAuthError) return sendEdgeRefusal(res, error);
      throw error;
    }
    (req as AuthedRequest).auth = authInfoFor(scope);
    const sessionId = header(req, 'mcp-session-id');
    if (req.method === 'POST') return this.post(req, res, scope, sessionId);
    if (req.method === 'GET' || req.method === 'DELETE') {
      if (!sessionId) return sendRpcError(res, 400, -32000, 'Bad Request: Mcp-Session-Id header is required', null, { Allow: 'POST' });
      const session = this.sessionFor(sessionId, scope);
      if (!session) return sendRpcError(res, 404, -32001, NOT_FOUND);
      if (req.method === 'GET') {
        session.streams++;
        // The stream ends when its credential does; reconnecting needs a live one.
        const expiry = setTimeout(() => res.destroy(), Math.max(0, Math.min(scope.principal.expiresAt.getTime() - Date.now(), 2 ** 31 - 1)));
        expiry.unref();
        res.once('close', () => {
          clearTimeout(expiry);
          session.streams--;
        });
      }
      return session.transport.handleRequest(req as AuthedRequest, res);
    }
    sendRpcError(res, 405, -32000, 'Method not allowed.', null, { Allow: 'GET, POST, DELETE' });
  }

  private async post(req: IncomingMessage, res: ServerResponse, scope: CallScope, sessionId: string | undefined): Promise<void> {
    const raw = await readBoundedBody(req, this.options.maxBodyBytes);
    if (raw === null) return sendRpcError(res, 413, RPC_ERRORS.invalidRequest, `Message too large: at most ${this.options.maxBodyBytes} bytes.`, null, { Connection: 'close' });
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return sendRpcError(res, 400, RPC_ERRORS.parseError, 'Parse error: the message is not valid JSON.');
    }
    for (let n = messageCount(body); n > 0; n--) {
      if (!this.deps.registry.takeRateToken(scope.callKey)) {
        return sendRpcError(res, 429, RPC_ERRORS.rateLimited, RATE_LIMITED_MESSAGE, requestIdOf(body), { 'Retry-After': '1' }, { code: 'rate_limited' });
      }
    }
    if (sessionId) {
      const session = this.sessionFor(sessionId, scope);
      if (!session) return sendRpcError(res, 404, -32001, NOT_FOUND, requestIdOf(body));
      session.busy++;
      try {
        return await session.transport.handleRequest(req as AuthedRequest, res, body);
      } finally {
        session.busy--;
      }
    }
    if (!(await isLegacyRequest(await toWebRequest(req, body)))) return this.modern(req as AuthedRequest, res, body);
    if (isInitializeRequest(body)) return this.openSession(req as AuthedRequest, res, scope, body);
    return this.stateless(req as AuthedRequest, res, body);
  }

  /** A session the caller may use: it exists and its credential (and, for agent keys, call) is the caller's. */
  private sessionFor(id: string, scope: CallScope): HttpSession | undefined {
    const session = this.deps.sessions.get(id);
    return session && session.credentialKey === scope.credentialKey && session.callKey === scope.callKey ? session : undefined;
  }

  private async openSession(req: AuthedRequest, res: ServerResponse, scope: CallScope, body: unknown): Promise<void> {
    if (!(await this.deps.sessions.makeRoom(scope.credentialKey))) {
      return sendRpcError(res, 503, -32000, 'The server holds as many sessions as it can; try again shortly.', requestIdOf(body), { 'Retry-After': '5' });
    }
    const server = buildMcpServer(this.deps.server);
    let session: HttpSession | undefined;
    let detach = () => {};
    const transport = new NodeStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      enableJsonResponse: this.options.responses === 'json',
      eventStore: new SessionEventStore(),
      // Tells clients how soon to reconnect a dropped stream (sent in each stream's priming event).
      retryInterval: 1000,
      maxRequestBodySize: this.options.maxBodyBytes,
      onsessioninitialized: (id) => {
        session = {
          id,
          transport,
          credentialKey: scope.credentialKey,
          callKey: scope.callKey,
          lastSeen: Date.now(),
          streams: 0,
          busy: 0,
          close: () => transport.close(),
        };
        this.deps.sessions.add(session);
        detach = this.deps.registry.attach(scope.callKey, liveSession(id, server));
      },
    });
    transport.onclose = () => {
      detach();
      if (session) this.deps.sessions.forget(session.id);
    };
    server.onerror = (error) => this.deps.logger.debug({ err: error }, 'mcp session protocol error');
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  }

  /** A server for one stateless request (2026-07-28, or 2025-era without a session), live in its call while it runs. */
  private perRequestServer(ctx: McpRequestContext): VoicefilesMcpServer {
    const server = buildMcpServer(this.deps.server);
    const scope = scopeFromAuthInfo(ctx.authInfo);
    if (scope) {
      const detach = this.deps.registry.attach(scope.callKey, liveSession(randomUUID(), server));
      server.onclose = detach;
    }
    return server;
  }

  async close(): Promise<void> {
    await this.deps.sessions.closeAll();
    await this.closeModern();
  }
}

function liveSession(id: string, server: VoicefilesMcpServer) {
  return {
    id,
    transport: 'streamable-http' as const,
    notify: async (notification: { method: string; params?: Record<string, unknown> }) => {
      await server.notification(notification as never);
      return true;
    },
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
