import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { DomainError, isDomainError } from '../../domain/errors.ts';
import { AuthThrottle, clientAddressOf, rateLimitedError } from '../auth-throttle.ts';
import type { InputGate } from '../input-gate.ts';
import type { Metrics } from '../metrics.ts';
import { readJson, sendError } from './http-kit.ts';
import { HEADERS } from './request-schemas.ts';
import type { Router } from './router.ts';

export interface HttpServerOptions {
  /** Open connections at most (WebSockets included); past it new connections are closed at once. */
  maxConnections: number;
  /** A JSON body must arrive whole within this. */
  jsonBodyTimeoutSeconds: number;
  /** Bodies slower than this over `rateWindowSeconds` are cut off; 0: no minimum. */
  minBytesPerSecond: number;
  rateWindowSeconds: number;
  /** Reverse proxies in front that append to X-Forwarded-For. */
  trustProxyHops: number;
}

export interface HttpServerDeps {
  logger: Logger;
  metrics: Metrics;
  gate: InputGate;
  throttle: AuthThrottle;
}

/** A request id from the caller if it looks sane, otherwise a new one. */
function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._:-]{1,100}$/.test(given) ? given : randomUUID();
}

/** The HTTP server: routing, the header gate, throttling of failed sign-ins, request ids, structured logs, error mapping, metrics. */
export function createHttpServer(router: Router, deps: HttpServerDeps, options: HttpServerOptions): Server {
  const checkHeaders = deps.gate.compile(HEADERS, 'headers');
  const server = createServer((req, res) => {
    void handle(router, deps, options, checkHeaders, req, res);
  });
  // Slow-loris protection: headers must arrive promptly; bodies have their own per-route deadline and minimum rate.
  server.headersTimeout = 20_000;
  server.requestTimeout = 0;
  server.keepAliveTimeout = 5_000;
  server.maxConnections = options.maxConnections;
  server.on('clientError', (error, socket) => answerUnparsable(error, socket));
  return server;
}

/**
 * What Node could not even parse as HTTP (bad framing, oversized headers, headers too
 * slow) still gets the error envelope, instead of Node's bare `400` without a body.
 */
function answerUnparsable(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const domain =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? new DomainError('request_timeout', 'The request headers did not arrive in time.')
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? new DomainError('bad_request', 'The request headers are too large.')
        : new DomainError('bad_request', 'The request is not valid HTTP.');
  const body = JSON.stringify({ error: { code: domain.code, message: domain.message } });
  const reason = domain.status === 408 ? 'Request Timeout' : 'Bad Request';
  socket.end(`HTTP/1.1 ${domain.status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

async function handle(
  router: Router,
  deps: HttpServerDeps,
  options: HttpServerOptions,
  checkHeaders: (value: unknown) => unknown,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const started = process.hrtime.bigint();
  const requestId = requestIdOf(req);
  res.setHeader('X-Request-Id', requestId);
  const logger = deps.logger.child({ request_id: requestId });
  const clientAddress = clientAddressOf(req, options.trustProxyHops);
  const presentsCredential = req.headers.authorization !== undefined;
  let routeName = 'unmatched';
  try {
    const url = new URL(req.url ?? '/', 'http://localhost');
    checkHeaders(readHeaders(req));
    const matched = router.match(req.method ?? 'GET', url.pathname);
    if (matched === null) throw new DomainError('not_found');
    if (matched === 'method_not_allowed') throw new DomainError('method_not_allowed');
    routeName = matched.name;
    if (presentsCredential) {
      const wait = deps.throttle.retryAfterSeconds(clientAddress);
      if (wait > 0) throw rateLimitedError(wait);
    }
    const limits = { deadlineMs: options.jsonBodyTimeoutSeconds * 1000, minBytesPerSecond: options.minBytesPerSecond, windowSeconds: options.rateWindowSeconds };
    await matched.run(req, res, { requestId, url, logger, clientAddress }, (request) => readJson(request, limits));
  } catch (error) {
    const domain = isDomainError(error) ? error : error instanceof URIError ? new DomainError('bad_request', 'The URL is malformed.') : null;
    if (!domain) logger.error({ err: error, route: routeName }, 'request failed');
    if (domain?.status === 401 && presentsCredential) deps.throttle.recordFailure(clientAddress);
    if (!req.complete) {
      // The body was not read (refused early): say so and close, draining a little so the client sees the answer.
      res.setHeader('Connection', 'close');
      req.resume();
      setTimeout(() => req.destroy(), 5_000).unref();
    }
    const retryAfter = domain?.code === 'rate_limited' ? domain.details?.retry_after_seconds : undefined;
    sendError(res, domain ?? new DomainError('internal'), typeof retryAfter === 'number' ? { 'Retry-After': String(retryAfter) } : {});
  } finally {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    deps.metrics.httpRequests.inc({ method: req.method ?? '', route: routeName, status: String(res.statusCode) });
    deps.metrics.httpDuration.observe({ route: routeName }, seconds);
    logger.info({ method: req.method, route: routeName, status: res.statusCode, ms: Math.round(seconds * 1000) }, 'request');
  }
}

/** Only the headers we act on, for the header gate (X-Request-Id is checked on its own: an odd one is replaced, not refused). */
function readHeaders(req: IncomingMessage): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of ['authorization', 'idempotency-key']) {
    const value = req.headers[name];
    if (typeof value === 'string') picked[name] = value;
  }
  return picked;
}
