/**
 * `find` at scale: 100,000 realistic files across 10 tenants (English and German) on the Postgres
 * server, and 10,000 on PGlite. Each spoken query is timed as a real WebSocket client sees it
 * (tools/call find over /v1/agent: normalising, the index, the catalog read, the spoken answer),
 * and the same SearchQuery the use case builds is run directly through PostgresSearchIndex on a
 * pool of its own, in the same run: the ratio of the two p95s is what the service adds.
 */
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PgDatabase } from '../../adapters/postgres/pg.database.ts';
import { PgliteDatabase } from '../../adapters/postgres/pglite.database.ts';
import { PostgresSearchIndex } from '../../adapters/search/postgres.search-index.ts';
import { spokenSearchQuery } from '../../src/app/find.use-case.ts';
import { PGLITE_RUNTIME_ROLE } from '../../adapters/postgres/database-roles.ts';
import {
  BENCH_ADMIN_URL, expectResult, initializeMcp, latencyRow, ms, now, openSocket, printTable, ratio, rpcText, RoundTripper, startBenchServer, summarize,
  type BenchFigure, type BenchServer, type SectionReport,
} from './bench-kit.ts';
import { tcpReachable } from '../support/services.ts';
import { appUrl, FILES_PER_TENANT, pgliteCorpus, serverCorpus, serverDatabaseEnv, SERVER_TENANTS, type CorpusTenant, type KeptCorpus } from './search-scale-corpus.ts';
import { BENCH_QUERIES, type BenchQuery } from './search-queries.ts';

/**
 * Timed rounds over every (tenant, query) pair, after a warm-up pass over all of them: a pair met
 * cold would charge reading its postings from disk to whichever side ran first.
 */
const ROUNDS = 3;
/** find's default, as a voice agent calls it. */
const LIMIT = 3;
const TARGETS = { 'Postgres server': { p95: 30 }, PGlite: { p95: 50 } } as const;
const OVERHEAD_TARGET = 1.5;
const FAST_SESSION_ENV = { WS_RATE_PER_SECOND: '10000', WS_RATE_BURST: '100000', PIPELINE_WORKERS: 'false' };

type Engine = keyof typeof TARGETS;

interface Case {
  tenant: CorpusTenant;
  query: BenchQuery;
}

interface Sample {
  ws: number[];
  direct: number[];
  results: number;
  first: string;
  directHits: number;
}

const log = (line: string) => console.log(line);
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

function ramDir(prefix: string): string {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return mkdtempSync(`/dev/shm/${prefix}`);
  } catch {
    return mkdtempSync(path.join(os.tmpdir(), prefix));
  }
}

/** One MCP session per tenant, as staff (who see every file of the tenant). */
async function agents(server: BenchServer, tenants: readonly CorpusTenant[]): Promise<Map<string, RoundTripper>> {
  const out = new Map<string, RoundTripper>();
  for (const tenant of tenants) {
    const token = await server.sessionToken(tenant.apiKey, { role: 'staff' });
    const client = new RoundTripper(await openSocket(`${server.url.replace(/^http/, 'ws')}/v1/agent`, { token, protocols: ['mcp'] }));
    await initializeMcp(client);
    out.set(tenant.id, client);
  }
  return out;
}

let rpcId = 1;
async function findOverWs(client: RoundTripper, text: string): Promise<{ ms: number; results: number; first: string }> {
  let results = 0;
  let first = '';
  const elapsed = await client.send(rpcText(rpcId++, 'tools/call', { name: 'find', arguments: { query: text } }), (reply) => {
    expectResult(reply);
    const result = reply.result as { isError?: boolean; structuredContent?: { results?: Array<{ name?: string }> } };
    if (result.isError) throw new Error(`find "${text}" failed: ${JSON.stringify(result.structuredContent)}`);
    results = result.structuredContent?.results?.length ?? 0;
    first = result.structuredContent?.results?.[0]?.name ?? '';
  });
  return { ms: elapsed, results, first };
}

/** The SearchQuery findFiles builds for a staff session of the tenant, run straight through the adapter. */
async function searchDirect(search: PostgresSearchIndex, tenant: CorpusTenant, text: string): Promise<{ ms: number; hits: number }> {
  const { query } = spokenSearchQuery(text, tenant.language, { tenantId: tenant.id, customerScope: null }, { limit: LIMIT, timeZone: 'UTC', now: new Date() });
  const started = now();
  const hits = await search.search(query);
  return { ms: now() - started, hits: hits.length };
}

