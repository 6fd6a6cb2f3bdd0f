/**
 * Relevance of find's ranking on the relevance set: top-1 and MRR@3 per query class and
 * overall, for the Postgres index (PGlite, and the Postgres server when reachable) and for
 * MiniSearch (fuzzy + prefix) on the same extracted text and the same normalised query. Files
 * are indexed as the index job does it (category, version metadata, tenant locale). Access
 * probes run every query in the other tenant and in customer sessions and collect every hit
 * the session may not see.
 */
import { randomUUID } from 'node:crypto';
import MiniSearch from 'minisearch';
import { PostgresSearchIndex } from '../../adapters/search/postgres.search-index.ts';
import { searchDocumentFor } from '../../src/app/index-file.ts';
import { classifyCategory } from '../../src/domain/category.ts';
import { extensionOf } from '../../src/domain/file-types.ts';
import type { FileRecord, FileVersion } from '../../src/domain/file.ts';
import type { Database } from '../../src/ports/database.port.ts';
import { normalizeSpokenQuery } from '../../src/voice/normalize-query.ts';
import { insertFile, insertTenant } from '../support/catalog-seed.ts';
import type { QueryClass, RelevanceQuery, TenantSpec } from './corpus-types.ts';
import { relevanceSet } from './corpus.ts';
import { CUSTOMER_WORDS } from './distractors.ts';
import { extractFiles, type ExtractedFile } from './extract-corpus.ts';
import { checkAccess, type IndexedTenant } from './access-probes.ts';
import { breathe, NOW, searchAs } from './spoken-search.ts';

export interface TenantCorpus {
  spec: TenantSpec;
  files: ExtractedFile[];
}

export interface Scores {
  /** Per class and 'overall'. */
  classes: Record<string, { top1: number; mrr3: number; n: number }>;
  failures: Array<{ query: string; expected: string; got: string[] }>;
  /** Content questions: how often the first hit's `matched` passage held the answering sentence. */
  answers: { n: number; found: number; misses: Array<{ query: string; answer: string; matched: string }> };
}

export interface EngineScores extends Scores {
  latencies: number[];
  /** Searches run by the access probes, and every hit among them the session may not see. */
  probes: number;
  leaks: string[];
  /** Wall time of indexing, the scored queries and the probes, ms; and this process's CPU time for all three (PGlite's work, or the server client's). */
  timings: { index: number; queries: number; probes: number; cpu: number };
}

interface Ranked {
  q: RelevanceQuery;
  rank: number;
  got: string[];
  matched?: string;
}

const BASE = Date.UTC(2025, 0, 1);

/** Every tenant's files, generated and extracted (cached under test/.tmp/relevance). */
export async function loadCorpus(sets: TenantSpec[] = relevanceSet()): Promise<TenantCorpus[]> {
  const files = await extractFiles(sets.map((spec) => ({ locale: spec.locale, specs: [...spec.targets, ...spec.distractors] })));
  return sets.map((spec, i) => ({ spec, files: files[i]! }));
}

const plain = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

function score(ranks: Ranked[]): Scores {
  const classes: Scores['classes'] = {};
  const add = (key: string, rank: number) => {
    const c = (classes[key] ??= { top1: 0, mrr3: 0, n: 0 });
    c.n += 1;
    if (rank === 1) c.top1 += 1;
    if (rank >= 1 && rank <= 3) c.mrr3 += 1 / rank;
  };
  const answers: Scores['answers'] = { n: 0, found: 0, misses: [] };
  for (const r of ranks) {
    add(r.q.cls, r.rank);
    add('overall', r.rank);
    if (r.q.answer === undefined || r.matched === undefined) continue;
    answers.n += 1;
    if (r.rank === 1 && plain(r.matched).includes(plain(r.q.answer))) answers.found += 1;
    else answers.misses.push({ query: r.q.query, answer: r.q.answer, matched: r.rank === 1 ? r.matched : `(first hit was ${r.got[0] ?? 'nothing'})` });
  }
  for (const c of Object.values(classes)) {
    c.top1 /= c.n;
    c.mrr3 /= c.n;
  }
  return { classes, answers, failures: ranks.filter((r) => r.rank !== 1).map(({ q, got }) => ({ query: q.query, expected: q.expect, got })) };
}

