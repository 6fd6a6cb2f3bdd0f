/**
 * The corpora of the search-scale benchmark, built once and kept between runs:
 * 10 tenants x 10,000 files in database vf_bench_search on the Postgres server (a marker table
 * says what it was built with), and 10,000 files of one tenant on PGlite under .bench-tmp/.
 * They are rebuilt when BENCH_FRESH=1 or when anything that decides what the index holds
 * changes: the migrations, the adapter's write path, what is indexed per version, the generator.
 * A change to the search query alone keeps them (it reads the same rows).
 */
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PgDatabase } from '../../adapters/postgres/pg.database.ts';
import { PgliteDatabase } from '../../adapters/postgres/pglite.database.ts';
import { INDEX_FORMAT, PostgresSearchIndex } from '../../adapters/search/postgres.search-index.ts';
import * as searchSql from '../../adapters/search/postgres.search-index.queries.ts';
import { BENCH_ADMIN_URL, BENCH_APP_ROLE, benchServerDatabaseEnv, cachedBuild, ensureBenchAppRole, startBenchServer } from './bench-kit.ts';
import { benchDoc, CORPUS_FORMAT, type Language } from './search-corpus.ts';
import { catalogRows, indexRows, insertCatalogRows } from './search-seed.ts';

export const SEARCH_DB = 'vf_bench_search';
export const SERVER_TENANTS = 10;
/** BENCH_SEARCH_FILES: fewer files per tenant for a quick try (the kept corpus is then rebuilt at the next full run). */
export const FILES_PER_TENANT = Number(process.env.BENCH_SEARCH_FILES ?? 10_000);
/** Index writes in flight while building on the server (2 cores here; more only queue). */
const BUILD_CONCURRENCY = 4;

export interface CorpusTenant {
  id: string;
  slug: string;
  language: Language;
  apiKey: string;
  /** Tenant number in the generator. */
  seed: number;
}

/** What a kept corpus was made with: the secrets the server must start with, and its tenants. */
export interface KeptCorpus {
  rootKey: string;
  adminToken: string;
  tenants: CorpusTenant[];
  /** Tenants whose files are all written and indexed (a build broken off resumes after them). */
  done: string[];
  buildSeconds: number;
}

const repoRoot = path.resolve(import.meta.dirname, '../..');
/** What decides the index's rows, besides the write statements hashed below. */
const WRITER_INPUTS = [
  'adapters/postgres/migrations', 'adapters/search/search-passages.ts', 'src/app/index-file.ts', 'src/voice/phonetic-keys.ts', 'src/voice/codes',
  'src/voice/document-dates.ts', 'src/domain/category.ts', 'test/bench/search-corpus.ts', 'test/bench/search-seed.ts',
];
const WRITE_STATEMENTS = ['LOCK_ENTRY', 'DELETE_ENTRY', 'INSERT_ENTRY', 'INSERT_PASSAGES', 'INSERT_POSTINGS', 'INSERT_TERMS'] as const;

/** A hash of everything that decides what the index holds for a document. */
export function indexWriterHash(): string {
  const hash = createHash('sha256').update(`${CORPUS_FORMAT}\0${INDEX_FORMAT}\0${PostgresSearchIndex.prototype.upsert.toString()}\0`);
  for (const name of WRITE_STATEMENTS) hash.update(`${name}\0${(searchSql as Record<string, unknown>)[name] ?? ''}\0`);
  const walk = (file: string): void => {
    const full = path.join(repoRoot, file);
    if (statSync(full).isDirectory()) for (const entry of readdirSync(full).sort()) walk(path.join(file, entry));
    else hash.update(`${file}\0`).update(readFileSync(full));
  };
  for (const input of WRITER_INPUTS) walk(input);
  return hash.digest('hex').slice(0, 20);
}

