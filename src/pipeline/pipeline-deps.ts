import type { Logger } from 'pino';
import type { AttachmentIntakeDeps } from '../app/intake/attachment-intake.ts';
import type { BlobStore } from '../ports/blob-store.port.ts';
import type { Extractor } from '../ports/extractor.port.ts';
import type { FileLabels } from '../ports/file-labels.port.ts';
import type { JobQueue } from '../ports/job-queue.port.ts';
import type { ProcessingStore } from '../ports/processing-store.port.ts';
import type { Scanner } from '../ports/scanner.port.ts';
import type { SearchIndex } from '../ports/search-index.port.ts';
import type { Transcriber } from '../ports/transcriber.port.ts';

/** `required`: nothing passes unscanned; `optional`: without a scanner, versions end `unscanned`. */
export type ScanPolicy = 'required' | 'optional';

export interface PipelineDeps {
  store: ProcessingStore;
  blobs: BlobStore;
  scanner: Scanner | null;
  scanPolicy: ScanPolicy;
  extractor: Extractor;
  /** Null when no speech recogniser is available: recordings are indexed by name and metadata only. */
  transcriber: Transcriber | null;
  search: SearchIndex;
  queue: JobQueue;
  logger: Logger;
  /** Cap on extracted text kept per version. */
  maxTextBytes: number;
  /** Where the category found at indexing is kept; without it files get none. */
  labels?: FileLabels;
  /** Stores e-mail attachments as files of their own; without it they are only listed. */
  attachmentIntake?: AttachmentIntakeDeps;
}
