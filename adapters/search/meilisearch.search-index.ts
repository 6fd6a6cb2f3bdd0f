import { Meilisearch, type EnqueuedTaskPromise, type Index, type SearchParams } from 'meilisearch';
import { generateTenantToken } from 'meilisearch/token';
import type { VisibilityFilter } from '../../src/domain/access.ts';
import type { SearchHit, SearchIndex, SearchQuery } from '../../src/ports/search-index.port.ts';
import { indexSettings, storedDocument, type IndexedDocument, type StoredDocument } from './meilisearch-documents.ts';
import { dateRangeFilter, fileFilter, quoted, searchFilter, visibilityFilter } from './meilisearch-filters.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Longer queries are cut: a spoken request is a few words (and Meilisearch reads only the first ten). */
const MAX_QUERY_CHARS = 200;
const MAX_LIMIT = 100;
const CROP_WORDS = 24;
/**
 * The stored document format; raise it when `storedDocument` changes so `needsRebuild` says so.
 * Recorded in a marker document without a tenant, which no tenant filter can ever match.
 */
const INDEX_FORMAT = 1;
const MARKER_ID = 'voicefiles_index_format';

/** Query fields of the port that not every revision of it has: used when present. */
export type MeiliSearchQuery = SearchQuery & {
  customerId?: string;
  tags?: readonly string[];
  category?: string;
  dates?: { from: Date; to: Date; mode: 'filter' | 'boost' };
};

export interface MeilisearchSearchIndexOptions {
  /** MEILI_URL */
  host: string;
  /** MEILI_API_KEY: a key with documents, search, settings and tasks rights on the index. */
  apiKey?: string;
  /** MEILI_INDEX: one index per deployment, every tenant in it (`tenant_id` on each document). */
  index: string;
  /** Generated from the normaliser's tables (src/voice/search-synonyms.ts). */
  synonyms?: Record<string, string[]>;
  /** For tenant tokens: a search-only key and its uid; the key never leaves the server, tokens signed with it may. */
  searchKey?: { uid: string; key: string };
  /** Per HTTP request; default 5000 ms. */
  timeoutMs?: number;
  /** Longest wait for an indexing task; default 10 s. */
  taskTimeoutMs?: number;
  /** Task polling interval; default 25 ms. */
  pollMs?: number;
}

export class MeilisearchTaskFailed extends Error {
  override readonly name = 'MeilisearchTaskFailed';
}

/**
 * SearchIndex on Meilisearch: one index per deployment, a tenant attribute on every
 * document and a tenant filter on every query (values escaped; query text never enters a
 * filter). Writes wait for their task. Each version is its own document (`<tenant>_<file>_<version>`);
 * a write removes the file's older versions and then its own if a newer one is already there,
 * so an older version finishing late never replaces a newer one, in whatever order the tasks run.
 */
export class MeilisearchSearchIndex implements SearchIndex {
  private readonly client: Meilisearch;
  private readonly index: Index<StoredDocument>;
  private readonly options: MeilisearchSearchIndexOptions;
  private ready: Promise<void> | null = null;

  constructor(options: MeilisearchSearchIndexOptions) {
    this.options = options;
    this.client = new Meilisearch({
      host: options.host,
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
      timeout: options.timeoutMs ?? 5000,
      defaultWaitOptions: { timeout: options.taskTimeoutMs ?? 10_000, interval: options.pollMs ?? 25 },
    });
    this.index = this.client.index<StoredDocument>(options.index);
  }

  /** Apply the index settings (creating the index); done once before the first request, again after a failure. */
  ensureReady(): Promise<void> {
    this.ready ??= this.completed(this.index.updateSettings(indexSettings(this.options.synonyms ?? {}))).catch((error: unknown) => {
      this.ready = null;
      throw error;
    });
    return this.ready;
  }

