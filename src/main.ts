import path from 'node:path';
import type { Server } from 'node:http';
import type { DestinationStream, Logger } from 'pino';
import { loadConfig, publicBaseUrl, type Config } from './config.ts';
import { deriveKeys } from './app/keys.ts';
import { CachedSessionRevocations } from './app/revocation-cache.ts';
import { CLOCK_TOLERANCE_SECONDS } from './app/sessions.use-case.ts';
import { FIRST_JOB } from './pipeline/pipeline.ts';
import { systemClock } from './ports/clock.port.ts';
import type { QuotaWarning } from './domain/quota.ts';
import { ToolRunner } from './tools/tool-runner.ts';
import { findTool } from './tools/find.tool.ts';
import { describeTool } from './tools/describe.tool.ts';
import { shareTool } from './tools/share.tool.ts';
import { Metrics } from './transport/metrics.ts';
import { InputGate, toolArgumentGate } from './transport/input-gate.ts';
import { AuthThrottle } from './transport/auth-throttle.ts';
import { openStorage } from './composition/storage.ts';
import { openCatalog } from './composition/catalog.ts';
import { rebuildIfNeeded } from './app/reindex.use-case.ts';
import { openMcp, type OpenMcp } from './composition/mcp.ts';
import { openDescriber } from './composition/describe.ts';
import { openUploads } from './composition/uploads.ts';
import { openPipeline } from './composition/pipeline.ts';
import { createLogger } from './composition/logger.ts';
import { resolveServerSecrets } from './composition/secrets.ts';
import { listen, openHttp } from './composition/http.ts';
import { FileTypeContentSniffer } from '../adapters/sniff/file-type.content-sniffer.ts';
import { JoseTokenSigner } from '../adapters/tokens/jose.token-signer.ts';
import { PostgresAccessCodeStore } from '../adapters/postgres/postgres.access-code-store.ts';
import { PostgresAttemptThrottle } from '../adapters/postgres/postgres.attempt-throttle.ts';
import { PostgresApiKeyStore } from '../adapters/postgres/postgres.api-key-store.ts';
import { PostgresSessionRevocations } from '../adapters/postgres/postgres.session-revocations.ts';
import { PostgresIdempotencyStore } from '../adapters/postgres/postgres.idempotency-store.ts';
import { PostgresRetentionStore } from '../adapters/postgres/postgres.retention-store.ts';
import { PostgresQuotaStore } from '../adapters/postgres/postgres.quota-store.ts';
import { notifyQuotaWarning } from './app/quota-warnings.use-case.ts';
import { PostgresFileLabels } from '../adapters/postgres/postgres.file-labels.ts';
import { PostgresAccessCounters } from '../adapters/postgres/postgres.access-counters.ts';
import { PostgresDataSubjectStore } from '../adapters/postgres/postgres.data-subject-store.ts';
import { YazlArchiveWriter } from '../adapters/archive/yazl.archive-writer.ts';
import { checkReadiness } from './composition/readiness.ts';
import { secureDataDir } from './composition/data-dir.ts';
import { startMaintenance } from './composition/maintenance.ts';
import { checkedCodeLimits } from './composition/code-limits.ts';
import { cachedTenantsBySlug } from './composition/tenant-slug-cache.ts';
import { lifecycleDeps, scheduleLifecycle } from './composition/lifecycle.ts';
import { PostgresShareStore } from '../adapters/postgres/postgres.share-store.ts';
import { PostgresBlobServability } from '../adapters/postgres/postgres.blob-servability.ts';
import { WebhookNotifier } from '../adapters/notify/webhook.notifier.ts';

export interface RunningServer {
  url: string;
  port: number;
  /** http://host:port of the separate metrics listener, when METRICS_LISTEN is set. */
  metricsUrl: string | null;
  logger: Logger;
  /** Live calls on this node: where use cases push MCP notifications (see src/transport/mcp/call-registry.ts). */
  calls: OpenMcp['registry'];
  /** Failed-authentication throttle of this server, for transports that authenticate on their own. */
  throttle: AuthThrottle;
  /** Graceful stop: refuse new work, drain sessions and uploads, close stores. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Where log lines go (default stdout); tests capture them here. */
  logDestination?: DestinationStream;
  /** Called after each upload update this node pushed into a live session (benchmarks, tests). */
  onUploadPushed?: (update: import('./app/upload-live.ts').UploadUpdate) => void;
  /** The clock of spoken codes and shares (expiry, throttles, confirmations); tests move it to expire codes. Default: the system clock. */
  codeClock?: import('./ports/clock.port.ts').Clock;
}

