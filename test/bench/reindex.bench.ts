/**
 * Reindex throughput: 10,000 extracted documents (the realistic corpus of search-corpus.ts) of
 * one tenant rebuilt through the real use case (src/app/reindex.use-case.ts: catalog pages, each
 * version's extracted text, the adapter's upsert), on PGlite and on the Postgres server. Baselines
 * from the same run and the same rows: the bulk insert of the catalog rows (what writing that much
 * data costs at all), and the adapter's upserts alone on a sample (what the index writes cost
 * without the use case around them).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PgDatabase } from '../../adapters/postgres/pg.database.ts';
import { PgliteDatabase } from '../../adapters/postgres/pglite.database.ts';
import { migrate } from '../../adapters/postgres/migrate.ts';
import { PostgresFileCatalog } from '../../adapters/postgres/postgres.file-catalog.ts';
import { InProcessEventBus } from '../../adapters/events/in-process.event-bus.ts';
import { PostgresProcessingStore } from '../../adapters/postgres/postgres.processing-store.ts';
import { PostgresQuotaStore } from '../../adapters/postgres/postgres.quota-store.ts';
import { PostgresTenantStore } from '../../adapters/postgres/postgres.tenant-store.ts';
import { PostgresSearchIndex } from '../../adapters/search/postgres.search-index.ts';
import { reindex } from '../../src/app/reindex.use-case.ts';
import type { Database } from '../../src/ports/database.port.ts';
import { createBenchDatabase, printTable, ratio, type BenchFigure, type SectionReport } from './bench-kit.ts';
import { benchDoc } from './search-corpus.ts';
import { catalogRows, indexRows, insertCatalogRows, insertTenant } from './search-seed.ts';

const FILES = Number(process.env.BENCH_REINDEX_FILES ?? 10_000);
/** Upserts timed alone, outside the use case (a sample: they cost what the rebuild costs). */
const UPSERT_SAMPLE = Math.min(1000, FILES);
const SLUG = 'bench-reindex';

const rate = (files: number, ms: number) => (files / ms) * 1000;

async function throughputOn(engine: string, db: Database, upsertConcurrency: number): Promise<BenchFigure[]> {
  await migrate(db);
  const tenantId = await insertTenant(db, SLUG, 'en');
  const rows = catalogRows(tenantId, Array.from({ length: FILES }, (_, i) => benchDoc(77, i, 'en')));
  const bytes = rows.reduce((sum, r) => sum + r.version.size, 0);
  const insertMs = await insertCatalogRows(db, rows);

  const search = new PostgresSearchIndex(db);
  const sample = rows.slice(0, UPSERT_SAMPLE);
  const upsertMs = await indexRows(search, sample, 'en', upsertConcurrency);
  await search.clear(tenantId);

  const deps = {
    search,
    catalog: new PostgresFileCatalog(db),
    texts: new PostgresProcessingStore(db, { jobs: { sendInTransaction: async () => undefined }, events: new InProcessEventBus() }),
    tenants: new PostgresTenantStore(db),
    quotas: new PostgresQuotaStore(db),
  };
  const progress: number[] = [];
  const started = performance.now();
  const done = await reindex(deps, SLUG, (p) => progress.push(p.indexed));
  const reindexMs = performance.now() - started;
  const indexed = done[0]?.indexed ?? 0;
  if (indexed !== FILES) throw new Error(`reindex indexed ${indexed} files, expected ${FILES}`);
  const { rows: count } = await db.query('select count(*)::int as n from search_entries where tenant_id = $1', [tenantId]);
  if (Number(count[0]?.n) !== FILES) throw new Error(`the index holds ${String(count[0]?.n)} entries after the rebuild, expected ${FILES}`);

  const reindexRate = rate(FILES, reindexMs);
  const upsertRate = rate(UPSERT_SAMPLE, upsertMs);
  const insertRate = rate(FILES, insertMs);
  printTable(`reindex of ${FILES.toLocaleString('en-US')} extracted documents on ${engine} (${(bytes / FILES / 1024).toFixed(1)} KiB of text each, ${progress.length} progress reports)`, [
    { case: 'bulk insert of the catalog rows (baseline)', files: FILES, seconds: (insertMs / 1000).toFixed(1), 'files/s': insertRate.toFixed(0) },
    { case: `adapter upserts alone, ${upsertConcurrency} at a time (baseline, sample)`, files: UPSERT_SAMPLE, seconds: (upsertMs / 1000).toFixed(1), 'files/s': upsertRate.toFixed(0) },
    { case: 'voicefiles reindex (use case: pages, texts, upserts)', files: FILES, seconds: (reindexMs / 1000).toFixed(1), 'files/s': reindexRate.toFixed(0) },
  ]);
  console.log(`  reindex / upserts alone = ${ratio(reindexRate / upsertRate)}; reindex / bulk row insert = ${ratio(reindexRate / insertRate)}; load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  return [
    { name: `reindex files/s (${engine}, ${FILES / 1000}k docs)`, value: `${reindexRate.toFixed(0)} files/s (${(reindexMs / 1000).toFixed(0)} s)` },
    { name: `reindex vs adapter upserts alone (${engine})`, value: `${ratio(reindexRate / upsertRate)} (${upsertRate.toFixed(0)} files/s)` },
    { name: `reindex vs bulk row insert (${engine})`, value: `${ratio(reindexRate / insertRate)} (${insertRate.toFixed(0)} rows/s)` },
  ];
}

/** `npm run bench -- --only=reindex`: PGlite, then the Postgres server when one answers (`reindex-pglite`, `reindex-server`: one). */
export async function benchReindex(engines: ReadonlyArray<'PGlite' | 'Postgres server'> = ['PGlite', 'Postgres server']): Promise<SectionReport> {
  const figures: BenchFigure[] = [];
  if (engines.includes('PGlite')) figures.push(...(await onPglite()));
  if (engines.includes('Postgres server')) figures.push(...(await onServer()));
  return { figures };
}

async function onPglite(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'voicefiles-bench-reindex-'));
  const pglite = await PgliteDatabase.open(path.join(dir, 'pglite'));
  try {
    figures.push(...(await throughputOn('PGlite', pglite, 1)));
  } finally {
    await pglite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

async function onServer(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const database = await createBenchDatabase();
  if (!database) return [{ name: 'reindex on Postgres server', value: 'skipped (not reachable)' }];
  const db = new PgDatabase({ connectionString: database.url, maxConnections: 8 });
  try {
    figures.push(...(await throughputOn('Postgres server', db, 4)));
  } finally {
    await db.close();
    await database.drop();
  }
  return figures;
}