function casesOf(tenants: readonly CorpusTenant[]): Case[] {
  return tenants.flatMap((tenant) => BENCH_QUERIES[tenant.language].map((query) => ({ tenant, query })));
}

function keyOf(c: Case): string {
  return `${c.tenant.language}\0${c.query.text}`;
}

function sampleFor(samples: Map<string, Sample>, c: Case): Sample {
  const key = keyOf(c);
  let sample = samples.get(key);
  if (!sample) samples.set(key, (sample = { ws: [], direct: [], results: 0, first: '', directHits: 0 }));
  return sample;
}

function report(engine: Engine, files: number, tenants: number, samples: Map<string, Sample>, corpus: KeptCorpus, cached: boolean, measuredLoad: string): BenchFigure[] {
  const rows = [...samples].map(([key, s]) => {
    const [language, text] = key.split('\0') as [string, string];
    const query = BENCH_QUERIES[language as 'en' | 'de'].find((q) => q.text === text)!;
    return { query, language, s, ws: summarize(s.ws), direct: summarize(s.direct) };
  });
  printTable(
    `find per query on ${engine} (${files.toLocaleString('en-US')} files, ${tenants} tenant(s); ${ROUNDS} rounds x tenants of the language)`,
    rows.map((r) => ({
      class: r.query.class, lang: r.language, query: r.query.text, results: r.s.results, 'first result': r.s.first.slice(0, 38),
      'ws p50': ms(r.ws.median), 'ws p95': ms(r.ws.p95), 'direct p50': ms(r.direct.median), 'direct p95': ms(r.direct.p95),
    })),
  );
  const classes = [...new Set(rows.map((r) => r.query.class))];
  printTable(
    `find per query class on ${engine}`,
    classes.map((cls) => {
      const ws = summarize(rows.filter((r) => r.query.class === cls).flatMap((r) => r.s.ws));
      const direct = summarize(rows.filter((r) => r.query.class === cls).flatMap((r) => r.s.direct));
      return { class: cls, n: ws.n, 'ws p50': ms(ws.median), 'ws p95': ms(ws.p95), 'ws p99': ms(ws.p99), 'direct p95': ms(direct.p95), 'p95 ratio': ratio(ws.p95 / direct.p95) };
    }),
  );
  const ws = summarize(rows.flatMap((r) => r.s.ws));
  const direct = summarize(rows.flatMap((r) => r.s.direct));
  printTable(`find on ${engine}: WebSocket round trip against the same search run directly (load average ${measuredLoad})`, [
    latencyRow('search run directly (PostgresSearchIndex.search)', direct),
    latencyRow('find over /v1/agent (WebSocket)', ws),
  ]);
  const overhead = ws.p95 / direct.p95;
  const worst = rows.reduce((a, b) => (b.ws.p95 > a.ws.p95 ? b : a));
  console.log(`  overhead p95(ws)/p95(direct) = ${ratio(overhead)} (target < ${OVERHEAD_TARGET}x); p50 ratio ${ratio(ws.median / direct.median)}`);
  console.log(`  worst query by ws p95: "${worst.query.text}" (${worst.query.class}, ${worst.language}) ${ms(worst.ws.p95)}, direct ${ms(worst.direct.p95)}`);
  const target = TARGETS[engine].p95;
  const label = `${engine}, ${files / 1000}k files`;
  return [
    { name: `corpus (${label})`, value: `${cached ? 'kept from an earlier run' : 'built now'}, build ${corpus.buildSeconds.toFixed(0)} s` },
    { name: `find ws p50 / p99 (${label})`, value: `${ms(ws.median)} / ${ms(ws.p99)}` },
    { name: `find ws p95 (${label})`, value: ms(ws.p95), target: `< ${target} ms`, ok: ws.p95 < target },
    { name: `same search direct p50 / p95 / p99 (${label})`, value: `${ms(direct.median)} / ${ms(direct.p95)} / ${ms(direct.p99)}` },
    { name: `overhead ws p95 / direct p95 (${label})`, value: ratio(overhead), target: `< ${OVERHEAD_TARGET}x`, ok: overhead < OVERHEAD_TARGET },
    { name: `worst query ws p95 (${label})`, value: `${ms(worst.ws.p95)} "${worst.query.text}" (direct ${ms(worst.direct.p95)})`, target: `< ${target} ms`, ok: worst.ws.p95 < target },
    { name: `load average at measurement (${engine})`, value: measuredLoad },
  ];
}

