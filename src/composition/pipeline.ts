import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { BlobStore } from '../ports/blob-store.port.ts';
import type { Scanner } from '../ports/scanner.port.ts';
import type { Transcriber } from '../ports/transcriber.port.ts';
import type { PipelineDeps, ScanPolicy } from '../pipeline/pipeline-deps.ts';
import { PostgresFileLabels } from '../../adapters/postgres/postgres.file-labels.ts';
import { failVersion, registerPipelineWorkers, resumeUnfinished } from '../pipeline/pipeline.ts';
import { ScannerWatch } from '../pipeline/scanner-watch.ts';
import { ClamavScanner, resolveClamavUrl } from '../../adapters/scan/clamav.scanner.ts';
import { createIsolatedExtractor } from '../../adapters/extract/isolated.extractor.ts';
import { PocketsphinxTranscriber, pocketsphinxAvailable } from '../../adapters/transcribe/pocketsphinx.transcriber.ts';
import { TranscribeClient } from '@aws-sdk/client-transcribe';
import { AwsTranscriber } from '../../adapters/transcribe/aws.transcriber.ts';
import type { OpenCatalog } from './catalog.ts';
import { openAttachmentIntake } from './attachments.ts';

export interface OpenPipeline {
  deps: PipelineDeps;
  scanPolicy: ScanPolicy;
  /** Whether this process runs jobs (false: it only enqueues; `voicefiles worker` runs them). */
  working: boolean;
  /** Whether the scanner answered its last ping (null before the first, or when this process runs no jobs). */
  scannerUp(): boolean | null;
  close(graceMs: number): Promise<void>;
}

/**
 * The processing pipeline: workers on the catalog's job queue, clamd (pinged continuously),
 * isolated extractors, a transcriber when one is installed.
 */
export async function openPipeline(
  config: Config,
  shared: { catalog: OpenCatalog; blobs: BlobStore; logger: Logger },
  options: { runWorkers: boolean; onScannerChange?: (up: boolean) => void },
): Promise<OpenPipeline> {
  const { logger, catalog } = shared;
  const settings = config.pipeline;
  const scanPolicy: ScanPolicy = settings.scanPolicy;
  const clamavUrl = await resolveClamavUrl(settings.clamavUrl);
  const scanner: Scanner = new ClamavScanner({
    url: clamavUrl,
    timeoutMs: settings.scanTimeoutSeconds * 1000,
    ...(settings.clamavStreamMaxBytes ? { streamMaxBytes: settings.clamavStreamMaxBytes } : {}),
  });
  if (scanPolicy === 'optional') {
    logger.warn(
      { clamav: clamavUrl },
      'SCAN_POLICY=optional: no virus scanner is configured (CLAMAV_URL unset). Files that no clamd checks end unscanned and say so; they are scanned once a clamd answers here. Set CLAMAV_URL to require scanning.',
    );
  }

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

  const deps: PipelineDeps = {
    store: catalog.processing,
    blobs: shared.blobs,
    scanner,
    scanPolicy,
    extractor,
    transcriber,
    search: catalog.search,
    labels: new PostgresFileLabels(catalog.db),
    queue: catalog.jobs,
    logger: logger.child({ component: 'pipeline' }),
    maxTextBytes: settings.maxTextBytes,
  };
  deps.attachmentIntake = openAttachmentIntake(config, catalog.db, shared.blobs, catalog.audit, catalog.jobs);
  let watch: ScannerWatch | null = null;
  if (options.runWorkers) {
    catalog.onDeadLetter((name, payload, reason) => failVersion(deps, name, payload, reason));
    await registerPipelineWorkers(deps, settings.concurrency);
    const resumed = await resumeUnfinished(deps);
    if (resumed > 0) logger.info({ resumed }, 'resumed unfinished versions');
    watch = new ScannerWatch(deps, {
      intervalMs: settings.scanProbeSeconds * 1000,
      ...(options.onScannerChange ? { onChange: options.onScannerChange } : {}),
    });
    watch.start();
  }
  logger.info({ scan_policy: scanPolicy, clamav: clamavUrl, transcriber: transcriber?.name ?? null, workers: options.runWorkers }, 'pipeline ready');

  return {
    deps,
    scanPolicy,
    working: options.runWorkers,
    scannerUp: () => watch?.up ?? null,
    async close(graceMs) {
      await watch?.stop();
      await catalog.jobs.stop(graceMs);
      await extractor.close();
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
