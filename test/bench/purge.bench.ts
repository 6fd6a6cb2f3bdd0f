/**
 * Purge of 10,000 trashed files (issue 10): the lifecycle run that removes them for good (records,
 * versions, text, search entries, and the 10,000 blobs from local disk), on PGlite and, when one
 * answers, on the PostgreSQL server; files per second and peak memory of the process doing it
 * (RSS sampled every 20 ms, and the V8 heap). Every file has a search entry (search_entries). 1,000 live files stay, and are checked to stay.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { PostgresPurgeStore } from '../../adapters/postgres/postgres.purge-store.ts';
import { LocalBlobStore } from '../../adapters/storage/local.blob-store.ts';
import { runLifecycle } from '../../src/app/lifecycle.use-case.ts';
import type { Database } from '../../src/ports/database.port.ts';
import { postgresAvailable } from '../support/services.ts';
import { testDatabase } from '../support/db.ts';
import { mib, now, printTable } from './bench-kit.ts';

const TRASHED = 10_000;
const LIVE = 1_000;

/** 11,000 files with one version and one blob each, 10,000 of them trashed and due; the bytes on disk. */
async function seed(db: Database, rootDir: string): Promise<string> {
  const tenantId = String((await db.query("insert into tenants (slug, name, locale) values ($1, $1, 'en') returning id", [`bench-${randomBytes(4).toString('hex')}`])).rows[0]?.id);
  await db.query(
    `with b as (
       insert into blobs (tenant_id, sha256, size, storage_key)
       select $1::uuid, encode(sha256(('c' || g)::bytea), 'hex'), 600, 'tenants/' || $1::text || '/blobs/' || gen_random_uuid()
       from generate_series(1, $2::int + $3::int) g
       returning id, sha256, storage_key
     ), numbered as (select b.*, row_number() over () as n from b),
     f as (
       insert into files (tenant_id, name, visibility, trashed_at, purge_after, created_at)
       select $1::uuid, 'file-' || n || '.txt', 'internal',
         case when n <= $2::int then now() - interval '40 days' end, case when n <= $2::int then now() - interval '10 days' end, now() - interval '60 days'
       from numbered
       returning id, name
     ), fn as (select f.*, replace(replace(f.name, 'file-', ''), '.txt', '')::bigint as n from f)
     insert into file_versions (tenant_id, file_id, version, blob_id, sha256, size, mime_type, extension, kind, status, extracted_text)
     select $1::uuid, fn.id, 1, numbered.id, numbered.sha256, 600, 'text/plain', 'txt', 'text', 'ready', repeat('words of the file ', 30)
     from fn join numbered on numbered.n = fn.n`,
    [tenantId, TRASHED, LIVE],
  );
  await db.query(
    `insert into search_entries (tenant_id, file_id, version_id, version, name, kind, mime_type, visibility, created_at, updated_at)
     select v.tenant_id, v.file_id, v.id, 1, f.name, 'text', 'text/plain', 'internal', f.created_at, f.created_at
     from file_versions v join files f on f.id = v.file_id where v.tenant_id = $1`,
    [tenantId],
  );
  const keys = (await db.query('select storage_key from blobs where tenant_id = $1', [tenantId])).rows.map((r) => String(r.storage_key));
  const body = Buffer.alloc(600, 'a');
  mkdirSync(path.join(rootDir, 'tenants', tenantId, 'blobs'), { recursive: true });
  for (const key of keys) writeFileSync(path.join(rootDir, key), body);
  return tenantId;
}

interface PurgeRow extends Record<string, string | number> {
  engine: string;
  files_per_second: number;
  seconds: number;
  peak_rss: string;
  rss_growth: string;
  peak_heap: string;
}

async function measure(engine: 'pglite' | 'postgres'): Promise<PurgeRow> {
  const database = await testDatabase(import.meta.url, engine);
  const rootDir = mkdtempSync(path.join(os.tmpdir(), 'voicefiles-purge-bench-'));
  try {
    const tenantId = await seed(database.db, rootDir);
    const blobs = new LocalBlobStore({ rootDir, publicBaseUrl: () => 'http://127.0.0.1', signingKey: randomBytes(32) });
    global.gc?.();
    const baseRss = process.memoryUsage().rss;
    let peakRss = baseRss;
    let peakHeap = process.memoryUsage().heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 20);
    const started = now();
    const result = await runLifecycle({ store: new PostgresPurgeStore(database.db), blobs, logger: pino({ level: 'silent' }), batchSize: 200 });
    const seconds = (now() - started) / 1000;
    clearInterval(sampler);
    const left = readdirSync(path.join(rootDir, 'tenants', tenantId, 'blobs')).length;
    const liveFiles = Number((await database.db.query('select count(*)::int as n from files where tenant_id = $1', [tenantId])).rows[0]?.n);
    if (result.purgedFiles !== TRASHED || left !== LIVE || liveFiles !== LIVE) throw new Error(`unexpected result: ${JSON.stringify(result)}, ${left} blobs and ${liveFiles} files left`);
    const row: PurgeRow = {
      engine,
      files: result.purgedFiles,
      blobs_deleted: result.deletedBlobs,
      seconds: Number(seconds.toFixed(2)),
      files_per_second: Math.round(result.purgedFiles / seconds),
      peak_rss: mib(peakRss),
      rss_growth: mib(peakRss - baseRss),
      peak_heap: mib(peakHeap),
    };
    await database.cleanup(true);
    return row;
  } catch (error) {
    await database.cleanup(false);
    throw error;
  } finally {
    if (existsSync(rootDir)) rmSync(rootDir, { recursive: true, force: true });
  }
}

/** The section of `npm run bench` (key `purge`). */
export async function benchPurge(): Promise<Record<string, number | string>> {
  const rows = [await measure('pglite')];
  if (await postgresAvailable()) rows.push(await measure('postgres'));
  printTable('purge of 10,000 trashed files (batches of 200; 1,000 live files kept)', rows);
  const out: Record<string, number | string> = {};
  for (const row of rows) {
    out[`${row.engine} files/s`] = row.files_per_second;
    out[`${row.engine} seconds`] = row.seconds;
    out[`${row.engine} peak RSS`] = row.peak_rss;
    out[`${row.engine} RSS growth`] = row.rss_growth;
    out[`${row.engine} peak heap`] = row.peak_heap;
  }
  return out;
}