function records(tenantId: string, file: ExtractedFile, ids: { fileId: string; versionId: string }): { file: FileRecord; version: FileVersion } {
  const { spec } = file;
  const at = new Date(BASE + spec.day * 86_400_000);
  const category = classifyCategory({ name: spec.name, kind: file.kind, text: file.text });
  const record = { id: ids.fileId, tenantId, name: spec.name, title: spec.title ?? null, customerId: spec.customerId ?? null, visibility: spec.visibility ?? 'internal', currentVersion: 1, createdAt: at, updatedAt: at, tags: [], category };
  const version = {
    id: ids.versionId, tenantId, fileId: ids.fileId, version: 1, blobId: randomUUID(), sha256: file.sha256, size: file.size, mimeType: file.mimeType,
    extension: extensionOf(spec.name), kind: file.kind, status: 'ready', statusReason: null, createdAt: at, metadata: file.metadata,
  };
  return { file: record as unknown as FileRecord, version: version as unknown as FileVersion };
}

async function indexTenant(db: Database, index: PostgresSearchIndex, corpus: TenantCorpus): Promise<IndexedTenant> {
  const tenantId = await insertTenant(db, corpus.spec.locale);
  const files = new Map<string, ExtractedFile>();
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < corpus.files.length; i = next++) {
      const extracted = corpus.files[i]!;
      const ids = await insertFile(db, tenantId);
      const { file, version } = records(tenantId, extracted, ids);
      await index.upsert(searchDocumentFor(file, version, extracted.text, { locale: corpus.spec.locale }));
      await breathe();
      files.set(ids.fileId, extracted);
    }
  };
  await Promise.all(Array.from({ length: db.engine === 'pglite' ? 1 : 4 }, worker));
  return { tenantId, locale: corpus.spec.locale, files, spec: corpus.spec };
}

/** Our engine on `db` (migrated): index every tenant, run every query as staff, then the access probes. */
export async function evaluatePostgres(db: Database, corpus: TenantCorpus[]): Promise<EngineScores> {
  const index = new PostgresSearchIndex(db);
  const ranks: Ranked[] = [];
  const latencies: number[] = [];
  const tenants: IndexedTenant[] = [];
  const cpu = process.cpuUsage();
  let started = performance.now();
  for (const set of corpus) tenants.push(await indexTenant(db, index, set));
  const timings = { index: performance.now() - started, queries: 0, probes: 0, cpu: 0 };
  started = performance.now();
  for (const tenant of tenants) {
    for (const q of tenant.spec.queries) {
      const started = performance.now();
      const hits = await searchAs(index, q.query, tenant.locale, { tenantId: tenant.tenantId, customerScope: null });
      latencies.push(performance.now() - started);
      const got = hits.map((h) => tenant.files.get(h.fileId)?.spec.name ?? `another tenant's ${h.fileId}`);
      const rank = got.indexOf(q.expect) + 1;
      ranks.push({ q, rank, got: got.slice(0, 3), ...(hits[0] ? { matched: hits[0].matched ?? '' } : {}) });
    }
  }
  timings.queries = performance.now() - started;
  started = performance.now();
  const { probes, leaks } = await checkAccess(index, tenants, CUSTOMER_WORDS);
  timings.probes = performance.now() - started;
  const used = process.cpuUsage(cpu);
  timings.cpu = (used.user + used.system) / 1000;
  return { ...score(ranks), latencies, probes, leaks, timings };
}

/** MiniSearch with fuzzy and prefix search on the same extracted text and the same normalised query. */
export function evaluateMiniSearch(corpus: TenantCorpus[]): Scores {
  const ranks: Ranked[] = [];
  for (const { spec, files } of corpus) {
    const mini = new MiniSearch<{ id: number; name: string; title: string; text: string; kind: string }>({
      fields: ['name', 'title', 'text'],
      storeFields: ['name', 'kind'],
      searchOptions: { fuzzy: 0.2, prefix: true, boost: { name: 2, title: 2 } },
    });
    mini.addAll(files.map((f, i) => ({ id: i, name: f.spec.name, title: f.spec.title ?? '', text: f.text, kind: f.kind })));
    for (const q of spec.queries) {
      const normalized = normalizeSpokenQuery(q.query, spec.locale, { now: NOW });
      const kinds: string[] = normalized.kinds;
      const hits = mini.search(normalized.text, kinds.length > 0 ? { filter: (r) => kinds.includes(String(r.kind)) } : {});
      const got = hits.slice(0, 3).map((h) => String(h.name));
      ranks.push({ q, rank: got.indexOf(q.expect) + 1, got });
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
  const answers = names.filter((n) => columns[n]!.answers.n > 0).map((n) => `${n} ${columns[n]!.answers.found}/${columns[n]!.answers.n}`);
  return [head, ...rows, ...(answers.length > 0 ? [`content answers in matched: ${answers.join(', ')}`] : [])].join('\n');
}

export type { QueryClass };
