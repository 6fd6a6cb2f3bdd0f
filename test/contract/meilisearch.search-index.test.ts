/**
 * The SearchIndex contract on a real Meilisearch server, whenever MEILI_URL is set (and
 * MEILI_API_KEY if it needs one). Without a server the suite is skipped under a title that
 * says so, visible in the summary; the adapter's requests are pinned by wire-contract tests
 * (test/unit/search/meilisearch.search-index.wire-contract.test.ts) either way.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe } from 'vitest';
import { MeilisearchSearchIndex } from '../../adapters/search/meilisearch.search-index.ts';
import { searchSynonyms } from '../../src/voice/search-synonyms.ts';
import { searchIndexContract } from './search-index.contract.ts';

const url = process.env.MEILI_URL;
const title = url ? `Meilisearch contract (${url})` : 'Meilisearch contract (skipped: MEILI_URL not set, no Meilisearch server to run against)';

// The default reporter names only the file of a skipped suite; the reason goes to the output too.
if (!url) console.warn(`${title}. Set MEILI_URL (and MEILI_API_KEY) to run it against a server.`);

describe.skipIf(!url)(title, () => {
  // A fresh index per run, so runs never see each other's documents.
  const indexName = `voicefiles_contract_${randomUUID().slice(0, 8)}`;
  const index = url ? new MeilisearchSearchIndex({ host: url, ...(process.env.MEILI_API_KEY ? { apiKey: process.env.MEILI_API_KEY } : {}), index: indexName, synonyms: searchSynonyms() }) : null;
  afterAll(async () => {
    if (!url) return;
    await fetch(`${url.replace(/\/+$/, '')}/indexes/${indexName}`, { method: 'DELETE', headers: process.env.MEILI_API_KEY ? { authorization: `Bearer ${process.env.MEILI_API_KEY}` } : {} }).catch(() => undefined);
  });
  searchIndexContract(() => ({
    index: index!,
    newTenant: async () => randomUUID(),
    newFile: async () => ({ fileId: randomUUID(), versionId: randomUUID() }),
  }));
});
