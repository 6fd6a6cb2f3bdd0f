/**
 * Helpers shared by the benchmarks: statistics, table printing, bounded
 * concurrency, server memory sampling and a server in its own process.
 * Benchmarks only report numbers; nothing here asserts a timing.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import WebSocket from 'ws';
import { createScratchDatabase } from '../support/scratch-database.ts';
import { startChildServer } from '../support/child-server.ts';
import { tcpReachable } from '../support/services.ts';

/** One measured figure for the closing summary; `ok` is undefined when the figure has no target. */
export interface BenchFigure {
  name: string;
  value: string;
  target?: string;
  ok?: boolean;
}

/** What a section of `npm run bench` hands back to the runner. */
export interface SectionReport {
  figures: BenchFigure[];
}

export interface Summary {
  n: number;
  min: number;
  mean: number;
  median: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of an ascending array (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export function median(samples: readonly number[]): number {
  return percentile([...samples].sort((a, b) => a - b), 50);
}

/** Count, extremes, mean and the usual percentiles of a sample. */
export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((total, x) => total + x, 0);
  return {
    n: sorted.length,
    min: sorted[0] ?? Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
    median: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** Milliseconds with precision that suits the magnitude. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value < 1 ? `${value.toFixed(3)} ms` : value < 100 ? `${value.toFixed(2)} ms` : `${Math.round(value)} ms`;
}

export function mib(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : 'n/a';
}

export function kib(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)} KiB` : 'n/a';
}

export function ratio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}x` : 'n/a';
}

/** Print rows as an aligned text table under a title. */
export function printTable(title: string, rows: ReadonlyArray<Record<string, string | number>>): void {
  console.log(`\n${title}`);
  if (rows.length === 0) {
    console.log('  (no rows)');
    return;
  }
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (row: Record<string, string | number>, column: string) => String(row[column] ?? '');
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => cell(row, column).length)));
  const line = (cells: string[]) => `  ${cells.map((text, i) => text.padEnd(widths[i] as number)).join('  ').trimEnd()}`;
  console.log(line(columns));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(line(columns.map((column) => cell(row, column))));
}

/** A latency summary as one table row (values in milliseconds). */
export function latencyRow(label: string, s: Summary): Record<string, string | number> {
  return { case: label, n: s.n, median: ms(s.median), p95: ms(s.p95), p99: ms(s.p99), max: ms(s.max) };
}

export const now = (): number => performance.now();

