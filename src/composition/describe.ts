import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import type { DescribeDeps } from '../app/describe.use-case.ts';
import type { DescribeConfig } from '../config.ts';
import type { Locale } from '../domain/tenant.ts';
import type { BlobStore } from '../ports/blob-store.port.ts';
import type { Database } from '../ports/database.port.ts';
import type { FileCatalog } from '../ports/file-catalog.port.ts';
import type { ProcessingStore } from '../ports/processing-store.port.ts';
import { BedrockDescriber, type DescribePrompt } from '../../adapters/describe/bedrock.describer.ts';
import { ExtractiveDescriber } from '../../adapters/describe/extractive.describer.ts';
import { PostgresDescriptionCache } from '../../adapters/postgres/postgres.description-cache.ts';

/** `prompts/describe.<locale>.md`: a leading comment, then `# System` and `# Request` sections. */
export function describePrompt(locale: Locale): DescribePrompt {
  const source = readFileSync(new URL(`../../prompts/describe.${locale}.md`, import.meta.url), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
  const match = /^# System\s*\n([\s\S]*?)\n# Request\s*\n([\s\S]*)$/m.exec(source.trim());
  if (!match) throw new Error(`prompts/describe.${locale}.md must have a "# System" and a "# Request" section`);
  return { system: match[1]!.trim(), request: match[2]!.trim() };
}

export interface OpenDescriber {
  deps: DescribeDeps;
  close(): Promise<void>;
}

/** What describe runs on: the extractive describer, or Bedrock with the extractive one as its fallback and a cache in the database. */
export function openDescriber(
  config: DescribeConfig,
  deps: { catalog: FileCatalog; processing: ProcessingStore; blobs: BlobStore; db: Database; logger: Logger },
): OpenDescriber {
  const extractive = new ExtractiveDescriber();
  const bedrock =
    config.describer === 'bedrock'
      ? new BedrockDescriber({ region: config.bedrockRegion, modelId: config.bedrockModelId, prompts: { en: describePrompt('en'), de: describePrompt('de') } })
      : null;
  return {
    deps: {
      catalog: deps.catalog,
      processing: deps.processing,
      describer: bedrock ?? extractive,
      fallback: extractive,
      blobs: deps.blobs,
      ...(bedrock ? { cache: new PostgresDescriptionCache(deps.db) } : {}),
      timeoutMs: config.timeoutMs,
      onFault: (error, context) => deps.logger.warn({ err: error, ...context }, 'describer failed; answered with the extractive description'),
    },
    close: async () => bedrock?.close(),
  };
}