  async upsert(doc: IndexedDocument): Promise<void> {
    await this.ensureReady();
    const stored = storedDocument(doc);
    await this.completed(this.index.addDocuments([stored], { primaryKey: 'id' }));
    if (stored.version > 0) await this.completed(this.index.deleteDocuments({ filter: fileFilter(doc.tenantId, doc.fileId, stored.version) }));
    const newer = await this.index.search('', { filter: `${fileFilter(doc.tenantId, doc.fileId)} AND version > ${stored.version}`, limit: 1, attributesToRetrieve: ['id'] });
    if (newer.hits.length > 0) await this.completed(this.index.deleteDocuments([stored.id]));
  }

  async remove(tenantId: string, fileId: string): Promise<void> {
    if (!UUID.test(tenantId) || !UUID.test(fileId)) return;
    await this.ensureReady();
    await this.completed(this.index.deleteDocuments({ filter: fileFilter(tenantId, fileId) }));
  }

  /** True when the index was never built by `voicefiles reindex`, or by an older document format. */
  async needsRebuild(): Promise<boolean> {
    await this.ensureReady();
    const marker = await this.index.getDocument(MARKER_ID, { fields: ['version'] }).catch((error: unknown) => {
      if ((error as { cause?: { code?: unknown } }).cause?.code === 'document_not_found') return null;
      throw error;
    });
    return !marker || marker.version < INDEX_FORMAT;
  }

  /** Record that a full rebuild finished in the current format. */
  async markRebuilt(): Promise<void> {
    await this.ensureReady();
    await this.completed(this.index.addDocuments([{ id: MARKER_ID, tenant_id: '', file_id: MARKER_ID, version: INDEX_FORMAT } as unknown as StoredDocument], { primaryKey: 'id' }));
  }

  /** Every document of a tenant (before a full rebuild). */
  async clear(tenantId: string): Promise<void> {
    if (!UUID.test(tenantId)) return;
    await this.ensureReady();
    await this.completed(this.index.deleteDocuments({ filter: `tenant_id = ${quoted(tenantId)}` }));
  }

  async search(query: MeiliSearchQuery): Promise<Array<SearchHit & { matched?: string }>> {
    const limit = Math.min(Math.trunc(query.limit), MAX_LIMIT);
    if (!UUID.test(query.visibility.tenantId) || !(limit >= 1)) return [];
    const text = plainQuery(query.text);
    const restricted = (query.kinds?.length ?? 0) > 0 || query.customerId !== undefined || (query.tags?.length ?? 0) > 0 || query.category !== undefined || query.dates?.mode === 'filter';
    // No words and nothing to narrow by would list a whole tenant: nothing to say about that.
    if (!text && !restricted) return [];
    await this.ensureReady();
    const filter = searchFilter({
      visibility: query.visibility,
      ...(query.kinds ? { kinds: query.kinds } : {}),
      ...(query.customerId !== undefined ? { customerId: query.customerId } : {}),
      ...(query.tags ? { tags: query.tags } : {}),
      ...(query.category !== undefined ? { category: query.category } : {}),
      ...(query.dates ? { dates: query.dates } : {}),
    });
    const params: SearchParams = {
      filter,
      limit,
      attributesToRetrieve: ['file_id', 'version_id'],
      showRankingScore: true,
      ...(text
        ? { showMatchesPosition: true, attributesToCrop: ['text'], cropLength: CROP_WORDS, cropMarker: '…', matchingStrategy: 'frequency' as const }
        : { sort: ['created_at:desc'] }),
    };
    const spoken = text ? alternativeText(query.words) : '';
    if (query.dates?.mode !== 'boost' && !spoken) return hitsOf([(await this.index.search(text, params)).hits], text, limit);
    // One round trip for every list, earlier lists ranked first. A spoken date next to content words is a
    // hint: files dated in the range first, then the rest. The raw spoken words of the query's terms
    // ("twelve thousand four hundred" of "12400") last, so normalising never loses a file they would find.
    const queries = [
      ...(query.dates?.mode === 'boost' ? [{ indexUid: this.options.index, q: text, ...params, filter: `${filter} AND ${dateRangeFilter(query.dates)}` }] : []),
      { indexUid: this.options.index, q: text, ...params },
      ...(spoken ? [{ indexUid: this.options.index, q: spoken, ...params }] : []),
    ];
    const { results } = await this.client.multiSearch({ queries });
    return hitsOf(results.map((result) => result.hits as Hit[]), text, limit);
  }