/** Composition root: config -> adapters -> use cases -> servers. */
export async function startServer(config: Config = loadConfig(), options: StartOptions = {}): Promise<RunningServer> {
  const logger = createLogger(config.logLevel, 'voicefiles', options.logDestination);
  // Refuse to start when the code limits let anyone guess a live code with a chance above 1e-6.
  const codeLimits = checkedCodeLimits(config.codes);
  logger.info({ guessingBound: codeLimits.bound.probability, codeSpaceBits: codeLimits.bound.codeSpaceBits }, 'spoken code limits');
  const dataDir = (await secureDataDir(config.dataDir))!;
  const secrets = await resolveServerSecrets(config, { role: 'server' });
  for (const note of secrets.notes) logger[note.level](note.message);
  const keys = deriveKeys(secrets.rootKey);
  const apiKeyHashing = secrets.apiKeyHashing ?? keys.apiKeyHashing;
  const clock = systemClock;
  const metrics = new Metrics();

  let boundPort = config.port;
  const catalog = await openCatalog(config, logger, { cron: config.pipeline.inProcessWorkers });
  const blobs = await openStorage(config, { signingKey: keys.blobUrlSigning, publicBaseUrl: () => publicBaseUrl(config, boundPort), dataDir: path.resolve(config.dataDir) });

  await dataDir.tighten();
  const maintenance = startMaintenance(config, { blobs, db: catalog.db, registry: metrics.registry, dataDir, logger });
  const pipeline = await openPipeline(config, { catalog, blobs, logger }, { runWorkers: config.pipeline.inProcessWorkers, onScannerChange: (up) => maintenance.scannerChanged(up) });
  // A search index left empty by a migration (or of an older format) is rebuilt from the
  // catalog in the background; find answers from what is indexed meanwhile.
  void rebuildIfNeeded({ search: catalog.search, catalog: catalog.files, texts: catalog.processing, tenants: () => catalog.tenants.listTenants() })
    .then((indexed) => indexed !== null && logger.info({ indexed }, 'search index rebuilt from the catalog'))
    .catch((error: unknown) => logger.error({ err: error }, 'search index rebuild failed; run `voicefiles reindex --all`'));
  const quotas = new PostgresQuotaStore(catalog.db);
  const quotaWebhooks = new PostgresShareStore(catalog.db);
  const quotaNotifier = new WebhookNotifier({ allowPrivateAddresses: config.codes.webhookAllowPrivateAddresses, logger });
  const lifecycle = lifecycleDeps(config, catalog, blobs, logger, metrics.registry);
  if (config.pipeline.inProcessWorkers) await scheduleLifecycle(config, catalog, lifecycle);
  const intake = {
    blobs,
    catalog: catalog.files,
    audit: catalog.audit,
    sniffer: new FileTypeContentSniffer(),
    limits: config.uploadLimits,
    firstJob: FIRST_JOB,
    onStored: (result: { version: { size: number } }) => metrics.uploadBytes.inc(result.version.size),
    quotas: {
      store: quotas,
      warnPercents: config.quotas.warnPercents,
      onWarning: (tenantId: string, warning: QuotaWarning) => {
        metrics.quotaWarnings.inc({ percent: String(warning.percent), measure: warning.measure });
        logger.warn({ tenant: tenantId, percent: warning.percent, measure: warning.measure, bytes: warning.bytes, files: warning.files }, 'quota warning');
        // The tenant's webhook (set for share links) hears of it too; after the upload has answered.
        void notifyQuotaWarning({ webhook: (id) => quotaWebhooks.webhook(id), notifier: quotaNotifier, tenants: catalog.tenants }, tenantId, warning).then((result) => {
          if (result && !result.delivered) logger.warn({ tenant: tenantId, reason: result.reason }, 'quota warning webhook not delivered');
        });
      },
      onRefused: () => metrics.quotaRefusals.inc(),
    },
  };

  const describer = openDescriber(config.describe, { catalog: catalog.files, processing: catalog.processing, blobs, db: catalog.db, logger });
  // Spoken codes (download and upload kinds): one store and Postgres token buckets shared by every node.
  const accessCodes = { codes: new PostgresAccessCodeStore(catalog.db), throttle: new PostgresAttemptThrottle(catalog.db), clock: options.codeClock ?? clock, hashingKey: keys.codeHashing, limits: codeLimits.limits };
  const uploadRequests = openUploads({ catalog, describe: describer.deps, accessCodes, blobs, intake, keys, publicBaseUrl: () => publicBaseUrl(config, boundPort), logger, ...(options.onUploadPushed ? { onPushed: options.onUploadPushed } : {}) });

  // Spoken codes and shares (issue 9): one store per concern, all on the catalog database.
  const shares = new PostgresShareStore(catalog.db);
  const access = accessCodes;
  const codePage = (slug: string) => `${publicBaseUrl(config, boundPort)}/c/${slug}`;
  const notifier = new WebhookNotifier({ allowPrivateAddresses: config.codes.webhookAllowPrivateAddresses, logger });
  const share = {
    catalog: catalog.files,
    shares,
    clock: options.codeClock ?? clock,
    hashingKey: keys.codeHashing,
    limits: codeLimits.limits,
    confirmationSeconds: config.codes.confirmationSeconds,
    codePage,
    tenantSlug: async (tenantId: string) => (await catalog.tenants.getTenant(tenantId))?.slug ?? tenantId,
    notifier,
    onDelivery: (result: { delivered: boolean; reason?: string }, record: { id: string; tenantId: string }) =>
      (result.delivered ? logger.info : logger.warn).call(logger, { share: record.id, tenant: record.tenantId, delivered: result.delivered, reason: result.reason }, 'share link delivery'),
  };

  const gate = new InputGate();
  const runner = new ToolRunner([findTool({ search: catalog.search, catalog: catalog.files }), describeTool(describer.deps), ...uploadRequests.tools, shareTool(share)], {
    audit: catalog.audit,
    checkArguments: toolArgumentGate(gate),
    onFault: (error, tool) => logger.error({ err: error, tool }, 'tool failed'),
  });
  const sessions = {
    tokens: new JoseTokenSigner({ key: keys.sessionSigning, issuer: 'voicefiles', audience: 'voicefiles-agent', clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS }),
    revocations: new CachedSessionRevocations(new PostgresSessionRevocations(catalog.db), { ttlMs: config.auth.revocationCacheSeconds * 1000, maxEntries: 50_000 }),
    audit: catalog.audit,
    clock,
    maxTtlSeconds: config.sessionMaxTtlSeconds,
  };
  const throttle = new AuthThrottle({ burst: config.auth.failureBurst, perMinute: config.auth.failuresPerMinute });
  let mcp: OpenMcp | null = null;

  const http = openHttp(config, {
    logger,
    metrics,
    gate,
    adminTokenSha256: secrets.adminTokenSha256!,
    tenants: { tenants: catalog.tenants, audit: catalog.audit, apiKeyHashing, defaultLocale: config.defaultLocale },
    reindex: { search: catalog.search, catalog: catalog.files, texts: catalog.processing, tenants: catalog.tenants, quotas },
    keys: { tenants: catalog.tenants, keys: new PostgresApiKeyStore(catalog.db), audit: catalog.audit, apiKeyHashing, clock },
    sessions,
    intake,
    lifecycle: { catalog: catalog.files, lifecycle: catalog.lifecycle, search: catalog.search, texts: catalog.processing, firstJob: FIRST_JOB },
    holds: { holds: catalog.holds },
    retention: { retention: new PostgresRetentionStore(catalog.db) },
    purge: lifecycle,
    idempotency: { store: new PostgresIdempotencyStore(catalog.db), clock, onWarning: (error, message) => logger.warn({ err: error }, message) },
    audit: catalog.audit,
    downloads: { blobs, servability: new PostgresBlobServability(catalog.db), unscannedAllowed: config.pipeline.scanPolicy === 'optional' },
    usage: { quotas },
    download: { catalog: catalog.files, versions: catalog.processing, blobs, counters: new PostgresAccessCounters(catalog.db), linkSeconds: config.codes.downloadLinkSeconds },
    customerExport: { subjects: new PostgresDataSubjectStore(catalog.db), blobs, archive: new YazlArchiveWriter(), audit: catalog.audit },
    customerErasure: { subjects: new PostgresDataSubjectStore(catalog.db), search: catalog.search, blobs, purge: lifecycle.store, onWarning: (error, message) => logger.warn({ err: error }, message) },
    tags: { labels: new PostgresFileLabels(catalog.db), catalog: catalog.files, texts: catalog.processing, search: catalog.search },
    codes: {
      redeem: { access, tenants: cachedTenantsBySlug(catalog.tenants, { ttlMs: 10_000, maxEntries: 10_000 }), shares, processing: catalog.processing, blobs, downloadLinkSeconds: config.codes.downloadLinkSeconds, counters: new PostgresAccessCounters(catalog.db) },
      defaultLocale: config.defaultLocale,
    },
    webhook: { shares, audit: catalog.audit },
    throttle,
    // MCP on the same router: Streamable HTTP, legacy SSE, the tool catalogue, agent keys; their sign-ins share the throttle.
    extraRoutes: (router) => {
      mcp = openMcp(config, { db: catalog.db, audit: catalog.audit, tenants: catalog.tenants, keys: { ...keys, apiKeyHashing }, sessions, clock, runner, gate, router, metrics, logger, authGuard: throttle, resources: uploadRequests.resources });
      uploadRequests.routes(router);
    },
    readiness: () =>
      checkReadiness({
        database: () => catalog.ping(),
        storage: () => blobs.head('tenants/00000000-0000-0000-0000-000000000000/blobs/readiness-probe').then(() => true),
        scanner: () => pipeline.scannerUp(),
      }),
  });
  const { server, uploads } = http;
  if (!mcp) throw new Error('the MCP routes were not registered');
  const calls: OpenMcp = mcp;
  calls.attach(server);
  uploadRequests.live(calls.registry);

  boundPort = await listen(server, config.port, config.host);
  const url = publicBaseUrl({ ...config, publicUrl: null }, boundPort);
  let metricsUrl: string | null = null;
  if (http.metricsServer && config.metrics.listen) {
    const metricsPort = await listen(http.metricsServer, config.metrics.listen.port, config.metrics.listen.host);
    metricsUrl = publicBaseUrl({ ...config, host: config.metrics.listen.host, publicUrl: null }, metricsPort);
  }
  logger.info({ url, metrics: metricsUrl, database: catalog.engine, storage: config.s3 ? 's3' : 'local', data_dir: path.resolve(config.dataDir) }, `voicefiles listening on ${url}`);

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      const graceMs = config.shutdownGraceSeconds * 1000;
      logger.info('shutting down: refusing new connections, draining sessions and uploads');
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      await closeQuietly(http.metricsServer);
      await Promise.all([calls.close(graceMs), uploads.drain(graceMs)]);
      await uploadRequests.close();
      await pipeline.close(graceMs);
      server.closeIdleConnections();
      await Promise.race([serverClosed, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      server.closeAllConnections();
      await maintenance.close();
      await describer.close();
      await blobs.close?.();
      await catalog.close();
      await dataDir.tighten().catch(() => 0);
      logger.info('shut down');
    })());
  return { url, port: boundPort, metricsUrl, logger, calls: calls.registry, throttle, close };
}

