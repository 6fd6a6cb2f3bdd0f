import { afterEach, describe, expect, it } from 'vitest';
import { MeilisearchSearchIndex, MeilisearchTaskFailed } from '../../../adapters/search/meilisearch.search-index.ts';
import { indexSettings } from '../../../adapters/search/meilisearch-documents.ts';
import type { SearchDocument } from '../../../src/ports/search-index.port.ts';
import { searchSynonyms } from '../../../src/voice/search-synonyms.ts';
import { enqueued, searchResult, startMeiliReplay, taskState, type MeiliExchange } from './meili-replay.server.ts';

/*
 * No Meilisearch server can be installed on this machine, so these are wire-contract tests:
 * the real `meilisearch` client talks to a local server that plays the exchanges of the
 * Meilisearch API reference (https://www.meilisearch.com/docs/reference/api) and records the
 * requests, which must be exactly the scripted ones. The SearchIndex contract suite runs on a
 * real server in test/contract/meilisearch.search-index.test.ts when MEILI_URL is set.
 */

const INDEX = 'voicefiles_files';
const TENANT = '11111111-1111-4111-8111-111111111111';
const FILE = '22222222-2222-4222-8222-222222222222';
const VERSION = '33333333-3333-4333-8333-333333333333';
const SYNONYMS = searchSynonyms();

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function replaying(exchanges: MeiliExchange[], extra: Partial<ConstructorParameters<typeof MeilisearchSearchIndex>[0]> = {}) {
  const replay = await startMeiliReplay(exchanges);
  closers.push(replay.close);
  const index = new MeilisearchSearchIndex({ host: replay.url, apiKey: 'wire-contract-key', index: INDEX, synonyms: SYNONYMS, pollMs: 1, ...extra });
  /** Every request was the scripted one, with the key. */
  const expectScript = () => {
    expect(replay.seen.map((r) => `${r.method} ${r.path}`)).toEqual(exchanges.map((e) => `${e.request.method} ${e.request.path}`));
    replay.seen.forEach((request, i) => {
      expect(request.headers.authorization).toBe('Bearer wire-contract-key');
      if (exchanges[i]!.request.body !== undefined) expect(request.body, `${request.method} ${request.path}`).toEqual(exchanges[i]!.request.body);
    });
  };
  return { replay, index, expectScript };
}

/** The first request of an adapter: its settings, awaited (the task is processing at the first poll). */
const settingsExchanges = (): MeiliExchange[] => [
  { request: { method: 'PATCH', path: `/indexes/${INDEX}/settings`, body: indexSettings(SYNONYMS) }, response: enqueued('settingsUpdate') },
  taskState('processing', 'settingsUpdate'),
  taskState('succeeded', 'settingsUpdate'),
];

const doc = (overrides: Partial<SearchDocument & { version: number; tags: string[]; dates: Date[] }> = {}): SearchDocument => ({
  tenantId: TENANT, fileId: FILE, versionId: VERSION, name: 'Angebot_Müller-GmbH.pdf', title: 'Rahmenvertrag', kind: 'document', mimeType: 'application/pdf',
  customerId: 'c1', visibility: 'customer', createdAt: new Date('2025-05-14T09:30:00Z'), text: 'Either party may end the lease\u0007 with three months notice.', ...overrides,
});

const stored = (version: number) => ({
  id: `${TENANT}_${FILE}_${version}`, tenant_id: TENANT, file_id: FILE, version_id: VERSION, version, name: 'Angebot_Müller-GmbH.pdf', name_words: 'Angebot Müller GmbH pdf',
  title: 'Rahmenvertrag', folded: 'Angebot_Mueller-GmbH.pdf Rahmenvertrag', kind: 'document', mime_type: 'application/pdf', customer_id: 'c1', visibility: 'customer',
  created_at: 1747215000, created_day: 20222, updated_at: 1747215000, text: 'Either party may end the lease  with three months notice.', language: null,
  tags: version === 3 ? ['lease'] : [], category: null, dates: version === 3 ? [20253] : [], pages: null, sheets: null, duration_seconds: null, phonetic: [],
});

