import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { ApiKeyDeps } from '../app/api-keys.use-case.ts';
import type { AuditLog } from '../app/audit.ts';
import type { DownloadDeps } from '../app/downloads.use-case.ts';
import type { IntakeDeps } from '../app/intake/intake.use-case.ts';
import type { FileLifecycleDeps } from '../app/file-lifecycle.use-case.ts';
import type { HoldDeps } from '../app/holds.use-case.ts';
import type { RetentionDeps } from '../app/retention.use-case.ts';
import type { LifecycleDeps } from '../app/lifecycle.use-case.ts';
import type { IdempotencyDeps } from '../app/idempotent-request.use-case.ts';
import type { SessionDeps } from '../app/sessions.use-case.ts';
import type { TenantDeps } from '../app/tenants.use-case.ts';
import type { UsageDeps } from '../app/usage.use-case.ts';
import { AuthThrottle, clientAddressOf, rateLimitedError } from '../transport/auth-throttle.ts';
import { createHttpServer } from '../transport/http/http-server.ts';
import { sendError } from '../transport/http/http-kit.ts';
import { Router } from '../transport/http/router.ts';
import { adminRoutes } from '../transport/http/routes/admin.routes.ts';
import { reindexRoutes } from '../transport/http/routes/reindex.routes.ts';
import type { ReindexRequestDeps } from '../app/reindex.use-case.ts';
import { auditRoutes } from '../transport/http/routes/audit.routes.ts';
import { blobRoutes } from '../transport/http/routes/blob.routes.ts';
import { codeRoutes, type CodeRouteDeps } from '../transport/http/routes/code.routes.ts';
import { webhookRoutes } from '../transport/http/routes/webhook.routes.ts';
import type { WebhookSettingsDeps } from '../app/webhook-settings.use-case.ts';
import { fileRoutes } from '../transport/http/routes/file.routes.ts';
import { fileLifecycleRoutes } from '../transport/http/routes/file-lifecycle.routes.ts';
import { holdRoutes } from '../transport/http/routes/hold.routes.ts';
import { retentionRoutes } from '../transport/http/routes/retention.routes.ts';
import { keyRoutes } from '../transport/http/routes/key.routes.ts';
import { opsRoutes, serveMetrics, type MetricsAccess, type Readiness } from '../transport/http/routes/ops.routes.ts';
import { sessionRoutes } from '../transport/http/routes/session.routes.ts';
import { usageRoutes } from '../transport/http/routes/usage.routes.ts';
import { tagRoutes } from '../transport/http/routes/tag.routes.ts';
import type { TagDeps } from '../app/tags.use-case.ts';
import type { FileDownloadDeps } from '../app/file-download.use-case.ts';
import { fileDownloadRoutes } from '../transport/http/routes/file-download.routes.ts';
import { customerRoutes } from '../transport/http/routes/customer.routes.ts';
import type { CustomerExportDeps } from '../app/customer-export.use-case.ts';
import type { CustomerErasureDeps } from '../app/customer-erasure.use-case.ts';
import { UploadTracker } from '../transport/http/upload-tracker.ts';
import type { InputGate } from '../transport/input-gate.ts';
import type { Metrics } from '../transport/metrics.ts';
import { DomainError, isDomainError } from '../domain/errors.ts';

export interface HttpParts {
  logger: Logger;
  metrics: Metrics;
  gate: InputGate;
  adminTokenSha256: Buffer;
  tenants: TenantDeps;
  /** Rebuilding the search index (`POST /v1/reindex`). */
  reindex: ReindexRequestDeps;
  keys: ApiKeyDeps;
  sessions: SessionDeps;
  intake: IntakeDeps;
  /** Versions, the trash and restores. */
  lifecycle: FileLifecycleDeps;
  /** Legal holds. */
  holds: HoldDeps;
  /** Retention rules. */
  retention: RetentionDeps;
  /** The purge, for emptying a trash by hand. */
  purge: LifecycleDeps;
  idempotency: IdempotencyDeps;
  audit: AuditLog;
  downloads: DownloadDeps;
  usage: UsageDeps;
  tags: TagDeps;
  download: FileDownloadDeps;
  customerExport: CustomerExportDeps;
  /** The /c pages of spoken download codes. */
  codes?: CodeRouteDeps;
  /** The tenant's webhook for share links. */
  webhook?: WebhookSettingsDeps;
  customerErasure: CustomerErasureDeps;
  /** Failed sign-ins per client address, shared with the MCP transports. */
  throttle: AuthThrottle;
  /** More routes on the same router and gate (the MCP endpoints), registered before the server is made. */
  extraRoutes?: (router: Router) => void;
  readiness: () => Promise<Readiness>;
}

