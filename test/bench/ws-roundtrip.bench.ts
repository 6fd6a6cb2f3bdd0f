/**
 * Tool call round trip. MCP `ping` over /v1/agent against a bare `ws` echo
 * server (both in their own process, compression off, same frame size), then
 * `find` latency with 10,000 files in one tenant, on PGlite and on the Postgres
 * server when one answers.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { accessSync, constants, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { PgDatabase } from '../../adapters/postgres/pg.database.ts';
import { PgliteDatabase } from '../../adapters/postgres/pglite.database.ts';
import { PostgresFileCatalog } from '../../adapters/postgres/postgres.file-catalog.ts';
import { InProcessEventBus } from '../../adapters/events/in-process.event-bus.ts';
import { PostgresProcessingStore } from '../../adapters/postgres/postgres.processing-store.ts';
import { PostgresSearchIndex } from '../../adapters/search/postgres.search-index.ts';
import { indexFileVersion } from '../../src/app/index-file.ts';
import { ACCEPTED_TYPES, extensionOf } from '../../src/domain/file-types.ts';
import { blobKeyFor } from '../../src/ports/blob-store.port.ts';
import type { Database } from '../../src/ports/database.port.ts';
import {
  benchServerDatabaseEnv,
  cachedBuild,
  createBenchDatabase,
  ensureBenchAppRole,
  expectResult,
  initializeMcp,
  latencyRow,
  mapLimit,
  median,
  ms,
  now,
  openSocket,
  printTable,
  ratio,
  rpcText,
  RoundTripper,
  startBenchServer,
  summarize,
  type BenchFigure,
  type BenchServer,
  type SectionReport,
} from './bench-kit.ts';

const ROUND_TRIPS = 2000;
const WARM_UP = 300;
/** Measured in alternating blocks so that drift (CPU frequency, GC) hits both sides alike. */
const BLOCK = 250;
const FILES = 10_000;
const FIND_CALLS = 600;
const FIND_WARM_UP = 60;
const SEED_CONCURRENCY = 16;
/** Small uploads timed over HTTP, for the intake rate of small files. */
const HTTP_SAMPLE = 200;

/** Generous limits: the benchmark measures latency, not the rate limiter. */
const FAST_SESSION_ENV = { WS_RATE_PER_SECOND: '10000', WS_RATE_BURST: '100000', PIPELINE_WORKERS: 'false' };

const ECHO_SERVER = `
const { WebSocketServer } = require('ws');
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
wss.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
wss.on('listening', () => console.log(JSON.stringify({ port: wss.address().port })));
`;

