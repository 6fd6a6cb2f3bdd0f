import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { loadConfig, publicBaseUrl, type Config } from './config.ts';
import { resolveMasterKey } from './master-key.ts';
import { deriveKeys } from './app/keys.ts';
import { enqueueStored } from './pipeline/pipeline.ts';
import type { RecordIntakeResult } from './ports/file-catalog.port.ts';
import { systemClock } from './ports/clock.port.ts';
import { ToolRunner } from './tools/tool-runner.ts';
import { findTool } from './tools/find.tool.ts';
import { describeTool } from './tools/describe.tool.ts';
import { Router } from './transport/http/router.ts';
import { createHttpServer } from './transport/http/http-server.ts';
import { UploadTracker } from './transport/http/upload-tracker.ts';
import { adminRoutes } from './transport/http/routes/admin.routes.ts';
import { sessionRoutes } from './transport/http/routes/session.routes.ts';
import { fileRoutes } from './transport/http/routes/file.routes.ts';
import { opsRoutes } from './transport/http/routes/ops.routes.ts';
import { blobRoutes } from './transport/http/routes/blob.routes.ts';
import { auditRoutes } from './transport/http/routes/audit.routes.ts';
import { Metrics } from './transport/metrics.ts';
import { InputGate, toolArgumentGate } from './transport/input-gate.ts';
import { openStorage } from './composition/storage.ts';
import { openCatalog } from './composition/catalog.ts';
import { openMcp, type OpenMcp } from './composition/mcp.ts';
import { openPipeline } from './composition/pipeline.ts';
import { FileTypeContentSniffer } from '../adapters/sniff/file-type.content-sniffer.ts';

export interface RunningServer {
  url: string;
  port: number;
  logger: Logger;
  /** Live calls on this node: where use cases push MCP notifications (see src/transport/mcp/call-registry.ts). */
  calls: OpenMcp['registry'];
  /** Graceful stop: refuse new work, drain sessions and uploads, close stores. */
  close(): Promise<void>;
}

/** Composition root: config -> adapters -> use cases -> servers. */
export async function startServer(config: Config = loadConfig()): Promise<RunningServer> {
  const logger = pino({ level: config.logLevel, base: { service: 'voicefiles' } });
  mkdirSync(config.dataDir, { recursive: true });
  const master = await resolveMasterKey({ configured: config.masterKey, dataDir: config.dataDir, create: true });
  if (master.source === 'generated') logger.warn({ path: master.path }, `generated a master key at ${master.path}; keep it secret`);
  const keys = deriveKeys(master.key);
  const clock = systemClock;
  const metrics = new Metrics();

  let boundPort = config.port;
  const catalog = await openCatalog(config, logger);
  const blobs = await openStorage(config, { signingKey: keys.blobUrlSigning, publicBaseUrl: () => publicBaseUrl(config, boundPort), dataDir: path.resolve(config.dataDir) });

  const pipeline = await openPipeline(config, { db: catalog.db, blobs, search: catalog.search, audit: catalog.audit, logger }, { runWorkers: config.pipeline.inProcessWorkers });
  const intake = {
    blobs,
    catalog: catalog.files,
    audit: catalog.audit,
    sniffer: new FileTypeContentSniffer(),
    limits: config.uploadLimits,
    onStored: async (result: RecordIntakeResult) => {
      metrics.uploadBytes.inc(result.version.size);
      await enqueueStored(pipeline.deps, { tenantId: result.version.tenantId, versionId: result.version.id });
    },
  };

  const gate = new InputGate();
  const runner = new ToolRunner([findTool({ search: catalog.search, catalog: catalog.files }), describeTool({ catalog: catalog.files })], {
    audit: catalog.audit,
    checkArguments: toolArgumentGate(gate),
    onFault: (error, tool) => logger.error({ err: error, tool }, 'tool failed'),
  });
  const sessionDeps = { signingKey: keys.sessionSigning, audit: catalog.audit, clock, maxTtlSeconds: config.sessionMaxTtlSeconds };
  const uploads = new UploadTracker();

  const router = new Router();
  opsRoutes(router, {
    metrics,
    readiness: async () => {
      const database = await catalog.ping();
      const storage = await blobs.head('tenants/00000000-0000-0000-0000-000000000000/blobs/readiness-probe').then(() => true, () => false);
      return { ready: database && storage, checks: { database, storage }, pipeline: true };
    },
  });
  adminRoutes(router, { tenants: catalog.tenants, audit: catalog.audit, apiKeyHashing: keys.apiKeyHashing, defaultLocale: config.defaultLocale, masterKey: master.key });
  sessionRoutes(router, { ...sessionDeps, tenants: catalog.tenants, apiKeyHashing: keys.apiKeyHashing });
  fileRoutes(router, { tenants: catalog.tenants, apiKeyHashing: keys.apiKeyHashing, intake, uploads, uploadTimeoutMs: config.uploadTimeoutSeconds * 1000 });
  blobRoutes(router, { blobs });
  auditRoutes(router, { tenants: catalog.tenants, apiKeyHashing: keys.apiKeyHashing, audit: catalog.audit });

  const mcp = openMcp(config, { db: catalog.db, audit: catalog.audit, tenants: catalog.tenants, keys, clock, runner, gate, router, metrics, logger });

  const server = createHttpServer(router, { logger, metrics });
  mcp.attach(server);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  boundPort = (server.address() as AddressInfo).port;
  const url = publicBaseUrl({ ...config, publicUrl: null }, boundPort);
  logger.info({ url, database: catalog.engine, storage: config.s3 ? 's3' : 'local', data_dir: path.resolve(config.dataDir) }, `voicefiles listening on ${url}`);

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      const graceMs = config.shutdownGraceSeconds * 1000;
      logger.info('shutting down: refusing new connections, draining sessions and uploads');
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([mcp.close(graceMs), uploads.drain(graceMs)]);
      await pipeline.close(graceMs);
      server.closeIdleConnections();
      await Promise.race([serverClosed, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      server.closeAllConnections();
      await blobs.close?.();
      await catalog.close();
      logger.info('shut down');
    })());
  return { url, port: boundPort, logger, calls: mcp.registry, close };
}

/** A pipeline worker without HTTP (`voicefiles worker`): runs jobs against the same database and storage. */
export async function startWorker(config: Config = loadConfig()): Promise<{ logger: Logger; close(): Promise<void> }> {
  const logger = pino({ level: config.logLevel, base: { service: 'voicefiles-worker' } });
  if (!config.databaseUrl) throw new Error('voicefiles worker needs DATABASE_URL: separate workers share a Postgres server with the API nodes');
  const master = await resolveMasterKey({ configured: config.masterKey, dataDir: config.dataDir, create: false });
  const keys = deriveKeys(master.key);
  const catalog = await openCatalog(config, logger);
  const blobs = await openStorage(config, { signingKey: keys.blobUrlSigning, publicBaseUrl: () => publicBaseUrl(config, config.port), dataDir: path.resolve(config.dataDir) });
  const pipeline = await openPipeline(config, { db: catalog.db, blobs, search: catalog.search, audit: catalog.audit, logger }, { runWorkers: true });
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
