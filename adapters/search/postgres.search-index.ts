import type { Database, SqlExecutor } from '../../src/ports/database.port.ts';
import type { SearchDocument, SearchHit, SearchIndex, SearchQuery } from '../../src/ports/search-index.port.ts';
import * as sql from './postgres.search-index.queries.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Extracted text kept per document; longer text is cut (the name and title matter most). */
export const MAX_TEXT_CHARS = 100_000;
/** Longer queries are cut: a spoken request is a few words, and trigram work grows with length. */
const MAX_QUERY_CHARS = 200;
const MAX_LIMIT = 100;

export interface PostgresSearchIndexOptions {
  /**
   * Trigram word similarity (0..1] from which a name or title counts as a fuzzy match. Default
   * 0.5: "finacial report" 0.74, "schmit" 0.71, "budgit" 0.57, "bord minuts" 0.53. At 0.5 a
   * two-word query of which one word occurs exactly also passes (as a weak hit); 0.55 drops those
   * and halves the cost of such queries at 10,000 documents.
   */
  fuzzyThreshold?: number;
}

/**
 * SearchIndex in the catalog database (`search_documents`): trigram similarity on the
 * unaccented name and title for spoken, misspelt queries, prefix full-text on the body.
 * Every statement is scoped by tenant id and runs with app.tenant_id set (row-level security).
 */
export class PostgresSearchIndex implements SearchIndex {
  private readonly threshold: string;

  constructor(
    private readonly db: Database,
    options: PostgresSearchIndexOptions = {},
  ) {
    const threshold = options.fuzzyThreshold ?? 0.5;
    if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`fuzzyThreshold must be in (0, 1], got ${threshold}`);
    this.threshold = String(threshold);
  }

  async upsert(doc: SearchDocument): Promise<void> {
    await this.inTenant(doc.tenantId, (tx) =>
      tx.query(sql.UPSERT_DOCUMENT, [
        doc.tenantId, doc.fileId, doc.versionId, doc.name, doc.title, doc.kind, doc.mimeType,
        // Postgres text cannot hold NUL, which extracted text sometimes contains.
        doc.customerId, doc.visibility, doc.createdAt, doc.text.slice(0, MAX_TEXT_CHARS).replaceAll('\u0000', ' '),
      ]),
    );
  }

  async remove(tenantId: string, fileId: string): Promise<void> {
    if (!UUID.test(tenantId) || !UUID.test(fileId)) return;
    await this.inTenant(tenantId, (tx) => tx.query(sql.DELETE_DOCUMENT, [tenantId, fileId]));
  }

  async search(query: SearchQuery): Promise<SearchHit[]> {
    const { visibility } = query;
    const limit = Math.min(Math.trunc(query.limit), MAX_LIMIT);
    if (!UUID.test(visibility.tenantId) || !(limit >= 1)) return [];
    const text = query.text.slice(0, MAX_QUERY_CHARS).replaceAll('\u0000', ' ');
    const kinds = query.kinds && query.kinds.length > 0 ? [...query.kinds] : null;
    const all = visibility.customerScope === null;
    const customerId = visibility.customerScope?.customerId ?? null;
    const { rows } = await this.inTenant(visibility.tenantId, (tx) =>
      tx.query(sql.SEARCH, [visibility.tenantId, text, all, customerId, kinds, limit]),
    );
    return rows.map((row) => ({
      fileId: String(row.file_id),
      versionId: String(row.version_id),
      score: Number(row.score),
      matchedOn: row.matched_on as SearchHit['matchedOn'],
    }));
  }

  private inTenant<T>(tenantId: string, work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      await tx.query(sql.BIND_SEARCH, [tenantId, this.threshold]);
      return work(tx);
    });
  }
}