function databaseUrl(name: string, options = '', user?: string): string {
  const url = new URL(BENCH_ADMIN_URL);
  url.pathname = `/${name}`;
  if (user) url.username = user;
  if (options) url.searchParams.set('options', options);
  return url.toString();
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: BENCH_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The environment of a server on the kept database: requests as BENCH_APP_ROLE, migrations as the owner. */
export function serverDatabaseEnv(): Record<string, string> {
  return benchServerDatabaseEnv(databaseUrl(SEARCH_DB));
}

/** What the direct searches connect with: the server's own runtime role. */
export function appUrl(): string {
  return databaseUrl(SEARCH_DB, '', BENCH_APP_ROLE);
}

async function readMarker(url: string): Promise<{ format: string; corpus: KeptCorpus } | null> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query('select format, corpus from bench_corpus');
    return rows[0] ? { format: String(rows[0].format), corpus: rows[0].corpus as KeptCorpus } : null;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

async function createTenantOverHttp(baseUrl: string, adminToken: string, slug: string, locale: Language): Promise<{ id: string; apiKey: string }> {
  const res = await fetch(`${baseUrl}/v1/tenants`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ slug, locale }) });
  const body = (await res.json()) as { id: string; api_key: string };
  if (res.status !== 201) throw new Error(`POST /v1/tenants answered ${res.status}: ${JSON.stringify(body)}`);
  return { id: body.id, apiKey: body.api_key };
}

/**
 * The 100,000-file corpus on the Postgres server: reused when its marker matches, resumed when a
 * build was broken off, otherwise built afresh in a new database. Resolves to its URL and record.
 */
export async function serverCorpus(log: (line: string) => void): Promise<{ url: string; corpus: KeptCorpus; cached: boolean }> {
  const url = databaseUrl(SEARCH_DB);
  const format = `${SERVER_TENANTS}x${FILES_PER_TENANT}/${indexWriterHash()}`;
  await ensureBenchAppRole();
  let marker = process.env.BENCH_FRESH === '1' ? null : await readMarker(url);
  if (marker && marker.format === format && marker.corpus.done.length === marker.corpus.tenants.length) return { url, corpus: marker.corpus, cached: true };
  if (!marker || marker.format !== format) {
    log(`  building ${SERVER_TENANTS} x ${FILES_PER_TENANT} files in database ${SEARCH_DB} (${marker ? 'index format changed' : 'none kept'}); kept for later runs`);
    await withAdmin(async (admin) => {
      await admin.query(`drop database if exists ${SEARCH_DB} with (force)`);
      await admin.query(`create database ${SEARCH_DB}`);
    });
    marker = { format, corpus: await createServerTenants() };
  } else log(`  resuming the build of ${SEARCH_DB}: ${marker.corpus.done.length} of ${marker.corpus.tenants.length} tenants were done`);
  const corpus = marker.corpus;
  // The bench's own writes need not wait for the disk; the server that is measured keeps the defaults.
  const db = new PgDatabase({ connectionString: databaseUrl(SEARCH_DB, '-c synchronous_commit=off'), maxConnections: BUILD_CONCURRENCY + 1 });
  try {
    await db.query('create table if not exists bench_corpus (format text not null, corpus jsonb not null)');
    const save = async () => {
      await db.query('delete from bench_corpus');
      await db.query('insert into bench_corpus (format, corpus) values ($1, $2)', [format, JSON.stringify(corpus)]);
    };
    await save();
    const search = new PostgresSearchIndex(db);
    for (const tenant of corpus.tenants) {
      if (corpus.done.includes(tenant.id)) continue;
      const started = performance.now();
      // A tenant half-written by a broken-off build starts over.
      await db.query('delete from files where tenant_id = $1', [tenant.id]);
      await db.query('delete from blobs where tenant_id = $1', [tenant.id]);
      await search.clear(tenant.id);
      const rows = catalogRows(tenant.id, Array.from({ length: FILES_PER_TENANT }, (_, i) => benchDoc(tenant.seed, i, tenant.language)));
      const insertMs = await insertCatalogRows(db, rows);
      const indexMs = await indexRows(search, rows, tenant.language, BUILD_CONCURRENCY, (done) => {
        if (done % 2500 === 0) log(`    ${tenant.slug}: ${done}/${FILES_PER_TENANT} indexed`);
      });
      corpus.done.push(tenant.id);
      corpus.buildSeconds += (performance.now() - started) / 1000;
      await save();
      log(`    ${tenant.slug}: rows in ${(insertMs / 1000).toFixed(1)} s, indexed in ${(indexMs / 1000).toFixed(0)} s (${((FILES_PER_TENANT / indexMs) * 1000).toFixed(0)} files/s)`);
    }
    await search.markRebuilt();
    await db.query('analyze');
  } finally {
    await db.close();
  }
  return { url, corpus, cached: false };
}

