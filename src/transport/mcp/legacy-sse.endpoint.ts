import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SSEServerTransport } from '@modelcontextprotocol/server-legacy/sse';
import type { Logger } from 'pino';
import { DomainError } from '../../domain/errors.ts';
import type { CallRegistry } from './call-registry.ts';
import { callFactsFromHeaders, scopeFor, type CallScope } from './call-scope.ts';
import type { ConnectionLimiter } from './connection-limiter.ts';
import { authenticateEdge, EdgeAuthError, type EdgeAuthDeps } from './edge-auth.ts';
import { RATE_LIMITED_MESSAGE, RPC_ERRORS } from './json-rpc-errors.ts';
import { parseFrame } from './json-rpc-frame.ts';
import { authInfoFor, buildMcpServer, type McpServerDeps } from './mcp-server.factory.ts';
import { readBoundedBody, requestIdOf, sendEdgeRefusal, sendRpcError, type originGuard } from './mcp-http-kit.ts';

export const SSE_PATH = '/v1/sse';
export const SSE_MESSAGES_PATH = '/v1/sse/messages';

export interface LegacySseOptions {
  maxBodyBytes: number;
  queryToken: boolean;
  /** Comment lines on an idle stream, so that proxies and clients keep it open. */
  keepAliveMs: number;
}

export interface LegacySseDeps extends EdgeAuthDeps {
  server: McpServerDeps;
  registry: CallRegistry;
  connections: ConnectionLimiter;
  originGuard: ReturnType<typeof originGuard>;
  logger: Logger;
}

interface SseSession {
  transport: SSEServerTransport;
  credentialKey: string;
  callKey: string;
  res: ServerResponse;
}

/**
 * The 2024-11-05 HTTP+SSE transport (ElevenLabs' default, LiveKit's unless the URL ends in
 * /mcp): `GET /v1/sse` opens the stream and names the POST endpoint; every message is
 * POSTed to `/v1/sse/messages?sessionId=...`. On the SDK's frozen v1 SSEServerTransport;
 * the stream is a connection (counted per credential) and each POST is authenticated again.
 */
export class LegacySseEndpoint {
  private readonly sessions = new Map<string, SseSession>();

  constructor(
    private readonly deps: LegacySseDeps,
    private readonly options: LegacySseOptions,
  ) {}

  get size(): number {
    return this.sessions.size;
  }

  private async scope(req: IncomingMessage, res: ServerResponse, url: URL): Promise<CallScope | null> {
    if (!this.deps.originGuard(req, res)) return null;
    try {
      const auth = await authenticateEdge(this.deps, req, this.options.queryToken ? url.searchParams.get('token') : null);
      return scopeFor(auth.principal, callFactsFromHeaders(req.headers), 'sse');
    } catch (error) {
      if (error instanceof EdgeAuthError) {
        sendEdgeRefusal(res, error);
        return null;
      }
      throw error;
    }
  }

  /** GET /v1/sse: open a stream. */
  async open(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const scope = await this.scope(req, res, url);
    if (!scope) return;
    const release = this.deps.connections.acquire(scope.credentialKey);
    if (!release) return sendEdgeRefusal(res, new EdgeAuthError(new DomainError('rate_limited', 'This credential already holds as many connections as allowed.'), 0));
    const transport = new SSEServerTransport(SSE_MESSAGES_PATH, res);
    const server = buildMcpServer(this.deps.server);
    server.onerror = (error) => this.deps.logger.debug({ err: error }, 'sse session protocol error');
    const detach = this.deps.registry.attach(scope.callKey, {
      id: randomUUID(),
      transport: 'sse',
      notify: async (notification) => {
        await server.notification(notification as never);
        return true;
      },
    });
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), this.options.keepAliveMs);
    keepAlive.unref();
    this.sessions.set(transport.sessionId, { transport, credentialKey: scope.credentialKey, callKey: scope.callKey, res });
    transport.onclose = () => {
      clearInterval(keepAlive);
      detach();
      release();
      this.sessions.delete(transport.sessionId);
    };
    const expiry = setTimeout(() => void transport.close(), Math.max(0, Math.min(scope.principal.expiresAt.getTime() - Date.now(), 2 ** 31 - 1)));
    expiry.unref();
    res.once('close', () => clearTimeout(expiry));
    await server.connect(transport);
  }

  /** POST /v1/sse/messages?sessionId=...: one message for an open stream. */
  async post(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const scope = await this.scope(req, res, url);
    if (!scope) return;
    const session = this.sessions.get(url.searchParams.get('sessionId') ?? '');
    if (!session || session.credentialKey !== scope.credentialKey || session.callKey !== scope.callKey) {
      return sendRpcError(res, 404, -32001, 'Session not found');
    }
    const raw = await readBoundedBody(req, this.options.maxBodyBytes);
    if (raw === null) return sendRpcError(res, 413, RPC_ERRORS.invalidRequest, `Message too large: at most ${this.options.maxBodyBytes} bytes.`, null, { Connection: 'close' });
    const frame = parseFrame(raw.toString('utf8'));
    if ('reply' in frame) {
      const error = (frame.reply as unknown as { error: { code: number; message: string }; id: string | number | null }).error;
      return sendRpcError(res, 400, error.code, error.message, requestIdOf(safeJson(raw)));
    }
    if (!this.deps.registry.takeRateToken(scope.callKey)) {
      return sendRpcError(res, 429, RPC_ERRORS.rateLimited, RATE_LIMITED_MESSAGE, frame.id ?? null, { 'Retry-After': '1' }, { code: 'rate_limited' });
    }
    (req as IncomingMessage & { auth?: unknown }).auth = authInfoFor(scope);
    await session.transport.handlePostMessage(req as never, res, frame.message);
  }

  async close(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((session) => session.transport.close().catch(() => undefined)));
  }
}

function safeJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return null;
  }
}
