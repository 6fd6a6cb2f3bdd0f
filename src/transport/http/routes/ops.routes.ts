import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerToken } from '../../../app/authenticate.ts';
import { matchesSecretHash } from '../../../app/keys.ts';
import { DomainError } from '../../../domain/errors.ts';
import type { Metrics } from '../../metrics.ts';
import { sendJson } from '../http-kit.ts';
import type { Router } from '../router.ts';

export interface Readiness {
  ready: boolean;
  checks: Record<string, boolean>;
  /** Whether uploads go on to scanning and extraction (false: they stay `stored`). */
  pipeline: boolean;
}

/**
 * Where /metrics is served: on this listener behind a bearer token (`tokenSha256`),
 * openly on a separate listener (`elsewhere`: this one answers 404), or not at all.
 */
export type MetricsAccess = { kind: 'token'; tokenSha256: Buffer } | { kind: 'open' } | { kind: 'elsewhere' } | { kind: 'off' };

/** Liveness, readiness and Prometheus metrics. */
export function opsRoutes(router: Router, deps: { readiness: () => Promise<Readiness>; metrics: Metrics; metricsAccess: MetricsAccess }): void {
  router.add('GET', '/health/live', async (_req, res) => {
    sendJson(res, 200, { status: 'ok' });
  });
  router.add('GET', '/health/ready', async (_req, res) => {
    const readiness = await deps.readiness();
    sendJson(res, readiness.ready ? 200 : 503, { status: readiness.ready ? 'ready' : 'not_ready', ...readiness });
  });
  router.add('GET', '/metrics', async (req, res) => serveMetrics(deps.metrics, deps.metricsAccess, req, res));
}

/** Prometheus text for a scrape the access rule allows. */
export async function serveMetrics(metrics: Metrics, access: MetricsAccess, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (access.kind === 'off') throw new DomainError('not_found', 'Metrics are off: set METRICS_TOKEN or METRICS_LISTEN to serve them.');
  if (access.kind === 'elsewhere') throw new DomainError('not_found', 'Metrics are served on the METRICS_LISTEN address, not here.');
  if (access.kind === 'token') {
    const bearer = bearerToken(req.headers.authorization);
    if (bearer === null || !matchesSecretHash(access.tokenSha256, bearer)) throw new DomainError('unauthenticated', 'The metrics token is required.');
  }
  const text = await metrics.registry.metrics();
  res.writeHead(200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' });
  res.end(text);
}