/** Run `fn` over `items` with at most `limit` calls in flight; results keep their order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export const sleep = (msToWait: number) => new Promise<void>((resolve) => setTimeout(resolve, msToWait));

/** Resident set size now and its high-water mark, in bytes, from /proc/<pid>/status (Linux). */
export function processMemory(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

/** Samples another process's RSS on a timer; `stop()` returns the samples in bytes. */
export function sampleRss(pid: number, everyMs = 50): { stop(): { samples: number[]; max: number } } {
  const samples: number[] = [processMemory(pid).rss];
  const timer = setInterval(() => samples.push(processMemory(pid).rss), everyMs);
  return {
    stop() {
      clearInterval(timer);
      samples.push(processMemory(pid).rss);
      return { samples, max: Math.max(...samples) };
    },
  };
}

/** A server in its own process (as `npm start` runs it), with the API calls a benchmark needs. */
export interface BenchServer {
  url: string;
  pid: number;
  dataDir: string;
  createTenant(slug: string): Promise<{ id: string; apiKey: string }>;
  sessionToken(apiKey: string, body?: Record<string, unknown>): Promise<string>;
  /** A Prometheus gauge or counter from GET /metrics (first sample of that name). */
  metric(name: string): Promise<number>;
  /** Stop the process; its data dir is removed unless `keepData`. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/** Start the server in a child process; logs at info are needed to learn its port and are discarded. */
export async function startBenchServer(env: Record<string, string> = {}): Promise<BenchServer> {
  const ownDir = env.VOICEFILES_DATA_DIR === undefined ? mkdtempSync(path.join(os.tmpdir(), 'voicefiles-bench-')) : null;
  const child = await startChildServer({ SHUTDOWN_GRACE_SECONDS: '1', ...(ownDir ? { VOICEFILES_DATA_DIR: ownDir } : {}), ...env }).catch((error: unknown) => {
    if (ownDir) rmSync(ownDir, { recursive: true, force: true });
    throw error;
  });
  child.logs.length = 0;
  child.process.stdout?.on('data', () => (child.logs.length = 0));
  const pid = child.process.pid as number;
  const json = async (route: string, auth: string, body: unknown, expect: number) => {
    const res = await fetch(`${child.url}${route}`, { method: 'POST', headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const parsed = (await res.json()) as Record<string, unknown>;
    if (res.status !== expect) throw new Error(`POST ${route} answered ${res.status}: ${JSON.stringify(parsed)}`);
    return parsed;
  };
  return {
    url: child.url,
    pid,
    dataDir: child.dataDir,
    async createTenant(slug) {
      const body = await json('/v1/tenants', child.masterKey, { slug, locale: 'en' }, 201);
      return { id: body.id as string, apiKey: body.api_key as string };
    },
    async sessionToken(apiKey, body = {}) {
      return (await json('/v1/sessions', apiKey, body, 201)).token as string;
    },
    async metric(name) {
      const text = await (await fetch(`${child.url}/metrics`)).text();
      return Number(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)`, 'm').exec(text)?.[1] ?? Number.NaN);
    },
    async stop(options = {}) {
      if (child.process.exitCode === null) {
        child.process.kill('SIGTERM');
        const killer = setTimeout(() => child.process.kill('SIGKILL'), 10_000);
        await child.exited;
        clearTimeout(killer);
      }
      if (!options.keepData) rmSync(child.dataDir, { recursive: true, force: true });
    },
  };
}

/** Admin connection of the local Postgres server, where benchmark databases are made and dropped. */
export const BENCH_ADMIN_URL = process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The role a benchmark server runs its requests as, as in production: not the tables' owner and
 * not a superuser, so row-level security applies (the admin URL's role owns the tables and runs
 * the migrations through DATABASE_MIGRATION_URL). A superuser would bypass the policies, and with
 * them their cost.
 */
export const BENCH_APP_ROLE = 'vf_bench_app';

/** Create BENCH_APP_ROLE on the server if missing (a login role without privileges; grants come from the server's start). */
export async function ensureBenchAppRole(): Promise<void> {
  const client = new pg.Client({ connectionString: BENCH_ADMIN_URL });
  await client.connect();
  try {
    await client.query(`do $$ begin
      if not exists (select 1 from pg_roles where rolname = '${BENCH_APP_ROLE}') then
        create role ${BENCH_APP_ROLE} login nosuperuser nobypassrls nocreaterole nocreatedb;
      end if;
    end $$`);
  } finally {
    await client.end();
  }
}

/** A server's database environment on `ownerUrl`: requests as BENCH_APP_ROLE, migrations as the owner. */
export function benchServerDatabaseEnv(ownerUrl: string): Record<string, string> {
  const app = new URL(ownerUrl);
  app.username = BENCH_APP_ROLE;
  app.password = '';
  return { DATABASE_URL: app.toString(), DATABASE_MIGRATION_URL: ownerUrl };
}

/** A fresh database on the Postgres server, or null when none answers; `drop()` removes it. */
export async function createBenchDatabase(): Promise<{ url: string; drop(): Promise<void> } | null> {
  const admin = new URL(BENCH_ADMIN_URL);
  if (!(await tcpReachable(admin.hostname, Number(admin.port || 5432)))) return null;
  return createScratchDatabase(BENCH_ADMIN_URL, 'vf_bench');
}

/** Open a WebSocket without compression (as our server and the echo baseline both run) and wait for it. */
export async function openSocket(url: string, options: { token?: string; protocols?: string[] } = {}): Promise<WebSocket> {
  const ws = new WebSocket(url, options.protocols ?? [], {
    perMessageDeflate: false,
    ...(options.token ? { headers: { authorization: `Bearer ${options.token}` } } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
  return ws;
}

/**
 * One request at a time over a socket: send a text frame, wait for the next
 * frame, parse it as JSON. The same code times our server and the echo
 * baseline, so client-side costs cancel out in the ratio.
 */
export class RoundTripper {
  private waiting: ((data: string) => void) | null = null;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const resolve = this.waiting;
      this.waiting = null;
      resolve?.(data.toString());
    });
  }

  /** Milliseconds from send to the parsed reply; `check` may reject a wrong reply. */
  async send(text: string, check?: (reply: Record<string, unknown>) => void): Promise<number> {
    const started = now();
    const reply = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no reply within 10 s')), 10_000);
      this.waiting = (data) => {
        clearTimeout(timer);
        resolve(data);
      };
    });
    this.ws.send(text);
    const parsed = JSON.parse(await reply) as Record<string, unknown>;
    const elapsed = now() - started;
    check?.(parsed);
    return elapsed;
  }
}

/** A JSON-RPC request text with a fixed-width id, so every frame has the same size. */
export function rpcText(id: number, method: string, params?: unknown): string {
  return JSON.stringify({ jsonrpc: '2.0', id: `r${String(id).padStart(7, '0')}`, method, ...(params === undefined ? {} : { params }) });
}

/** MCP initialize + initialized on a fresh agent socket. */
export async function initializeMcp(client: RoundTripper): Promise<void> {
  await client.send(rpcText(0, 'initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '0' } }), expectResult);
  client.ws.send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
}

/** Reply check: a JSON-RPC result, not an error. */
export function expectResult(reply: Record<string, unknown>): void {
  if (!('result' in reply)) throw new Error(`JSON-RPC error: ${JSON.stringify(reply.error ?? reply)}`);
}

const repoRoot = path.resolve(import.meta.dirname, '../..');

/**
 * A directory kept between runs under .bench-tmp/ (git-ignored), named by a hash of the
 * files it was built from (and of `extra`), so that a change to any of them builds it afresh. Older
 * builds of the same name are removed. `BENCH_FRESH=1` ignores what is there.
 */
export function cachedBuild(name: string, inputs: readonly string[], extra = ''): { dir: string; ready: boolean; markReady(): void } {
  const hash = createHash('sha256').update(extra);
  const walk = (file: string): void => {
    const full = path.resolve(repoRoot, file);
    if (statSync(full).isDirectory()) for (const entry of readdirSync(full).sort()) walk(path.join(file, entry));
    else hash.update(`${file}\0`).update(readFileSync(full));
  };
  for (const input of inputs) walk(input);
  const base = path.join(repoRoot, '.bench-tmp');
  const dir = path.join(base, `${name}-${hash.digest('hex').slice(0, 16)}`);
  const marker = path.join(dir, '.complete');
  const ready = process.env.BENCH_FRESH !== '1' && existsSync(marker);
  if (!ready) {
    mkdirSync(base, { recursive: true });
    for (const old of readdirSync(base).filter((entry) => entry.startsWith(`${name}-`))) rmSync(path.join(base, old), { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }
  return { dir, ready, markReady: () => writeFileSync(marker, new Date().toISOString()) };
}

let clockTicks: number | null = null;

/** CPU seconds (user + system) another process has used so far, from /proc/<pid>/stat (Linux). */
export function processCpuSeconds(pid: number): number {
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at field 3; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
}
