import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { AuditLog } from '../ports/audit-log.port.ts';
import type { BlobStore } from '../ports/blob-store.port.ts';
import type { Database } from '../ports/database.port.ts';
import type { EventBus } from '../ports/event-bus.port.ts';
import type { Scanner } from '../ports/scanner.port.ts';
import type { SearchIndex } from '../ports/search-index.port.ts';
import type { Transcriber } from '../ports/transcriber.port.ts';
import type { PipelineDeps, ScanPolicy } from '../pipeline/pipeline-deps.ts';
import { failVersion, registerPipelineWorkers, resumeUnfinished } from '../pipeline/pipeline.ts';
import { ClamavScanner, resolveClamavUrl } from '../../adapters/scan/clamav.scanner.ts';
import { createIsolatedExtractor } from '../../adapters/extract/isolated.extractor.ts';
import { PocketsphinxTranscriber, pocketsphinxAvailable } from '../../adapters/transcribe/pocketsphinx.transcriber.ts';
import { TranscribeClient } from '@aws-sdk/client-transcribe';
import { AwsTranscriber } from '../../adapters/transcribe/aws.transcriber.ts';
import { PgBossJobQueue } from '../../adapters/queue/pg-boss.job-queue.ts';
import { InProcessEventBus } from '../../adapters/events/in-process.event-bus.ts';
import { PostgresNotifyEventBus } from '../../adapters/events/postgres-notify.event-bus.ts';
import { PostgresProcessingStore } from '../../adapters/postgres/postgres.processing-store.ts';
import { openAttachmentIntake } from './attachments.ts';

export interface OpenPipeline {
  deps: PipelineDeps;
  scanPolicy: ScanPolicy;
  /** Whether this process runs jobs (false: it only enqueues; `voicefiles worker` runs them). */
  working: boolean;
  close(graceMs: number): Promise<void>;
}

/**
 * The processing pipeline: a pg-boss queue on the catalog's database, clamd,
 * isolated extractors, a transcriber when one is installed, and the event bus.
 */
export async function openPipeline(
  config: Config,
  shared: { db: Database; blobs: BlobStore; search: SearchIndex; audit: AuditLog; logger: Logger },
  options: { runWorkers: boolean },
): Promise<OpenPipeline> {
  const { logger } = shared;
  const settings = config.pipeline;
  const clamavUrl = await resolveClamavUrl(settings.clamavUrl);
  const clamav = new ClamavScanner({
    url: clamavUrl,
    timeoutMs: settings.scanTimeoutSeconds * 1000,
    ...(settings.clamavStreamMaxBytes ? { streamMaxBytes: settings.clamavStreamMaxBytes } : {}),
  });
  const clamdAnswers = await clamav.ping();
  const scanPolicy: ScanPolicy = settings.scanPolicy ?? (config.nodeEnv === 'production' || clamdAnswers ? 'required' : 'optional');
  if (!clamdAnswers) {
    if (scanPolicy === 'optional') logger.warn({ clamav: clamavUrl }, 'no clamd answers: SCAN_POLICY=optional, new files will be marked unscanned');
    else logger.warn({ clamav: clamavUrl }, 'no clamd answers: SCAN_POLICY=required, new files wait in scanning until it does');
  }
  const scanner: Scanner | null = clamdAnswers || scanPolicy === 'required' ? clamav : null;

  const transcriber = await openTranscriber(config, shared.blobs, logger);
  const extractor = createIsolatedExtractor({
    timeoutMs: settings.extractTimeoutSeconds * 1000,
    ocrTimeoutMs: settings.ocrTimeoutSeconds * 1000,
    limits: { maxOcrPages: settings.ocrMaxPages, maxAttachments: settings.emailMaxAttachments },
    maxMemoryMb: settings.extractMaxMemoryMb,
    maxTextBytes: settings.maxTextBytes,
    maxPages: settings.extractMaxPages,
    concurrency: settings.concurrency.extract,
  });
  const events: EventBus =
    shared.db.engine === 'postgres'
      ? new PostgresNotifyEventBus({ database: shared.db, onError: (error) => logger.warn({ err: error }, 'event bus') })
      : new InProcessEventBus({ onError: (error) => logger.warn({ err: error }, 'event subscriber failed') });

  let deps: PipelineDeps | null = null;
  const queue = new PgBossJobQueue({
    database: shared.db,
    retryLimit: settings.retryLimit,
    retryDelaySeconds: settings.retryDelaySeconds,
    expireInSeconds: settings.jobExpireSeconds,
    // A long recording legitimately transcribes for many minutes; it must not be presumed dead.
    expireInSecondsByQueue: { transcribe: Math.max(settings.jobExpireSeconds, 3600) },
    maintenanceIntervalSeconds: settings.maintenanceSeconds,
    pollingIntervalSeconds: 1,
    onDeadLetter: async (name, payload, reason) => {
      if (deps) await failVersion(deps, name, payload, reason);
    },
    onError: (error) => logger.warn({ err: error }, 'job queue'),
  });
  deps = {
    store: new PostgresProcessingStore(shared.db),
    blobs: shared.blobs,
    scanner,
    scanPolicy,
    extractor,
    transcriber,
    search: shared.search,
    queue,
    events,
    audit: shared.audit,
    logger: logger.child({ component: 'pipeline' }),
    maxTextBytes: settings.maxTextBytes,
  };
  deps.attachmentIntake = openAttachmentIntake(config, shared.db, shared.blobs, shared.audit, queue);
  if (options.runWorkers) await registerPipelineWorkers(deps, settings.concurrency);
  await queue.start();
  if (options.runWorkers) {
    const resumed = await resumeUnfinished(deps);
    if (resumed > 0) logger.info({ resumed }, 'resumed unfinished versions');
  }
  logger.info({ scan_policy: scanPolicy, clamav: clamdAnswers ? clamavUrl : null, transcriber: transcriber?.name ?? null, workers: options.runWorkers }, 'pipeline ready');

  const ready = deps;
  return {
    deps: ready,
    scanPolicy,
    working: options.runWorkers,
    async close(graceMs) {
      await queue.stop(graceMs);
      await extractor.close();
      await events.close?.();
    },
  };
}

async function openTranscriber(config: Config, blobs: BlobStore, logger: Logger): Promise<Transcriber | null> {
  const choice = config.pipeline.transcriber;
  if (choice === 'none') return null;
  if (choice === 'aws') {
    if (!config.s3) {
      logger.warn('TRANSCRIBER=aws needs S3_BUCKET (Amazon Transcribe reads the recording from S3); recordings get no transcript');
      return null;
    }
    return new AwsTranscriber({ client: new TranscribeClient({ region: config.s3.region }), bucket: config.s3.bucket, maxWaitMs: 30 * 60_000 });
  }
  if (await pocketsphinxAvailable()) {
    return new PocketsphinxTranscriber({ openBlob: (key) => blobs.get(key), timeoutMs: 10 * 60_000, maxSeconds: 30 * 60 });
  }
  if (choice === 'pocketsphinx') logger.warn('TRANSCRIBER=pocketsphinx but pocketsphinx is not installed; recordings get no transcript');
  return null;
}
