import type { Database, Row, SqlExecutor } from '../../src/ports/database.port.ts';
import type { QueryWord, SearchDocument, SearchHit, SearchIndex, SearchQuery } from '../../src/ports/search-index.port.ts';
import { EmbeddedSearchMaintenance } from './embedded-search-maintenance.ts';
import { bestSentence, splitPassages } from './search-passages.ts';
import * as sql from './postgres.search-index.queries.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Extracted text kept per document; longer text is cut. */
export const MAX_TEXT_CHARS = 100_000;
/** The index format migration 016 created; a lower one in search_index_state means "rebuild". */
export const INDEX_FORMAT = 3;
/** A spoken request is a few words; more are cut (each word costs index lookups). */
const MAX_QUERY_WORDS = 16;
const MAX_WORD_CHARS = 60;
const MAX_LIMIT = 100;
/**
 * Postings read per query term, best impact first (a rare term's are all read), and files scored
 * exactly: the bound on a query's work (see the queries file). Measured on the relevance set and
 * the find benchmark.
 */
const POSTINGS_PER_TERM = 200;
const CANDIDATES = 32;

/** Weights of the forms of a query word (see the scoring note in the queries file). */
const WEIGHT = { word: 1, alternative: 0.6, phonetic: 0.45 } as const;

export interface PostgresSearchIndexOptions {
  /**
   * Trigram similarity (0..1] from which a tenant word counts as a typo of a query word. Default
   * 0.45: "finacial"/"financial" 0.58, "schmit"/"schmidt" 0.5, "budgit"/"budget" 0.45.
   */
  fuzzyThreshold?: number;
  /** Where a failed vacuum of the embedded database's search tables is reported. */
  onMaintenanceError?: (error: unknown) => void;
}

/**
 * SearchIndex in the catalog database: an inverted index in tables (migration 010), ranked
 * BM25-style with per-tenant statistics; name and title above body text; stemming in English and
 * German; typos through the tenant's vocabulary (pg_trgm); sound-alike names through phonetic keys.
 * Every statement is scoped by tenant id and runs with app.tenant_id set (row-level security).
 */
export class PostgresSearchIndex implements SearchIndex {
  private readonly threshold: string;
  /** PGlite only: a Postgres server's autovacuum does this there. */
  private readonly maintenance: EmbeddedSearchMaintenance | null;