/** The server creates the schema and the tenants (with their API keys); its secrets are kept. */
async function createServerTenants(): Promise<KeptCorpus> {
  const rootKey = randomBytes(32).toString('base64url');
  const adminToken = `vfadmin_${randomBytes(32).toString('base64url')}`;
  const server = await startBenchServer({ ...serverDatabaseEnv(), VOICEFILES_ROOT_KEY: rootKey, VOICEFILES_ADMIN_TOKEN: adminToken, PIPELINE_WORKERS: 'false' });
  try {
    const tenants: CorpusTenant[] = [];
    for (let seed = 0; seed < SERVER_TENANTS; seed++) {
      const language: Language = seed % 2 === 0 ? 'en' : 'de';
      const slug = `bench-${language}-${seed}`;
      tenants.push({ ...(await createTenantOverHttp(server.url, adminToken, slug, language)), slug, language, seed });
    }
    return { rootKey, adminToken, tenants, done: [], buildSeconds: 0 };
  } finally {
    await server.stop();
  }
}

/**
 * 10,000 files of one English tenant on PGlite, kept under .bench-tmp/ (PGlite is one process's
 * database: the server creates the tenant and stops, the files are written from here).
 * Copies the data into `dataDir`; resolves to the record the server must start with.
 */
export async function pgliteCorpus(dataDir: string, log: (line: string) => void): Promise<{ corpus: KeptCorpus; cached: boolean }> {
  const cache = cachedBuild('search-scale-pglite', [], `${FILES_PER_TENANT}/${indexWriterHash()}`);
  const record = path.join(cache.dir, 'corpus.json');
  if (cache.ready) {
    cpSync(path.join(cache.dir, 'data'), dataDir, { recursive: true });
    return { corpus: JSON.parse(readFileSync(record, 'utf8')) as KeptCorpus, cached: true };
  }
  log(`  building ${FILES_PER_TENANT} files on PGlite; kept in ${path.relative(repoRoot, cache.dir)}`);
  const started = performance.now();
  const rootKey = randomBytes(32).toString('base64url');
  const adminToken = `vfadmin_${randomBytes(32).toString('base64url')}`;
  const server = await startBenchServer({ VOICEFILES_DATA_DIR: dataDir, VOICEFILES_ROOT_KEY: rootKey, VOICEFILES_ADMIN_TOKEN: adminToken, PIPELINE_WORKERS: 'false' });
  const tenant: CorpusTenant = { ...(await createTenantOverHttp(server.url, adminToken, 'bench-pglite-en', 'en')), slug: 'bench-pglite-en', language: 'en', seed: 0 };
  await server.stop({ keepData: true });
  const db = await PgliteDatabase.open(path.join(dataDir, 'pglite'));
  try {
    const search = new PostgresSearchIndex(db);
    const rows = catalogRows(tenant.id, Array.from({ length: FILES_PER_TENANT }, (_, i) => benchDoc(tenant.seed, i, 'en')));
    await insertCatalogRows(db, rows);
    await indexRows(search, rows, 'en', 1, (done) => done % 2500 === 0 && log(`    ${done}/${FILES_PER_TENANT} indexed`));
    await search.markRebuilt();
    await db.query('analyze');
  } finally {
    await db.close();
  }
  const corpus: KeptCorpus = { rootKey, adminToken, tenants: [tenant], done: [tenant.id], buildSeconds: (performance.now() - started) / 1000 };
  cpSync(dataDir, path.join(cache.dir, 'data'), { recursive: true });
  writeFileSync(record, JSON.stringify(corpus));
  cache.markReady();
  return { corpus, cached: false };
}
