import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { authenticateAdmin, bearerToken } from '../../../app/authenticate.ts';
import { planReindex, runReindex, type ReindexPlan, type ReindexRequestDeps } from '../../../app/reindex.use-case.ts';
import { DomainError } from '../../../domain/errors.ts';
import { sendJson } from '../http-kit.ts';
import { BODIES } from '../request-schemas.ts';
import type { Router } from '../router.ts';

/** The media type of a streamed rebuild: one JSON object per line. */
export const NDJSON = 'application/x-ndjson';

/**
 * Rebuilding the search index from the catalog, with the admin token (`voicefiles reindex`).
 * With `Accept: application/x-ndjson` the answer streams progress lines as the rebuild goes
 * (`start`, `progress` per page of files, `done` with the counts; `error` if it fails after
 * the stream began); otherwise one JSON object with the counts at the end.
 */
export function reindexRoutes(router: Router, deps: ReindexRequestDeps & { adminTokenSha256: Buffer }): void {
  router.add<Record<string, never>, { tenant?: string }>(
    'POST',
    '/v1/reindex',
    async (req, res, ctx) => {
      authenticateAdmin(deps.adminTokenSha256, bearerToken(req.headers.authorization));
      const { tenant } = await ctx.body();
      // Planned before answering, so an unknown tenant is still a plain 404.
      const plan = await planReindex(deps, tenant);
      if (!(req.headers.accept ?? '').toLowerCase().includes(NDJSON)) {
        const tenants = await runReindex(deps, plan);
        sendJson(res, 200, { tenants, indexed: tenants.reduce((sum, t) => sum + t.indexed, 0) });
        return;
      }
      await streamReindex(res, deps, plan, ctx.logger);
    },
    { body: BODIES.reindex },
  );
}

async function streamReindex(res: ServerResponse, deps: ReindexRequestDeps, plan: ReindexPlan, logger: Logger): Promise<void> {
  res.writeHead(200, { 'Content-Type': `${NDJSON}; charset=utf-8`, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  // Each line goes out at once: a proxy or client must not sit on the progress.
  res.socket?.setNoDelay(true);
  const send = (event: Record<string, unknown>) => {
    if (!res.destroyed) res.write(`${JSON.stringify(event)}\n`);
  };
  const totals = new Map(plan.tenants.map((t) => [t.slug, t.total]));
  send({ event: 'start', tenants: plan.tenants.map((t) => ({ slug: t.slug, total: t.total })) });
  try {
    const tenants = await runReindex(deps, plan, (p) => send({ event: 'progress', tenant: p.tenant, seen: p.seen, indexed: p.indexed, total: totals.get(p.tenant) ?? null, finished: p.finished }));
    send({ event: 'done', tenants, indexed: tenants.reduce((sum, t) => sum + t.indexed, 0) });
  } catch (error) {
    const known = error instanceof DomainError ? error : new DomainError('internal', 'The rebuild failed; the server log has the cause.');
    send({ event: 'error', error: { code: known.code, message: known.message } });
    // The status line went out long ago: the error line is the answer, and the log has the cause.
    if (!(error instanceof DomainError)) logger.error({ err: error }, 'search index rebuild failed');
  } finally {
    res.end();
  }
}