/** The baseline: a bare ws echo server in its own process. */
async function startEchoServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['-e', ECHO_SERVER], { cwd: path.resolve(import.meta.dirname, '../..'), stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
    void exited.then(() => reject(new Error('echo server exited')));
  });
  return {
    url: `ws://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function connectAgent(server: BenchServer, apiKey: string, session: Record<string, unknown> = {}): Promise<RoundTripper> {
  const token = await server.sessionToken(apiKey, session);
  const client = new RoundTripper(await openSocket(`${server.url.replace(/^http/, 'ws')}/v1/agent`, { token, protocols: ['mcp'] }));
  await initializeMcp(client);
  return client;
}

/** MCP ping against the echo baseline: N sequential round trips each, after warm-up. */
export async function benchPing(): Promise<SectionReport> {
  const echo = await startEchoServer();
  const server = await startBenchServer(FAST_SESSION_ENV);
  try {
    const tenant = await server.createTenant('bench-ping');
    const ours = await connectAgent(server, tenant.apiKey);
    const bare = new RoundTripper(await openSocket(echo.url));
    let id = 1;
    const ping = () => rpcText(id++, 'ping');
    for (let i = 0; i < WARM_UP; i++) {
      await ours.send(ping(), expectResult);
      await bare.send(ping());
    }
    const oursMs: number[] = [];
    const echoMs: number[] = [];
    for (let done = 0; done < ROUND_TRIPS; done += BLOCK) {
      for (let i = 0; i < BLOCK; i++) echoMs.push(await bare.send(ping()));
      for (let i = 0; i < BLOCK; i++) oursMs.push(await ours.send(ping(), expectResult));
    }
    ours.ws.close();
    bare.ws.close();
    const o = summarize(oursMs);
    const e = summarize(echoMs);
    const frame = Buffer.byteLength(ping());
    printTable(`MCP ping round trip, ${ROUND_TRIPS} sequential each, ${frame}-byte frames, loopback`, [
      latencyRow('bare ws echo (baseline)', e),
      latencyRow('voicefiles MCP ping', o),
    ]);
    const r = o.median / e.median;
    console.log(`  ratio median(ours)/median(echo) = ${ratio(r)} (target <= 1.5x); p95 ratio ${ratio(o.p95 / e.p95)}`);
    return {
      figures: [
        { name: 'ping median (echo baseline)', value: `${ms(o.median)} (${ms(e.median)})` },
        { name: 'ping p95 (echo baseline)', value: `${ms(o.p95)} (${ms(e.p95)})` },
        { name: 'ping median ratio ours/echo', value: ratio(r), target: '<= 1.5x', ok: r <= 1.5 },
      ],
    };
  } finally {
    await server.stop();
    await echo.stop();
  }
}

/**
 * A data dir in RAM (/dev/shm) when there is one, so that preparing 10,000 files costs
 * CPU rather than disk flushes; queries read from memory either way once warm.
 */
function findDataDir(): string {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return mkdtempSync('/dev/shm/voicefiles-bench-find-');
  } catch {
    return mkdtempSync(path.join(os.tmpdir(), 'voicefiles-bench-find-'));
  }
}

/** `find` latency with 10,000 files in one tenant: PGlite, then the Postgres server if reachable. */
export async function benchFind(): Promise<SectionReport> {
  const figures: BenchFigure[] = [];
  figures.push(...(await findOn('PGlite', null)));
  const database = await createBenchDatabase().catch((error: unknown) => {
    console.log(`\n  Postgres server: could not create a database (${(error as Error).message}); skipped`);
    return null;
  });
  if (!database) {
    figures.push({ name: 'find on Postgres server', value: 'skipped (not reachable)' });
    return { figures };
  }
  try {
    figures.push(...(await findOn('Postgres server', database.url)));
  } finally {
    await database.drop();
  }
  return { figures };
}

/**
 * Small uploads over HTTP into a tenant of their own: the rate at which the API takes
 * them (no pipeline workers), which is why the 10,000 files are written through the adapters.
 */
async function httpIntakeRate(server: BenchServer): Promise<number> {
  const { apiKey } = await server.createTenant(`bench-http-${randomBytes(3).toString('hex')}`);
  const started = now();
  await mapLimit(Array.from({ length: HTTP_SAMPLE }, (_, i) => i), SEED_CONCURRENCY, async (i) => {
    const { name, body } = corpusFile(FILES + i);
    const res = await fetch(`${server.url}/v1/files?${new URLSearchParams({ name })}`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}` }, body });
    if (res.status !== 201) throw new Error(`upload of ${name} answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
  });
  return HTTP_SAMPLE / ((now() - started) / 1000);
}

/**
 * Write the corpus as the pipeline would leave it, through the same adapters the server
 * uses: intake recorded, version ready with its text, search document indexed.
 */
async function seedThroughAdapters(db: Database, tenantId: string, concurrency: number): Promise<number> {
  const files = new PostgresFileCatalog(db);
  // Seeding queues nothing: a stand-in for the job queue, and an in-process bus nobody hears.
  const store = new PostgresProcessingStore(db, { jobs: { sendInTransaction: async () => undefined }, events: new InProcessEventBus() });
  const search = new PostgresSearchIndex(db);
  const started = now();
  try {
    await mapLimit(Array.from({ length: FILES }, (_, i) => i), concurrency, async (i) => {
      const { name, body } = corpusFile(i);
      const extension = extensionOf(name);
      const type = ACCEPTED_TYPES[extension];
      if (!type) throw new Error(`corpus file ${name} has no accepted type`);
      const blobId = randomUUID();
      const { file, version } = await files.recordIntake({
        tenantId,
        name,
        customerId: null,
        visibility: i % 5 === 0 ? 'public' : 'internal',
        blob: { id: blobId, sha256: createHash('sha256').update(body).digest('hex'), size: Buffer.byteLength(body), storageKey: blobKeyFor(tenantId, blobId) },
        mimeType: type.mime,
        extension,
        kind: type.kind,
      });
      await store.moveVersion({
        tenantId,
        versionId: version.id,
        from: ['stored'],
        to: 'ready',
        text: body,
        audit: { tenantId, actor: 'bench', role: 'system', action: 'version.ready', target: file.id, outcome: 'ok' },
        event: { type: 'version.status', tenantId, data: { version_id: version.id, status: 'ready' } },
      });
      await indexFileVersion(search, file, version, body);
    });
  } finally {
    await db.close();
  }
  return now() - started;
}

/** What the PGlite corpus is built from: a change to any of these builds it afresh. */
const CORPUS_INPUTS = ['adapters/postgres', 'adapters/search', 'src/app/index-file.ts', 'src/domain', 'node_modules/@electric-sql/pglite/package.json'];
/** Bump when seedThroughAdapters writes differently; the corpus itself is hashed too. */
const SEED_VERSION = 'seed-v2';

interface Corpus {
  tenant: { id: string; apiKey: string };
  seedMs: number;
  /** True when the data came from an earlier run's build in .bench-tmp/. */
  cached: boolean;
}

/**
 * PGlite is one process's database: start the server once to create the tenant, stop it,
 * write the corpus from here, and keep the result for later runs (it takes a minute or more).
 * Copies the data into `env`'s data dir and sets the master key it was made with.
 */
async function pgliteCorpus(env: Record<string, string>): Promise<Corpus> {
  const corpus = Array.from({ length: FILES }, (_, i) => corpusFile(i).name + corpusFile(i).body).join('\n');
  const cache = cachedBuild('find-pglite', CORPUS_INPUTS, `${SEED_VERSION}\n${corpus}`);
  const seedFile = path.join(cache.dir, 'seed.json');
  const dataDir = env.VOICEFILES_DATA_DIR as string;
  if (!cache.ready) {
    const server = await startBenchServer(env);
    const tenant = await server.createTenant('bench-find');
    await server.stop({ keepData: true });
    const seedMs = await seedThroughAdapters(await PgliteDatabase.open(path.join(dataDir, 'pglite')), tenant.id, 4);
    cpSync(dataDir, path.join(cache.dir, 'data'), { recursive: true });
    writeFileSync(seedFile, JSON.stringify({ tenant, seedMs, masterKey: env.VOICEFILES_MASTER_KEY }));
    cache.markReady();
    return { tenant, seedMs, cached: false };
  }
  const seed = JSON.parse(readFileSync(seedFile, 'utf8')) as { tenant: Corpus['tenant']; seedMs: number; masterKey: string };
  cpSync(path.join(cache.dir, 'data'), dataDir, { recursive: true });
  env.VOICEFILES_MASTER_KEY = seed.masterKey;
  return { tenant: seed.tenant, seedMs: seed.seedMs, cached: true };
}

async function postgresCorpus(server: BenchServer, databaseUrl: string): Promise<Corpus> {
  const tenant = await server.createTenant('bench-find');
  const seedMs = await seedThroughAdapters(new PgDatabase({ connectionString: databaseUrl, maxConnections: SEED_CONCURRENCY }), tenant.id, SEED_CONCURRENCY);
  return { tenant, seedMs, cached: false };
}

/** Issue 8's targets for find's p95: under 50 ms on PGlite, under 30 ms on a Postgres server. */
const FIND_P95_TARGET_MS = { PGlite: 50, 'Postgres server': 30 } as const;

async function findOn(engine: keyof typeof FIND_P95_TARGET_MS, databaseUrl: string | null): Promise<BenchFigure[]> {
  const env: Record<string, string> = {
    ...FAST_SESSION_ENV,
    VOICEFILES_DATA_DIR: findDataDir(),
    VOICEFILES_MASTER_KEY: randomBytes(32).toString('base64url'),
    // Requests as a non-owner role, so row-level security costs what it costs in production.
    ...(databaseUrl ? benchServerDatabaseEnv(databaseUrl) : {}),
  };
  let server: BenchServer | null = null;
  try {
    let corpus: Corpus;
    if (databaseUrl) {
      await ensureBenchAppRole();
      server = await startBenchServer(env);
      corpus = await postgresCorpus(server, databaseUrl);
    } else {
      corpus = await pgliteCorpus(env);
      server = await startBenchServer(env);
    }
    const { tenant } = corpus;
    const httpRate = await httpIntakeRate(server);
    const seeding = corpus.cached ? 'in an earlier run (kept in .bench-tmp/; BENCH_FRESH=1 rebuilds)' : 'now';
    console.log(`\n  ${engine}: ${FILES} files written through the adapters in ${(corpus.seedMs / 1000).toFixed(1)} s, ${seeding}`);
    console.log(`  ${HTTP_SAMPLE} small uploads over HTTP: ${httpRate.toFixed(0)} files/s (${SEED_CONCURRENCY} at a time); data dir ${env.VOICEFILES_DATA_DIR}`);

    // Staff see every file of the tenant; a caller would see only public ones.
    const client = await connectAgent(server, tenant.apiKey, { role: 'staff' });
    let id = 1;
    const hits = new Map<string, { count: number; first: string }>();
    const find = (query: string) =>
      client.send(rpcText(id++, 'tools/call', { name: 'find', arguments: { query } }), (reply) => {
        expectResult(reply);
        const result = reply.result as { isError?: boolean; structuredContent?: { results?: Array<{ name?: string }> } };
        if (result.isError) throw new Error(`find "${query}" failed: ${JSON.stringify(result.structuredContent)}`);
        const results = result.structuredContent?.results ?? [];
        hits.set(query, { count: results.length, first: results[0]?.name ?? '' });
      });
    for (let i = 0; i < FIND_WARM_UP; i++) await find(SPOKEN_QUERIES[i % SPOKEN_QUERIES.length] as string);
    const all: number[] = [];
    const byQuery = new Map<string, number[]>();
    for (let i = 0; i < FIND_CALLS; i++) {
      const query = SPOKEN_QUERIES[i % SPOKEN_QUERIES.length] as string;
      const elapsed = await find(query);
      all.push(elapsed);
      byQuery.set(query, [...(byQuery.get(query) ?? []), elapsed]);
    }
    client.ws.close();
    printTable(
      `find per query on ${engine} (${FILES} files, ${FIND_CALLS} calls in all)`,
      [...byQuery].map(([query, samples]) => ({ query, results: hits.get(query)?.count ?? 0, 'first result': hits.get(query)?.first ?? '', median: ms(median(samples)), p95: ms(summarize(samples).p95) })),
    );
    const s = summarize(all);
    printTable(`find round trip over /v1/agent on ${engine}`, [latencyRow(`find, ${SPOKEN_QUERIES.length} spoken queries`, s)]);
    return [
      { name: `small uploads over HTTP (${engine})`, value: `${httpRate.toFixed(0)} files/s` },
      { name: `write ${FILES} files through adapters (${engine})`, value: `${(corpus.seedMs / 1000).toFixed(1)} s${corpus.cached ? ' (cached)' : ''}` },
      { name: `find p50 / p99 (${engine})`, value: `${ms(s.median)} / ${ms(s.p99)}` },
      { name: `find p95 (${engine})`, value: ms(s.p95), target: `< ${FIND_P95_TARGET_MS[engine]} ms`, ok: s.p95 < FIND_P95_TARGET_MS[engine] },
    ];
  } finally {
    if (server) await server.stop();
    else rmSync(env.VOICEFILES_DATA_DIR as string, { recursive: true, force: true });
  }
}

/** What callers say, as a recogniser writes it: numbers as words, fillers, misspelt names. */
const SPOKEN_QUERIES = [
  'the q two financial report',
  'invoice forty four seventy one',
  'could you pull up the contract with schmit',
  'um the meeting notes from miller',
  'the budget spreadsheet for twenty twenty five',
  'angebot mueller',
  'the acme n d a',
  'sales pipeline q three',
  'johnsen meeting notes',
  'hoffman contract',
  'uh invoice for globex',
  'marketing report second quarter',
];

const SURNAMES = ['Schmidt', 'Müller', 'Meier', 'Smith', 'Johnson', 'Williams', 'Brown', 'Garcia', 'Miller', 'Davis', 'Weber', 'Wagner', 'Becker', 'Hoffmann', 'Schulz', 'Koch', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Taylor', 'Anderson', 'Thomas'];
const COMPANIES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark', 'Wayne', 'Wonka', 'Tyrell', 'Cyberdyne', 'Soylent', 'Vandelay'];
const DEPARTMENTS = ['Financial', 'Sales', 'Marketing', 'Operations', 'HR', 'Legal', 'Support'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The i-th file of a realistic mixed corpus: a name from one of several templates and distinct small text. */
function corpusFile(i: number): { name: string; body: string } {
  const pick = <T>(list: readonly T[], salt: number) => list[(i * 7 + salt * 13 + Math.floor(i / list.length)) % list.length] as T;
  // Vary by round of templates, not by i: i % 8 picks the template, so i % 4 would fix the quarter per template.
  const round = Math.floor(i / 8);
  const year = 2019 + (round % 7);
  const quarter = 1 + (round % 4);
  const names = [
    `Q${quarter} ${pick(DEPARTMENTS, 1)} Report ${year}.txt`,
    `Invoice ${1000 + Math.floor(i / 8) * 3} ${pick(COMPANIES, 2)}.txt`,
    `Contract ${pick(SURNAMES, 3)} ${pick(COMPANIES, 4)}.md`,
    `Meeting notes ${pick(SURNAMES, 5)} ${pick(MONTHS, 6)} ${1 + (round % 28)}.txt`,
    `Budget ${year} ${pick(DEPARTMENTS, 7)}.csv`,
    `Angebot ${pick(SURNAMES, 8)} ${pick(COMPANIES, 9)}.txt`,
    `${pick(COMPANIES, 10)} NDA ${year}.txt`,
    `Sales pipeline Q${quarter} ${year}.csv`,
  ];
  const name = names[i % names.length] as string;
  const body = name.endsWith('.csv')
    ? `item,amount\nline ${i},${(i * 31) % 1000}\n${pick(SURNAMES, 11)},${i % 97}\n`
    : `Document ${i}: ${name.replace(/\.\w+$/, '')}. Prepared by ${pick(SURNAMES, 12)} for ${pick(COMPANIES, 13)} in ${pick(MONTHS, 14)} ${year}. Figures moved ${i % 41} percent.\n`;
  return { name, body };
}