async function closeQuietly(server: Server | null): Promise<void> {
  if (!server?.listening) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** A pipeline worker without HTTP (`voicefiles worker`): runs jobs against the same database and storage. */
export async function startWorker(config: Config = loadConfig()): Promise<{ logger: Logger; close(): Promise<void> }> {
  const logger = createLogger(config.logLevel, 'voicefiles-worker');
  if (!config.databaseUrl) throw new Error('voicefiles worker needs DATABASE_URL: separate workers share a Postgres server with the API nodes');
  await secureDataDir(config.dataDir, { create: false });
  const secrets = await resolveServerSecrets(config, { role: 'worker' });
  const keys = deriveKeys(secrets.rootKey);
  const catalog = await openCatalog(config, logger, { cron: true });
  const blobs = await openStorage(config, { signingKey: keys.blobUrlSigning, publicBaseUrl: () => publicBaseUrl(config, config.port), dataDir: path.resolve(config.dataDir) });
  const pipeline = await openPipeline(config, { catalog, blobs, logger }, { runWorkers: true });
  await scheduleLifecycle(config, catalog, lifecycleDeps(config, catalog, blobs, logger));
  logger.info('voicefiles worker running');
  return {
    logger,
    async close() {
      await pipeline.close(config.shutdownGraceSeconds * 1000);
      await blobs.close?.();
      await catalog.close();
    },
  };
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === new URL(`file://${path.resolve(process.argv[1])}`).href;
if (invokedDirectly) {
  startServer()
    .then((running) => {
      for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        process.once(signal, () => {
          running.close().then(
            () => process.exit(0),
            (error: unknown) => {
              running.logger.error({ err: error }, 'shutdown failed');
              process.exit(1);
            },
          );
        });
      }
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
