import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.ts';
import { describePrompt, openDescriber } from '../../../src/composition/describe.ts';
import { openSearchIndex } from '../../../src/composition/search.ts';
import { BedrockDescriber } from '../../../adapters/describe/bedrock.describer.ts';
import { ExtractiveDescriber } from '../../../adapters/describe/extractive.describer.ts';
import { MeilisearchSearchIndex } from '../../../adapters/search/meilisearch.search-index.ts';
import { PostgresSearchIndex } from '../../../adapters/search/postgres.search-index.ts';

const problems = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
};

describe('describe and search configuration', () => {
  it('defaults: extractive describe, Postgres search', () => {
    expect(loadConfig({})).toMatchObject({
      describe: { describer: 'extractive', bedrockModelId: 'amazon.nova-lite-v1:0', bedrockRegion: 'us-east-1', timeoutMs: 1500 },
      search: { engine: 'postgres', meiliUrl: null, meiliApiKey: null, meiliIndex: 'voicefiles_files' },
    });
    expect(loadConfig({ S3_BUCKET: 'b', S3_REGION: 'eu-central-1' }).describe.bedrockRegion).toBe('eu-central-1');
  });

  it('names every bad key at once', () => {
    const found = problems({ DESCRIBER: 'gpt', BEDROCK_REGION: 'Frankfurt', DESCRIBE_TIMEOUT_MS: '5', BEDROCK_MODEL_ID: 'a b', SEARCH_ENGINE: 'meilisearch', MEILI_INDEX: 'a/b' });
    expect(found.map((problem) => /^[A-Z_]+/.exec(problem)?.[0]).sort()).toEqual(['BEDROCK_MODEL_ID', 'BEDROCK_REGION', 'DESCRIBER', 'DESCRIBE_TIMEOUT_MS', 'MEILI_INDEX', 'SEARCH_ENGINE']);
    expect(found).toContain('SEARCH_ENGINE=meilisearch needs MEILI_URL');
  });

  it('the composition chooses the adapters', () => {
    const db = {} as never;
    const deps = { catalog: {} as never, processing: {} as never, blobs: {} as never, db, logger: pino({ level: 'silent' }) };
    const extractive = openDescriber(loadConfig({}).describe, deps);
    expect(extractive.deps.describer).toBeInstanceOf(ExtractiveDescriber);
    expect(extractive.deps.cache).toBeUndefined();
    const bedrock = openDescriber(loadConfig({ DESCRIBER: 'bedrock', BEDROCK_MODEL_ID: 'eu.amazon.nova-pro-v1:0', BEDROCK_REGION: 'eu-central-1' }).describe, deps);
    expect(bedrock.deps.describer).toBeInstanceOf(BedrockDescriber);
    expect(bedrock.deps.describer.id).toMatch(/^bedrock\/eu\.amazon\.nova-pro-v1:0\/[0-9a-f]{12}$/);
    expect(bedrock.deps.fallback).toBeInstanceOf(ExtractiveDescriber);
    expect(bedrock.deps.cache).toBeDefined();
    expect(openSearchIndex(loadConfig({}), db)).toBeInstanceOf(PostgresSearchIndex);
    expect(openSearchIndex(loadConfig({ SEARCH_ENGINE: 'meilisearch', MEILI_URL: 'http://meili:7700' }), db)).toBeInstanceOf(MeilisearchSearchIndex);
  });

  it('the prompt files have a system part and a request with the placeholders, in both languages', () => {
    for (const locale of ['en', 'de'] as const) {
      const prompt = describePrompt(locale);
      expect(prompt.system.length).toBeGreaterThan(200);
      expect(prompt.system).not.toContain('<!--');
      expect(prompt.request).toMatch(/\{\{kind\}\}.*\{\{name\}\}\{\{facts\}\}\.$/);
    }
  });
});
