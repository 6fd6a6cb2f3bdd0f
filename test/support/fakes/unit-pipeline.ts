/**
 * The pipeline's dependencies made of in-memory fakes, and a helper that stores a file as intake
 * would, for unit tests of the job handlers without clamd, Postgres or child processes.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pino } from 'pino';
import type { FileKind } from '../../../src/domain/file.ts';
import { blobKeyFor } from '../../../src/ports/blob-store.port.ts';
import type { PipelineDeps, ScanPolicy } from '../../../src/pipeline/pipeline-deps.ts';
import { FakeExtractor } from './fake.extractor.ts';
import { FakeScanner } from './fake.scanner.ts';
import { MemoryBlobStore } from './memory.blob-store.ts';
import { MemoryCatalogState, MemoryFileCatalog, MemoryProcessingStore } from './memory.catalog.ts';
import { FakeTranscriber, MemoryJobQueue, MemorySearchIndex } from './memory.services.ts';

export interface UnitPipeline {
  deps: PipelineDeps;
  state: MemoryCatalogState;
  catalog: MemoryFileCatalog;
  blobs: MemoryBlobStore;
  scanner: FakeScanner;
  extractor: FakeExtractor;
  transcriber: FakeTranscriber;
  search: MemorySearchIndex;
  queue: MemoryJobQueue;
  /** Store bytes and record a version, with its first job. */
  store(content: string, options?: { kind?: FileKind; mimeType?: string; tenantId?: string }): Promise<{ tenantId: string; versionId: string; fileId: string }>;
  /** The version's status now. */
  status(versionId: string): string;
}

export const TENANT = '0f6c2d5e-1b3a-4c7d-9e8f-0a1b2c3d4e5f';

export function unitPipeline(options: { scanPolicy?: ScanPolicy } = {}): UnitPipeline {
  const state = new MemoryCatalogState();
  const catalog = new MemoryFileCatalog(state);
  const blobs = new MemoryBlobStore();
  const scanner = new FakeScanner();
  const extractor = new FakeExtractor();
  const transcriber = new FakeTranscriber(async (key) => {
    let text = '';
    for await (const chunk of await blobs.get(key)) text += String(chunk);
    return text;
  });
  const search = new MemorySearchIndex();
  const queue = new MemoryJobQueue();
  const deps: PipelineDeps = {
    store: new MemoryProcessingStore(state),
    blobs,
    scanner,
    scanPolicy: options.scanPolicy ?? 'required',
    extractor,
    transcriber,
    search,
    queue,
    logger: pino({ level: 'silent' }),
    maxTextBytes: 1024,
  };
  return {
    deps, state, catalog, blobs, scanner, extractor, transcriber, search, queue,
    async store(content, { kind = 'text', mimeType = 'text/plain', tenantId = TENANT } = {}) {
      const blobId = randomUUID();
      const storageKey = blobKeyFor(tenantId, blobId);
      await blobs.put(storageKey, Readable.from([Buffer.from(content)]));
      const { file, version } = await catalog.recordIntake({
        tenantId, name: `file.${kind === 'audio' ? 'mp3' : kind === 'image' ? 'png' : 'txt'}`, customerId: null, visibility: 'internal',
        blob: { id: blobId, sha256: createHash('sha256').update(content).digest('hex'), size: Buffer.byteLength(content), storageKey },
        mimeType, extension: 'txt', kind, firstJob: 'scan',
      });
      return { tenantId, versionId: version.id, fileId: file.id };
    },
    status: (versionId) => state.versions.get(versionId)?.status ?? 'missing',
  };
}
