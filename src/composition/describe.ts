import type { Logger } from 'pino';
import type { DescribeDeps } from '../app/describe.use-case.ts';
import type { BlobStore } from '../ports/blob-store.port.ts';
import type { FileCatalog } from '../ports/file-catalog.port.ts';
import type { ProcessingStore } from '../ports/processing-store.port.ts';
import { ExtractiveDescriber } from '../../adapters/describe/extractive.describer.ts';

/** What describe runs on: the extractive describer (no network). */
export function openDescriber(deps: { catalog: FileCatalog; processing: ProcessingStore; blobs: BlobStore; logger: Logger }): DescribeDeps {
  const extractive = new ExtractiveDescriber();
  return {
    catalog: deps.catalog,
    processing: deps.processing,
    describer: extractive,
    fallback: extractive,
    blobs: deps.blobs,
    timeoutMs: 0,
    onFault: (error, context) => deps.logger.warn({ err: error, ...context }, 'describer failed; answered with the extractive description'),
  };
}