/** The server: WebSocket and direct calls interleaved, alternating which goes first. */
async function onServer(): Promise<BenchFigure[]> {
  const admin = new URL(BENCH_ADMIN_URL);
  if (!(await tcpReachable(admin.hostname, Number(admin.port || 5432)))) return [{ name: 'find on Postgres server', value: 'skipped (not reachable)' }];
  const { corpus, cached } = await serverCorpus(log);
  const server = await startBenchServer({ ...FAST_SESSION_ENV, ...serverDatabaseEnv(), VOICEFILES_ROOT_KEY: corpus.rootKey, VOICEFILES_ADMIN_TOKEN: corpus.adminToken });
  // The server's own runtime role, so row-level security applies to the direct run as it does to find.
  const db = new PgDatabase({ connectionString: appUrl(), maxConnections: 2 });
  try {
    const search = new PostgresSearchIndex(db);
    const clients = await agents(server, corpus.tenants);
    const cases = casesOf(corpus.tenants);
    const samples = new Map<string, Sample>();
    let measuredLoad = '';
    for (let round = -1; round < ROUNDS; round++) {
      if (round === 0) measuredLoad = load();
      for (const c of cases) {
        const runWs = () => findOverWs(clients.get(c.tenant.id)!, c.query.text);
        const runDirect = () => searchDirect(search, c.tenant, c.query.text);
        const [w, d] = round % 2 === 0 ? [await runWs(), await runDirect()] : await runDirect().then(async (d) => [await runWs(), d] as const);
        if (round < 0) continue;
        const sample = sampleFor(samples, c);
        sample.ws.push(w.ms);
        sample.direct.push(d.ms);
        sample.results = w.results;
        sample.first ||= w.first;
        sample.directHits = d.hits;
      }
    }
    for (const client of clients.values()) client.ws.close();
    return report('Postgres server', SERVER_TENANTS * FILES_PER_TENANT, SERVER_TENANTS, samples, corpus, cached, measuredLoad);
  } finally {
    await db.close();
    await server.stop();
  }
}

/** PGlite is one process's database: the direct runs first (in this process), then the server on the same data. */
async function onPglite(): Promise<BenchFigure[]> {
  const dataDir = ramDir('voicefiles-bench-scale-');
  let server: BenchServer | null = null;
  try {
    const { corpus, cached } = await pgliteCorpus(dataDir, log);
    const cases = casesOf(corpus.tenants);
    const samples = new Map<string, Sample>();
    let measuredLoad = load();
    const db = await PgliteDatabase.open(path.join(dataDir, 'pglite'));
    try {
      // As the server runs its requests: as the runtime role, under row-level security.
      await db.assumeRole(PGLITE_RUNTIME_ROLE);
      const search = new PostgresSearchIndex(db);
      for (let round = -1; round < ROUNDS * 2; round++) {
        for (const c of cases) {
          const d = await searchDirect(search, c.tenant, c.query.text);
          if (round >= 0) sampleFor(samples, c).direct.push(d.ms);
        }
      }
    } finally {
      await db.close();
    }
    server = await startBenchServer({ ...FAST_SESSION_ENV, VOICEFILES_DATA_DIR: dataDir, VOICEFILES_ROOT_KEY: corpus.rootKey, VOICEFILES_ADMIN_TOKEN: corpus.adminToken });
    const clients = await agents(server, corpus.tenants);
    measuredLoad = `${measuredLoad} (direct), ${load()} (ws)`;
    for (let round = -1; round < ROUNDS * 2; round++) {
      for (const c of cases) {
        const w = await findOverWs(clients.get(c.tenant.id)!, c.query.text);
        if (round < 0) continue;
        const sample = sampleFor(samples, c);
        sample.ws.push(w.ms);
        sample.results = w.results;
        sample.first ||= w.first;
      }
    }
    for (const client of clients.values()) client.ws.close();
    return report('PGlite', FILES_PER_TENANT, 1, samples, corpus, cached, measuredLoad);
  } finally {
    if (server) await server.stop();
    else rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `npm run bench -- --only=search-scale` (both engines), `--only=search-server` or `--only=search-pglite`. */
export async function benchSearchScale(engines: readonly Engine[] = ['Postgres server', 'PGlite']): Promise<SectionReport> {
  const figures: BenchFigure[] = [];
  console.log(`  load average at start ${load()}`);
  if (engines.includes('Postgres server')) figures.push(...(await onServer()));
  if (engines.includes('PGlite')) figures.push(...(await onPglite()));
  return { figures };
}