describe('Meilisearch SearchIndex: wire-contract tests against recorded HTTP exchanges (no server here)', () => {
  it('wire contract: settings once, before the first write (searchable, filterable, sortable attributes, ranking, typo tolerance, synonyms from the normaliser), each task awaited', async () => {
    const exchanges: MeiliExchange[] = [
      ...settingsExchanges(),
      { request: { method: 'POST', path: `/indexes/${INDEX}/documents?primaryKey=id`, body: [stored(0)] }, response: enqueued('documentAdditionOrUpdate') },
      taskState('succeeded', 'documentAdditionOrUpdate'),
      { request: { method: 'POST', path: `/indexes/${INDEX}/search`, body: { q: '', filter: `tenant_id = "${TENANT}" AND file_id = "${FILE}" AND version > 0`, limit: 1, attributesToRetrieve: ['id'] } }, response: searchResult([]) },
      { request: { method: 'POST', path: `/indexes/${INDEX}/documents?primaryKey=id` }, response: enqueued('documentAdditionOrUpdate') },
      taskState('succeeded', 'documentAdditionOrUpdate'),
      { request: { method: 'POST', path: `/indexes/${INDEX}/search` }, response: searchResult([]) },
    ];
    const { index, replay, expectScript } = await replaying(exchanges);
    await index.upsert(doc());
    const first = replay.seen.length;
    await index.upsert(doc({ fileId: '44444444-4444-4444-8444-444444444444' }));
    expectScript();
    const settings = replay.seen[0]!.body as ReturnType<typeof indexSettings>;
    expect(settings.filterableAttributes).toContain('tenant_id');
    expect(settings.searchableAttributes?.slice(0, 2)).toEqual(['title', 'name_words']);
    expect(settings.synonyms?.q2).toEqual(expect.arrayContaining(['second quarter', 'zweites quartal']));
    expect(settings.synonyms?.tabelle).toEqual(expect.arrayContaining(['spreadsheet', 'xlsx']));
    expect(settings.distinctAttribute).toBe('file_id');
    console.info(`Meilisearch requests: first upsert ${first} (settings and its polls 3), a later upsert of an unnumbered version ${replay.seen.length - first}; a numbered one adds a delete and its poll`);
  });

  it('wire contract: a numbered version removes older versions of the file, and removes itself when a newer one is already there', async () => {
    const olderThan = (v: number) => `tenant_id = "${TENANT}" AND file_id = "${FILE}" AND version < ${v}`;
    const newerThan = (v: number) => `tenant_id = "${TENANT}" AND file_id = "${FILE}" AND version > ${v}`;
    const exchanges: MeiliExchange[] = [
      ...settingsExchanges(),
      { request: { method: 'POST', path: `/indexes/${INDEX}/documents?primaryKey=id`, body: [stored(3)] }, response: enqueued('documentAdditionOrUpdate') },
      taskState('succeeded', 'documentAdditionOrUpdate'),
      { request: { method: 'POST', path: `/indexes/${INDEX}/documents/delete`, body: { filter: olderThan(3) } }, response: enqueued('documentDeletion') },
      taskState('succeeded', 'documentDeletion'),
      { request: { method: 'POST', path: `/indexes/${INDEX}/search`, body: { q: '', filter: newerThan(3), limit: 1, attributesToRetrieve: ['id'] } }, response: searchResult([]) },
      // Version 2 finishes late: it is written, finds version 3, and takes itself out again.
      { request: { method: 'POST', path: `/indexes/${INDEX}/documents?primaryKey=id` }, response: enqueued('documentAdditionOrUpdate') },
      taskState('succeeded', 'documentAdditionOrUpdate'),
      { request: { method: 'POST', path: `/indexes/${INDEX}/documents/delete`, body: { filter: olderThan(2) } }, response: enqueued('documentDeletion') },
      taskState('succeeded', 'documentDeletion'),
      { request: { method: 'POST', path: `/indexes/${INDEX}/search`, body: { q: '', filter: newerThan(2), limit: 1, attributesToRetrieve: ['id'] } }, response: searchResult([{ id: `${TENANT}_${FILE}_3` }]) },
      { request: { method: 'POST', path: `/indexes/${INDEX}/documents/delete-batch`, body: [`${TENANT}_${FILE}_2`] }, response: enqueued('documentDeletion') },
      taskState('succeeded', 'documentDeletion'),
    ];
    const { index, expectScript } = await replaying(exchanges);
    await index.upsert({ ...doc(), version: 3, tags: ['Lease'], dates: [new Date('2025-06-14T00:00:00Z')] } as SearchDocument);
    await index.upsert({ ...doc(), version: 2 } as SearchDocument);
    expectScript();
  });

  it('wire contract: every search carries the tenant and visibility filter, values escaped; filter syntax in the query text stays query text', async () => {
    const hostile = 'offer" OR tenant_id != "x';
    const exchanges: MeiliExchange[] = [
      ...settingsExchanges(),
      {
        request: {
          method: 'POST', path: `/indexes/${INDEX}/search`,
          body: {
            q: 'lease OR tenant_id = other ) AND (1 = 1 notice', limit: 5, attributesToRetrieve: ['file_id', 'version_id'], showRankingScore: true, showMatchesPosition: true,
            attributesToCrop: ['text'], cropLength: 24, cropMarker: '…', matchingStrategy: 'frequency',
            filter: `(tenant_id = "${TENANT}" AND (visibility = "public" OR (visibility = "customer" AND customer_id = "offer\\" OR tenant_id != \\"x"))) AND kind IN ["document", "spreadsheet"] AND tags = "lease" AND (created_day 20222 TO 20230 OR dates 20222 TO 20230)`,
          },
        },
        response: searchResult([
          { file_id: FILE, version_id: VERSION, _rankingScore: 0.91, _matchesPosition: { text: [{ start: 32, length: 6 }] }, _formatted: { text: '…may end the lease with three months notice.' } },
          { file_id: FILE, version_id: VERSION, _rankingScore: 0.9, _matchesPosition: { text: [] } },
          { file_id: '55555555-5555-4555-8555-555555555555', version_id: VERSION, _rankingScore: 0.5, _matchesPosition: { title: [{ start: 0, length: 5 }] } },
        ]),
      },
    ];
    const { index, expectScript } = await replaying(exchanges);
    const hits = await index.search({
      text: '-lease OR tenant_id = "other") AND (1 = 1 notice', visibility: { tenantId: TENANT, customerScope: { customerId: hostile } }, kinds: ['document', 'spreadsheet'], limit: 5,
      tags: ['Lease'], dates: { from: new Date('2025-05-14T00:00:00Z'), to: new Date('2025-05-22T00:00:00Z'), mode: 'filter' },
    } as Parameters<MeilisearchSearchIndex['search']>[0]);
    expectScript();
    expect(hits).toEqual([
      { fileId: FILE, versionId: VERSION, score: 0.91, matchedOn: 'text', matched: '…may end the lease with three months notice.' },
      { fileId: '55555555-5555-4555-8555-555555555555', versionId: VERSION, score: 0.5, matchedOn: 'title' },
    ]);
  });

  it('wire contract: no words and a kind lists the newest first; a caller without a verified customer sees public files only; bad tenant ids send nothing', async () => {
    const exchanges: MeiliExchange[] = [
      ...settingsExchanges(),
      {
        request: { method: 'POST', path: `/indexes/${INDEX}/search`, body: { q: '', filter: `(tenant_id = "${TENANT}" AND visibility = "public") AND kind IN ["audio"]`, limit: 3, attributesToRetrieve: ['file_id', 'version_id'], showRankingScore: true, sort: ['created_at:desc'] } },
        response: searchResult([{ file_id: FILE, version_id: VERSION, _rankingScore: 1 }]),
      },
    ];
    const { index, expectScript } = await replaying(exchanges);
    expect(await index.search({ text: '  ', visibility: { tenantId: TENANT, customerScope: { customerId: null } }, kinds: ['audio'], limit: 3 })).toEqual([{ fileId: FILE, versionId: VERSION, score: 1, matchedOn: 'name' }]);
    expect(await index.search({ text: 'x', visibility: { tenantId: 'not-a-tenant', customerScope: null }, limit: 3 })).toEqual([]);
    expect(await index.search({ text: '', visibility: { tenantId: TENANT, customerScope: null }, limit: 3 })).toEqual([]);
    await index.remove('nope', FILE);
    expectScript();
  });

  it('wire contract: a date range to boost by is one multi-search, files dated in it first; a range to filter by lists without words; the passage is quoted when the name matched too', async () => {
    const base = `(tenant_id = "${TENANT}")`;
    const range = '(created_day 20089 TO 20119 OR dates 20089 TO 20119)';
    const common = { limit: 3, attributesToRetrieve: ['file_id', 'version_id'], showRankingScore: true, showMatchesPosition: true, attributesToCrop: ['text'], cropLength: 24, cropMarker: '…', matchingStrategy: 'frequency' };
    const [a, b] = ['66666666-6666-4666-8666-666666666666', '77777777-7777-4777-8777-777777777777'];
    const exchanges: MeiliExchange[] = [
      ...settingsExchanges(),
      {
        request: { method: 'POST', path: '/multi-search', body: { queries: [{ indexUid: INDEX, q: 'offer', ...common, filter: `${base} AND ${range}` }, { indexUid: INDEX, q: 'offer', ...common, filter: base }] } },
        response: {
          status: 200,
          body: { results: [
            { indexUid: INDEX, ...(searchResult([{ file_id: b, version_id: VERSION, _rankingScore: 0.8, _matchesPosition: { name: [{}] } }]).body as object) },
            { indexUid: INDEX, ...(searchResult([{ file_id: a, version_id: VERSION, _rankingScore: 0.9, _matchesPosition: { name: [{}], text: [{}] }, _formatted: { text: '…the offer holds until June.' } }, { file_id: b, version_id: VERSION, _rankingScore: 0.8 }]).body as object) },
          ] },
        },
      },
      {
        request: { method: 'POST', path: `/indexes/${INDEX}/search`, body: { q: '', filter: `${base} AND ${range}`, limit: 3, attributesToRetrieve: ['file_id', 'version_id'], showRankingScore: true, sort: ['created_at:desc'] } },
        response: searchResult([{ file_id: a, version_id: VERSION, _rankingScore: 1 }]),
      },
    ];
    const { index, expectScript } = await replaying(exchanges);
    const january = { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2025-01-31T00:00:00Z') };
    const boosted = await index.search({ text: 'offer', visibility: { tenantId: TENANT, customerScope: null }, limit: 3, dates: { ...january, mode: 'boost' } } as Parameters<MeilisearchSearchIndex['search']>[0]);
    expect(boosted).toEqual([
      { fileId: b, versionId: VERSION, score: 1.8, matchedOn: 'name' },
      { fileId: a, versionId: VERSION, score: 0.9, matchedOn: 'name', matched: '…the offer holds until June.' },
    ]);
    expect(await index.search({ text: '', visibility: { tenantId: TENANT, customerScope: null }, limit: 3, dates: { ...january, mode: 'filter' } } as Parameters<MeilisearchSearchIndex['search']>[0])).toHaveLength(1);
    expectScript();
  });

  it('wire contract: the raw spoken words of a term are a last list of the same multi-search, so a file that writes them is still found, after the normalised matches', async () => {
    const base = `(tenant_id = "${TENANT}")`;
    const common = { limit: 3, attributesToRetrieve: ['file_id', 'version_id'], showRankingScore: true, showMatchesPosition: true, attributesToCrop: ['text'], cropLength: 24, cropMarker: '…', matchingStrategy: 'frequency' };
    const [digits, words] = ['66666666-6666-4666-8666-666666666666', '77777777-7777-4777-8777-777777777777'];
    const exchanges: MeiliExchange[] = [
      ...settingsExchanges(),
      {
        request: { method: 'POST', path: '/multi-search', body: { queries: [
          { indexUid: INDEX, q: '12400 dollars', ...common, filter: base },
          { indexUid: INDEX, q: '12,400 twelve thousand four hundred dollars', ...common, filter: base },
        ] } },
        response: {
          status: 200,
          body: { results: [
            { indexUid: INDEX, ...(searchResult([{ file_id: digits, version_id: VERSION, _rankingScore: 0.9, _matchesPosition: { name: [{}] } }]).body as object) },
            { indexUid: INDEX, ...(searchResult([{ file_id: words, version_id: VERSION, _rankingScore: 0.95, _matchesPosition: { name: [{}] } }, { file_id: digits, version_id: VERSION, _rankingScore: 0.6 }]).body as object) },
          ] },
        },
      },
    ];
    const { index, expectScript } = await replaying(exchanges);
    const hits = await index.search({
      text: '12400 dollars', visibility: { tenantId: TENANT, customerScope: null }, limit: 3,
      words: [{ text: '12400', alternatives: ['12,400', 'twelve', 'thousand', 'four', 'hundred'] }, { text: 'dollars', phonetic: ['TLRS'] }],
    });
    expectScript();
    expect(hits).toEqual([
      { fileId: digits, versionId: VERSION, score: 1.9, matchedOn: 'name' },
      { fileId: words, versionId: VERSION, score: 0.95, matchedOn: 'name' },
    ]);
  });

  it('wire contract: remove deletes every version of the file by filter and waits; a failed task is an error with its reason', async () => {
    const exchanges: MeiliExchange[] = [
      ...settingsExchanges(),
      { request: { method: 'POST', path: `/indexes/${INDEX}/documents/delete`, body: { filter: `tenant_id = "${TENANT}" AND file_id = "${FILE}"` } }, response: enqueued('documentDeletion') },
      taskState('enqueued', 'documentDeletion'),
      taskState('succeeded', 'documentDeletion'),
      { request: { method: 'POST', path: `/indexes/${INDEX}/documents?primaryKey=id` }, response: enqueued('documentAdditionOrUpdate') },
      taskState('failed', 'documentAdditionOrUpdate', { message: 'Index `voicefiles_files`: too many documents.', code: 'invalid_document_fields' }),
    ];
    const { index, expectScript } = await replaying(exchanges);
    await index.remove(TENANT, FILE);
    await expect(index.upsert(doc())).rejects.toThrow(MeilisearchTaskFailed);
    expectScript();
  });

  it('wire contract: settings that fail are tried again on the next call', async () => {
    const exchanges: MeiliExchange[] = [
      { request: { method: 'PATCH', path: `/indexes/${INDEX}/settings` }, response: { status: 403, body: { message: 'The provided API key is invalid.', code: 'invalid_api_key', type: 'auth', link: '' } } },
      ...settingsExchanges(),
      { request: { method: 'POST', path: `/indexes/${INDEX}/search` }, response: searchResult([]) },
    ];
    const { index, expectScript } = await replaying(exchanges);
    await expect(index.search({ text: 'x', visibility: { tenantId: TENANT, customerScope: null }, limit: 1 })).rejects.toThrow(/API key is invalid/);
    expect(await index.search({ text: 'x', visibility: { tenantId: TENANT, customerScope: null }, limit: 1 })).toEqual([]);
    expectScript();
  });

  it('wire contract: needsRebuild until a rebuild is recorded (a marker document with no tenant, which no tenant filter matches)', async () => {
    const marker = `/indexes/${INDEX}/documents/voicefiles_index_format?fields=version`;
    const exchanges: MeiliExchange[] = [
      ...settingsExchanges(),
      { request: { method: 'GET', path: marker }, response: { status: 404, body: { message: 'Document `voicefiles_index_format` not found.', code: 'document_not_found', type: 'invalid_request', link: 'https://docs.meilisearch.com/errors#document_not_found' } } },
      { request: { method: 'POST', path: `/indexes/${INDEX}/documents?primaryKey=id`, body: [{ id: 'voicefiles_index_format', tenant_id: '', file_id: 'voicefiles_index_format', version: 1 }] }, response: enqueued('documentAdditionOrUpdate') },
      taskState('succeeded', 'documentAdditionOrUpdate'),
      { request: { method: 'GET', path: marker }, response: { status: 200, body: { version: 1 } } },
      { request: { method: 'GET', path: marker }, response: { status: 403, body: { message: 'The provided API key is invalid.', code: 'invalid_api_key', type: 'auth', link: '' } } },
    ];
    const { index, expectScript } = await replaying(exchanges);
    expect(await index.needsRebuild()).toBe(true);
    await index.markRebuilt();
    expect(await index.needsRebuild()).toBe(false);
    await expect(index.needsRebuild()).rejects.toThrow(/API key is invalid/);
    expectScript();
  });

  it('tenant tokens carry the tenant and visibility filter as a search rule, signed with the search key, and expire', async () => {
    const index = new MeilisearchSearchIndex({ host: 'http://127.0.0.1:1', index: INDEX, searchKey: { uid: '6062abda-a5aa-4414-ac91-ecd7944c0f8d', key: 'a'.repeat(64) } });
    const expiresAt = new Date(Date.now() + 600_000);
    const token = await index.tenantToken({ tenantId: TENANT, customerScope: { customerId: 'c"1' } }, expiresAt);
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(claims).toEqual({
      apiKeyUid: '6062abda-a5aa-4414-ac91-ecd7944c0f8d',
      exp: Math.floor(expiresAt.getTime() / 1000),
      searchRules: { [INDEX]: { filter: `tenant_id = "${TENANT}" AND (visibility = "public" OR (visibility = "customer" AND customer_id = "c\\"1"))` } },
    });
    await expect(new MeilisearchSearchIndex({ host: 'http://127.0.0.1:1', index: INDEX }).tenantToken({ tenantId: TENANT, customerScope: null }, expiresAt)).rejects.toThrow(/searchKey/);
  });
});