  constructor(
    private readonly db: Database,
    options: PostgresSearchIndexOptions = {},
  ) {
    const threshold = options.fuzzyThreshold ?? 0.45;
    if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`fuzzyThreshold must be in (0, 1], got ${threshold}`);
    this.threshold = String(threshold);
    this.maintenance = db.engine === 'pglite' ? new EmbeddedSearchMaintenance(db, 1000, options.onMaintenanceError) : null;
  }

  async upsert(doc: SearchDocument): Promise<void> {
    const version = doc.version ?? 0;
    // Postgres text cannot hold NUL, which extracted text sometimes contains.
    const clean = (value: string) => value.replaceAll('\u0000', ' ');
    const text = clean(doc.text.slice(0, MAX_TEXT_CHARS));
    const passages = splitPassages(text);
    const tags = [...new Set((doc.tags ?? []).map((t) => clean(t).toLowerCase()))];
    const category = doc.category ? clean(doc.category).toLowerCase() : null;
    const nameField = [clean(doc.name), ...tags, category ?? ''].join(' ');
    const title = doc.title ? clean(doc.title) : null;
    await this.inTenant(doc.tenantId, async (tx) => {
      const { rows } = await tx.query(sql.LOCK_ENTRY, [doc.tenantId, doc.fileId]);
      const existed = rows.length > 0;
      if (existed && Number(rows[0]?.version) > version) return;
      const before = existed ? await this.fileTerms(tx, doc.tenantId, doc.fileId) : [];
      if (existed) await tx.query(sql.DELETE_ENTRY, [doc.tenantId, doc.fileId]);
      await tx.query(sql.INSERT_ENTRY, [
        doc.tenantId, doc.fileId, doc.versionId, version, clean(doc.name), title, doc.kind, doc.mimeType, doc.customerId,
        doc.visibility, doc.createdAt, doc.updatedAt ?? doc.createdAt, doc.language ?? null, tags, category,
        (doc.dates ?? []).map((d) => d.toISOString().slice(0, 10)), doc.pages ?? null, doc.sheets ?? null, doc.durationSeconds ?? null,
      ]);
      if (passages.length > 0) await tx.query(sql.INSERT_PASSAGES, [doc.tenantId, doc.fileId, passages]);
      await tx.query(sql.INSERT_POSTINGS, [
        doc.tenantId, doc.fileId, doc.language ?? null, nameField, title, passages, (doc.phonetic ?? []).map((k) => k.toLowerCase()),
        doc.kind, doc.visibility, doc.customerId,
      ]);
      await tx.query(sql.INSERT_TERMS, [doc.tenantId, doc.language ?? null, [nameField, title ?? '', text].join(' ')]);
      // Last, so the statistics' row locks are held only until the commit.
      await tx.query(sql.UPDATE_STATS, [doc.tenantId, doc.fileId, before, existed ? 0 : 1]);
    });
    this.maintenance?.noteWrite();
  }

  async remove(tenantId: string, fileId: string): Promise<void> {
    if (!UUID.test(tenantId) || !UUID.test(fileId)) return;
    await this.inTenant(tenantId, async (tx) => {
      const { rows } = await tx.query(sql.LOCK_ENTRY, [tenantId, fileId]);
      if (rows.length === 0) return;
      const before = await this.fileTerms(tx, tenantId, fileId);
      await tx.query(sql.DELETE_ENTRY, [tenantId, fileId]);
      await tx.query(sql.UPDATE_STATS, [tenantId, fileId, before, -1]);
    });
    this.maintenance?.noteWrite();
  }

  private async fileTerms(tx: SqlExecutor, tenantId: string, fileId: string): Promise<string[]> {
    const { rows } = await tx.query(sql.FILE_TERMS, [tenantId, fileId]);
    return (rows[0]?.terms as string[] | undefined) ?? [];
  }

  async clear(tenantId: string): Promise<void> {
    if (!UUID.test(tenantId)) return;
    await this.inTenant(tenantId, async (tx) => {
      await tx.query(sql.DELETE_TENANT, [tenantId]);
      await tx.query(sql.DELETE_TENANT_TERMS, [tenantId]);
      await tx.query(sql.DELETE_TENANT_STATS, [tenantId]);
    });
  }

  async needsRebuild(): Promise<boolean> {
    const { rows } = await this.db.query(sql.NEEDS_REBUILD, [INDEX_FORMAT]);
    return rows[0]?.needed === true;
  }

  async markRebuilt(): Promise<void> {
    await this.db.query(sql.MARK_REBUILT, [INDEX_FORMAT]);
    await this.maintenance?.run();
  }

  async search(query: SearchQuery): Promise<SearchHit[]> {
    const { visibility } = query;
    const limit = Math.min(Math.trunc(query.limit), MAX_LIMIT);
    if (!UUID.test(visibility.tenantId) || !(limit >= 1)) return [];
    const kinds = query.kinds && query.kinds.length > 0 ? [...query.kinds] : null;
    const dates = query.dates ?? null;
    const timeZone = dates?.timeZone ?? 'UTC';
    const scope = [
      visibility.tenantId,
      visibility.customerScope === null,
      visibility.customerScope?.customerId ?? null,
      kinds,
      query.customerId ?? null,
      query.tags && query.tags.length > 0 ? query.tags.map((t) => t.toLowerCase()) : null,
      query.category?.toLowerCase() ?? null,
      dates ? day(dates.from) : null,
      dates ? day(dates.to) : null,
      dates?.mode ?? null,
      limit,
    ];
    const forms = queryForms(query.words ?? wordsOf(query.text));
    if (forms.qword.length === 0) {
      const { rows } = await this.inTenant(visibility.tenantId, (tx) => tx.query(sql.SEARCH_RECENT, [...scope, timeZone]));
      return rows.map((row) => toHit(row));
    }
    const entryTerms = scope[5] !== null || scope[6] !== null || dates !== null;
    const { rows } = await this.db.query(sql.SEARCH_RANKED, [
      ...scope, forms.qword, forms.form, forms.weight, forms.how, POSTINGS_PER_TERM, Math.max(CANDIDATES, limit * 2), entryTerms, this.threshold, timeZone,
    ]);
    return rows.map((row) => toHit(row, snippetOf(row)));
  }

  private inTenant<T>(tenantId: string, work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      await tx.query(sql.BIND_SEARCH, [tenantId, this.threshold, '0.6']);
      return work(tx);
    });
  }
}

/** The sentence of the hit's best passage with the most query terms, when its text matched. */
function snippetOf(row: Row): string | undefined {
  if (typeof row.body !== 'string') return undefined;
  const weights = typeof row.weights === 'object' && row.weights !== null ? (row.weights as Record<string, number>) : {};
  return bestSentence(row.body, (row.terms as string[] | null) ?? [], { named: (row.name_terms as string[] | null) ?? [], weights }) || undefined;
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function toHit(row: Row, matched?: string): SearchHit {
  return {
    fileId: String(row.file_id),
    versionId: String(row.version_id),
    score: Number(row.score),
    matchedOn: row.matched_on as SearchHit['matchedOn'],
    ...(matched ? { matched } : {}),
  };
}

/** The words of plain query text. */
function wordsOf(text: string): QueryWord[] {
  return text.split(/\s+/).filter(Boolean).map((word) => ({ text: word }));
}

/** A query's forms as the parallel arrays SEARCH_RANKED takes. */
function queryForms(words: readonly QueryWord[]) {
  const out = { qword: [] as number[], form: [] as string[], weight: [] as number[], how: [] as string[] };
  const add = (qword: number, form: string, weight: number, how: 'w' | 'x' | 'p') => {
    const clean = form.replaceAll('\u0000', ' ').trim().slice(0, MAX_WORD_CHARS);
    if (!clean) return;
    out.qword.push(qword);
    out.form.push(clean);
    out.weight.push(weight);
    out.how.push(how);
  };
  words.slice(0, MAX_QUERY_WORDS).forEach((word, i) => {
    // Digits and codes ("4471", "q2") and short words ("nda") match exactly: 5281 is not 5218.
    add(i, word.text, WEIGHT.word, /^\p{L}{4,}$/u.test(word.text) ? 'w' : 'x');
    for (const alternative of word.alternatives ?? []) add(i, alternative, WEIGHT.alternative, 'x');
    for (const key of word.phonetic ?? []) add(i, key.toLowerCase(), WEIGHT.phonetic, 'p');
  });
  return out;
}
