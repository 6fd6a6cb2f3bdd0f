/**
 * Relevance of find's ranking on the relevance set: top-1 and MRR@3 per query class and
 * overall, for the Postgres index (PGlite, and the Postgres server when reachable) and for
 * MiniSearch (fuzzy + prefix) on the same extracted text and the same normalised query.
 */
import { randomUUID } from 'node:crypto';
import MiniSearch from 'minisearch';
import { PostgresSearchIndex } from '../../adapters/search/postgres.search-index.ts';
import { searchDocumentFor } from '../../src/app/index-file.ts';
import { spokenSearchQuery } from '../../src/app/find.use-case.ts';
import type { FileRecord, FileVersion } from '../../src/domain/file.ts';
import type { Database } from '../../src/ports/database.port.ts';
import { normalizeSpokenQuery } from '../../src/voice/normalize-query.ts';
import { insertFile, insertTenant } from '../support/catalog-seed.ts';
import { relevanceSet, type QueryClass, type RelevanceDoc, type TenantSet } from './corpus.ts';

export interface Scores {
  /** Per class and 'overall'. */
  classes: Record<string, { top1: number; mrr3: number; n: number }>;
  failures: Array<{ query: string; expected: string; got: string[] }>;
}

interface Ranked {
  cls: QueryClass;
  rank: number;
  query: string;
  expected: string;
  got: string[];
}

const NOW = new Date(Date.UTC(2025, 11, 1));
const BASE = Date.UTC(2025, 0, 1);

function score(ranks: Ranked[]): Scores {
  const classes: Scores['classes'] = {};
  const add = (key: string, rank: number) => {
    const c = (classes[key] ??= { top1: 0, mrr3: 0, n: 0 });
    c.n += 1;
    if (rank === 1) c.top1 += 1;
    if (rank >= 1 && rank <= 3) c.mrr3 += 1 / rank;
  };
  for (const r of ranks) {
    add(r.cls, r.rank);
    add('overall', r.rank);
  }
  for (const c of Object.values(classes)) {
    c.top1 /= c.n;
    c.mrr3 /= c.n;
  }
  return { classes, failures: ranks.filter((r) => r.rank !== 1).map(({ query, expected, got }) => ({ query, expected, got })) };
}

function records(tenantId: string, doc: RelevanceDoc, ids: { fileId: string; versionId: string }): { file: FileRecord; version: FileVersion } {
  const at = new Date(BASE + doc.day * 86_400_000);
  const file = { id: ids.fileId, tenantId, name: doc.name, title: doc.title ?? null, customerId: doc.customerId ?? null, visibility: doc.visibility ?? 'internal', currentVersion: 1, createdAt: at, updatedAt: at };
  const version = { id: ids.versionId, tenantId, fileId: ids.fileId, version: 1, blobId: randomUUID(), sha256: '', size: doc.text.length, mimeType: 'application/octet-stream', extension: '', kind: doc.kind, status: 'ready', statusReason: null, createdAt: at, metadata: {} };
  return { file: file as unknown as FileRecord, version: version as unknown as FileVersion };
}

/** Our engine on `db` (migrated): index both tenants, run every query, then cross-tenant probes. */
export async function evaluatePostgres(db: Database, sets: TenantSet[] = relevanceSet()): Promise<Scores & { latencies: number[] }> {
  const index = new PostgresSearchIndex(db);
  const ranks: Ranked[] = [];
  const latencies: number[] = [];
  const tenants: Array<{ id: string; names: Map<string, string> }> = [];
  for (const set of sets) {
    const tenantId = await insertTenant(db, set.locale);
    const names = new Map<string, string>();
    for (const doc of set.docs) {
      const ids = await insertFile(db, tenantId);
      const { file, version } = records(tenantId, doc, ids);
      await index.upsert(searchDocumentFor(file, version, doc.text, { locale: set.locale }));
      names.set(ids.fileId, doc.name);
    }
    tenants.push({ id: tenantId, names });
    for (const q of set.queries) {
      const { query } = spokenSearchQuery(q.query, set.locale, { tenantId, customerScope: null }, { limit: 3, now: NOW });
      const started = performance.now();
      const hits = await index.search(query);
      latencies.push(performance.now() - started);
      const got = hits.map((h) => names.get(h.fileId) ?? `another tenant's ${h.fileId}`);
      ranks.push({ cls: q.cls, rank: got.indexOf(q.expect) + 1, query: q.query, expected: q.expect, got: got.slice(0, 3) });
    }
  }
  const [a, b] = tenants;
  if (a && b) {
    for (const q of sets[0]!.queries) {
      const { query } = spokenSearchQuery(q.query, sets[0]!.locale, { tenantId: b.id, customerScope: null }, { limit: 3, now: NOW });
      for (const hit of await index.search(query)) if (!b.names.has(hit.fileId)) throw new Error(`cross-tenant leak: ${q.query}`);
    }
  }
  return { ...score(ranks), latencies };
}

/** MiniSearch with fuzzy and prefix search on the same text and the same normalised query. */
export function evaluateMiniSearch(sets: TenantSet[] = relevanceSet()): Scores {
  const ranks: Ranked[] = [];
  for (const set of sets) {
    const mini = new MiniSearch<{ id: number; name: string; title: string; text: string; kind: string }>({
      fields: ['name', 'title', 'text'],
      storeFields: ['name', 'kind'],
      searchOptions: { fuzzy: 0.2, prefix: true, boost: { name: 2, title: 2 } },
    });
    mini.addAll(set.docs.map((d, i) => ({ id: i, name: d.name, title: d.title ?? '', text: d.text, kind: d.kind })));
    for (const q of set.queries) {
      const normalized = normalizeSpokenQuery(q.query, set.locale, { now: NOW });
      const kinds: string[] = normalized.kinds;
      const hits = mini.search(normalized.text, kinds.length > 0 ? { filter: (r) => kinds.includes(String(r.kind)) } : {});
      const got = hits.slice(0, 3).map((h) => String(h.name));
      ranks.push({ cls: q.cls, rank: got.indexOf(q.expect) + 1, query: q.query, expected: q.expect, got });
    }
  }
  return score(ranks);
}

/** A table of scores per class, one column per engine. */
export function formatScores(columns: Record<string, Scores>): string {
  const names = Object.keys(columns);
  const classes = [...new Set(names.flatMap((n) => Object.keys(columns[n]!.classes)))].sort((x, y) => (x === 'overall' ? 1 : y === 'overall' ? -1 : x.localeCompare(y)));
  const head = ['class'.padEnd(10), 'n'.padStart(4), ...names.map((n) => `${n} top1/mrr@3`.padStart(28))].join(' ');
  const rows = classes.map((cls) => {
    const n = columns[names[0]!]!.classes[cls]?.n ?? 0;
    const cells = names.map((name) => {
      const c = columns[name]!.classes[cls];
      return (c ? `${c.top1.toFixed(3)} / ${c.mrr3.toFixed(3)}` : '-').padStart(28);
    });
    return [cls.padEnd(10), String(n).padStart(4), ...cells].join(' ');
  });
  return [head, ...rows].join('\n');
}