export interface OpenHttp {
  server: Server;
  uploads: UploadTracker;
  throttle: AuthThrottle;
  /** The separate metrics listener (METRICS_LISTEN), when configured. */
  metricsServer: Server | null;
}

/** The HTTP API: every route behind the input gate, failed sign-ins throttled, bodies and connections bounded. */
export function openHttp(config: Config, parts: HttpParts): OpenHttp {
  const { throttle } = parts;
  const uploads = new UploadTracker();
  const apiKeyAuth = { tenants: parts.tenants.tenants, apiKeyHashing: parts.tenants.apiKeyHashing };
  const metricsAccess: MetricsAccess = config.metrics.listen
    ? { kind: 'elsewhere' }
    : config.metrics.token
      ? { kind: 'token', tokenSha256: createHash('sha256').update(config.metrics.token).digest() }
      : { kind: 'off' };

  const router = new Router(parts.gate);
  opsRoutes(router, { metrics: parts.metrics, readiness: parts.readiness, metricsAccess });
  adminRoutes(router, { ...parts.tenants, adminTokenSha256: parts.adminTokenSha256 });
  keyRoutes(router, { ...parts.keys, adminTokenSha256: parts.adminTokenSha256 });
  reindexRoutes(router, { ...parts.reindex, adminTokenSha256: parts.adminTokenSha256 });
  sessionRoutes(router, { ...parts.sessions, ...apiKeyAuth });
  fileRoutes(router, {
    ...apiKeyAuth,
    intake: parts.intake,
    uploads,
    uploadTimeoutMs: config.uploadTimeoutSeconds * 1000,
    bodyRate: { minBytesPerSecond: config.http.minBytesPerSecond, windowSeconds: config.http.rateWindowSeconds },
    idempotency: parts.idempotency,
  });
  fileLifecycleRoutes(router, { ...apiKeyAuth, lifecycle: parts.lifecycle, purge: parts.purge });
  holdRoutes(router, { ...apiKeyAuth, holds: parts.holds });
  retentionRoutes(router, { ...apiKeyAuth, retention: parts.retention });
  blobRoutes(router, parts.downloads);
  if (parts.codes) codeRoutes(router, parts.codes);
  if (parts.webhook) webhookRoutes(router, { ...apiKeyAuth, settings: parts.webhook });
  auditRoutes(router, { ...apiKeyAuth, audit: parts.audit });
  usageRoutes(router, { ...apiKeyAuth, ...parts.usage });
  tagRoutes(router, { ...apiKeyAuth, tags: parts.tags });
  fileDownloadRoutes(router, { ...apiKeyAuth, download: parts.download });
  customerRoutes(router, { ...apiKeyAuth, export: parts.customerExport, erase: parts.customerErasure });
  parts.extraRoutes?.(router);

  const server = createHttpServer(router, { logger: parts.logger, metrics: parts.metrics, gate: parts.gate, throttle }, config.http);
  return { server, uploads, throttle, metricsServer: config.metrics.listen ? metricsListener(config, parts, throttle) : null };
}

/** A listener that serves only GET /metrics (behind METRICS_TOKEN when that is set too; failed tokens count against the same throttle). */
function metricsListener(config: Config, parts: HttpParts, throttle: AuthThrottle): Server {
  const access: MetricsAccess = config.metrics.token ? { kind: 'token', tokenSha256: createHash('sha256').update(config.metrics.token).digest() } : { kind: 'open' };
  return createServer((req, res) => {
    const address = clientAddressOf(req, config.http.trustProxyHops);
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const wait = req.headers.authorization === undefined ? 0 : throttle.retryAfterSeconds(address);
    const answer =
      wait > 0
        ? Promise.reject(rateLimitedError(wait))
        : req.method === 'GET' && path === '/metrics'
          ? serveMetrics(parts.metrics, access, req, res)
          : Promise.reject(new DomainError('not_found'));
    answer.catch((error: unknown) => {
      if (!isDomainError(error)) parts.logger.error({ err: error }, 'metrics scrape failed');
      if (isDomainError(error) && error.status === 401 && req.headers.authorization !== undefined) throttle.recordFailure(address);
      sendError(res, isDomainError(error) ? error : new DomainError('internal'), wait > 0 ? { 'Retry-After': String(wait) } : {});
    });
  });
}

/** Listen and resolve with the bound port. */
export async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}