  /**
   * A tenant token for searching this index directly (a browser, a voice platform's own
   * search): signed with the search key, it carries the tenant and visibility filter as a
   * search rule Meilisearch applies to every search made with it, and expires.
   */
  async tenantToken(visibility: VisibilityFilter, expiresAt: Date): Promise<string> {
    const key = this.options.searchKey;
    if (!key) throw new Error('MeilisearchSearchIndex: tenant tokens need options.searchKey (a search-only key and its uid)');
    if (!UUID.test(visibility.tenantId)) throw new RangeError('tenant tokens are for a tenant id');
    return generateTenantToken({ apiKey: key.key, apiKeyUid: key.uid, expiresAt, searchRules: { [this.options.index]: { filter: visibilityFilter(visibility) } }, force: true });
  }

  /** Wait for a write's task; a task that did not succeed is an error with Meilisearch's own message. */
  private async completed(enqueued: EnqueuedTaskPromise): Promise<void> {
    const task = await enqueued.waitTask();
    if (task.status !== 'succeeded') throw new MeilisearchTaskFailed(`Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.message ?? 'no reason given'}`);
  }
}

interface Hit {
  file_id: string;
  version_id: string;
  _rankingScore?: number;
  _matchesPosition?: Record<string, unknown>;
  _formatted?: { text?: string };
}

/**
 * Hits of one or more ranked lists, earlier lists first (their scores lifted above the later
 * ones', so scores stay best first), each file once. `matched` is the cropped passage whenever
 * the text matched, also when the name matched too.
 */
function hitsOf(lists: ReadonlyArray<readonly Hit[]>, text: string, limit: number): Array<SearchHit & { matched?: string }> {
  const seen = new Set<string>();
  const hits: Array<SearchHit & { matched?: string }> = [];
  lists.forEach((list, i) => {
    for (const hit of list) {
      if (seen.has(hit.file_id) || hits.length >= limit) continue;
      seen.add(hit.file_id);
      const positions = hit._matchesPosition ?? {};
      const matchedOn: SearchHit['matchedOn'] = 'title' in positions ? 'title' : ['name', 'name_words', 'folded'].some((f) => f in positions) ? 'name' : text ? 'text' : 'name';
      const cropped = 'text' in positions ? hit._formatted?.text?.trim() : undefined;
      hits.push({ fileId: hit.file_id, versionId: hit.version_id, score: (hit._rankingScore ?? 0) + (lists.length - 1 - i), matchedOn, ...(cropped ? { matched: cropped } : {}) });
    }
  });
  return hits;
}

/** The query with each word that has alternatives (the raw spoken words) said by them instead; '' when none has any. */
function alternativeText(words: SearchQuery['words']): string {
  if (!words?.some((word) => (word.alternatives?.length ?? 0) > 0)) return '';
  return plainQuery(words.map((word) => (word.alternatives?.length ? word.alternatives.join(' ') : word.text)).join(' '));
}

/** The query as plain words: no phrase quotes, no leading minus (Meilisearch's negation), no control characters. */
function plainQuery(text: string): string {
  return text
    .slice(0, MAX_QUERY_CHARS)
    .replace(/[\u0000-\u001f\u007f"]/g, ' ')
    .split(/\s+/)
    .map((word) => word.replace(/^-+/, ''))
    .filter(Boolean)
    .join(' ');
}
