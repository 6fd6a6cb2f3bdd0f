import type { Metrics } from '../../metrics.ts';
import { sendJson } from '../http-kit.ts';
import type { Router } from '../router.ts';

export interface Readiness {
  ready: boolean;
  checks: Record<string, boolean>;
  /** Whether uploads go on to scanning and extraction (false: they stay `stored`). */
  pipeline: boolean;
}

/** Liveness, readiness and Prometheus metrics. */
export function opsRoutes(router: Router, deps: { readiness: () => Promise<Readiness>; metrics: Metrics }): void {
  router.add('GET', '/health/live', async (_req, res) => {
    sendJson(res, 200, { status: 'ok' });
  });
  router.add('GET', '/health/ready', async (_req, res) => {
    const readiness = await deps.readiness();
    sendJson(res, readiness.ready ? 200 : 503, { status: readiness.ready ? 'ready' : 'not_ready', ...readiness });
  });
  router.add('GET', '/metrics', async (_req, res) => {
    const text = await deps.metrics.registry.metrics();
    res.writeHead(200, { 'Content-Type': deps.metrics.registry.contentType });
    res.end(text);
  });
}
