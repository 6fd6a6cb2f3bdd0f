import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { DomainError, isDomainError } from '../../domain/errors.ts';
import type { Metrics } from '../metrics.ts';
import { sendError } from './http-kit.ts';
import type { Router } from './router.ts';

/** A request id from the caller if it looks sane, otherwise a new one. */
function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._:-]{1,100}$/.test(given) ? given : randomUUID();
}

/** The HTTP server: routing, request ids, structured logs, error mapping, metrics. */
export function createHttpServer(router: Router, deps: { logger: Logger; metrics: Metrics }): Server {
  const server = createServer((req, res) => {
    void handle(router, deps, req, res);
  });
  // Slow-loris protection: headers must arrive promptly; bodies (uploads) are bounded by the upload timeout instead.
  server.headersTimeout = 20_000;
  server.requestTimeout = 0;
  server.keepAliveTimeout = 5_000;
  return server;
}

async function handle(router: Router, deps: { logger: Logger; metrics: Metrics }, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = process.hrtime.bigint();
  const requestId = requestIdOf(req);
  res.setHeader('X-Request-Id', requestId);
  const logger = deps.logger.child({ request_id: requestId });
  let routeName = 'unmatched';
  try {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const matched = router.match(req.method ?? 'GET', url.pathname);
    if (matched === null) throw new DomainError('not_found');
    if (matched === 'method_not_allowed') throw new DomainError('method_not_allowed');
    routeName = matched.route.name;
    await matched.route.handler(req, res, { requestId, params: matched.params, url, logger });
  } catch (error) {
    const domain = isDomainError(error) ? error : error instanceof URIError ? new DomainError('bad_request', 'The URL is malformed.') : null;
    if (!domain) logger.error({ err: error, route: routeName }, 'request failed');
    if (!req.complete) {
      // The body was not read (refused early): say so and close, draining a little so the client sees the answer.
      res.setHeader('Connection', 'close');
      req.resume();
      setTimeout(() => req.destroy(), 5_000).unref();
    }
    sendError(res, domain ?? new DomainError('internal'));
  } finally {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    deps.metrics.httpRequests.inc({ method: req.method ?? '', route: routeName, status: String(res.statusCode) });
    deps.metrics.httpDuration.observe({ route: routeName }, seconds);
    logger.info({ method: req.method, route: routeName, status: res.statusCode, ms: Math.round(seconds * 1000) }, 'request');
  }
}
