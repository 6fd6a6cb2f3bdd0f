/**
 * MCP over Streamable HTTP (/v1/mcp, JSON responses): `tools/call find` round trips against a
 * bare `node:http` JSON echo in the same run (both in their own process, the same client code,
 * keep-alive), and 500 concurrent sessions on one server process: memory per session and
 * `find` latency across them.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { createBenchDatabase, kib, latencyRow, mapLimit, mib, ms, now, printTable, processMemory, ratio, sleep, startBenchServer, summarize, type BenchServer, type SectionReport } from './bench-kit.ts';

const ROUND_TRIPS = 1000;
const WARM_UP = 150;
const BLOCK = 100;
const FILES = 60;
const SESSIONS = 500;
const FINDS_PER_SESSION = 4;
/** Each round spreads one find per session over this window (125 finds a second for 500 sessions). */
const ROUND_MS = 4000;
const QUERY = { query: 'the cue two report', limit: 3 };
const FAST = { WS_RATE_PER_SECOND: '10000', WS_RATE_BURST: '100000', MCP_MAX_CONNECTIONS_PER_TOKEN: '1000', MCP_MAX_SESSIONS: '2000', SCAN_POLICY: 'optional', CLAMAV_URL: 'tcp://127.0.0.1:9', TRANSCRIBER: 'none' };

const ECHO_SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: JSON.parse(Buffer.concat(chunks).toString()).id, result: {} });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 5000;
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
`;

async function startEcho(): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['-e', ECHO_SERVER], { cwd: path.resolve(import.meta.dirname, '../..'), stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve) => createInterface({ input: child.stdout }).once('line', (line) => resolve((JSON.parse(line) as { port: number }).port)));
  return { url: `http://127.0.0.1:${port}/`, stop: async () => (child.kill('SIGTERM'), exited) };
}

/** A tenant with FILES text files, findable (SCAN_POLICY=optional: they end `unscanned` and are indexed). */
async function seed(server: BenchServer): Promise<{ apiKey: string }> {
  const { apiKey } = await server.createTenant(`bench-http-${Date.now()}`);
  const ids = await mapLimit(Array.from({ length: FILES }, (_, i) => i), 8, async (i) => {
    const name = i % 3 === 0 ? `Q2 Report ${i}.txt` : `Minutes ${i}.txt`;
    const res = await fetch(`${server.url}/v1/files?name=${encodeURIComponent(name)}&visibility=public`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}` }, body: `Notes number ${i} about the second quarter.` });
    return ((await res.json()) as { file_id: string }).file_id;
  });
  for (const id of ids) {
    for (let tries = 0; ; tries++) {
      const file = (await (await fetch(`${server.url}/v1/files/${id}`, { headers: { authorization: `Bearer ${apiKey}` } })).json()) as { status: string };
      if (['ready', 'unscanned'].includes(file.status)) break;
      if (tries > 300) throw new Error(`file ${id} stayed ${file.status}`);
      await sleep(100);
    }
  }
  return { apiKey };
}

class McpHttpSession {
  private id = 1;
  private constructor(
    private readonly url: string,
    private readonly token: string,
    readonly sessionId: string,
  ) {}

  static async open(base: string, token: string): Promise<McpHttpSession> {
    const res = await fetch(`${base}/v1/mcp`, {
      method: 'POST',
      headers: McpHttpSession.headers(token),
      body: JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'bench', version: '0' } } }),
    });
    await res.text();
    const sessionId = res.headers.get('mcp-session-id');
    if (res.status !== 200 || !sessionId) throw new Error(`initialize answered ${res.status}`);
    const session = new McpHttpSession(`${base}/v1/mcp`, token, sessionId);
    await fetch(session.url, { method: 'POST', headers: session.sessionHeaders(), body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) }).then((r) => r.text());
    return session;
  }

  static headers(token: string): Record<string, string> {
    return { authorization: `Bearer ${token}`, accept: 'application/json, text/event-stream', 'content-type': 'application/json' };
  }

  sessionHeaders(): Record<string, string> {
    return { ...McpHttpSession.headers(this.token), 'mcp-session-id': this.sessionId, 'mcp-protocol-version': '2025-11-25' };
  }

  /** Milliseconds for one request's round trip; throws on a JSON-RPC error or a tool error. */
  async call(method: string, params?: unknown): Promise<number> {
    const body = JSON.stringify({ jsonrpc: '2.0', id: this.id++, method, ...(params ? { params } : {}) });
    const started = now();
    const res = await fetch(this.url, { method: 'POST', headers: this.sessionHeaders(), body });
    const reply = (await res.json()) as { result?: { isError?: boolean }; error?: unknown };
    const elapsed = now() - started;
    if (!reply.result || reply.result.isError) throw new Error(`${method} failed: ${JSON.stringify(reply)}`);
    return elapsed;
  }
}

async function echoRoundTrip(url: string, body: string): Promise<number> {
  const started = now();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await res.json();
  return now() - started;
}

/** tools/call find over Streamable HTTP vs a bare node:http JSON echo, and ping for the transport alone. */
export async function benchHttpFind(): Promise<SectionReport> {
  const echo = await startEcho();
  const server = await startBenchServer(FAST);
  try {
    const { apiKey } = await seed(server);
    const session = await McpHttpSession.open(server.url, await server.sessionToken(apiKey, { role: 'staff' }));
    const findBody = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'find', arguments: QUERY } });
    for (let i = 0; i < WARM_UP; i++) {
      await session.call('tools/call', { name: 'find', arguments: QUERY });
      await echoRoundTrip(echo.url, findBody);
    }
    const find: number[] = [];
    const ping: number[] = [];
    const bare: number[] = [];
    for (let done = 0; done < ROUND_TRIPS; done += BLOCK) {
      for (let i = 0; i < BLOCK; i++) bare.push(await echoRoundTrip(echo.url, findBody));
      for (let i = 0; i < BLOCK; i++) find.push(await session.call('tools/call', { name: 'find', arguments: QUERY }));
      for (let i = 0; i < BLOCK / 2; i++) ping.push(await session.call('ping'));
    }
    const [f, p, e] = [summarize(find), summarize(ping), summarize(bare)];
    printTable(`Streamable HTTP (JSON responses), ${ROUND_TRIPS} sequential round trips each, keep-alive, ${FILES} files`, [
      latencyRow('bare node:http JSON echo (baseline)', e),
      latencyRow('voicefiles MCP ping', p),
      latencyRow('voicefiles tools/call find', f),
    ]);
    console.log(`  ratio median find/echo = ${ratio(f.median / e.median)} (target <= 1.5x); ping/echo = ${ratio(p.median / e.median)}`);
    return {
      figures: [
        { name: 'HTTP tools/call find median vs node:http echo', value: `${ratio(f.median / e.median)} (${ms(f.median)} vs ${ms(e.median)})`, target: '<= 1.5x', ok: f.median / e.median <= 1.5 },
        { name: 'HTTP ping median vs node:http echo (transport alone)', value: ratio(p.median / e.median) },
        { name: 'HTTP tools/call find p99', value: ms(f.p99), target: '< 2 s', ok: f.p99 < 2000 },
      ],
    };
  } finally {
    await server.stop();
    await echo.stop();
  }
}

/** 500 Streamable HTTP sessions held at once: server memory per session, and find across all of them. */
export async function benchHttpSessions(): Promise<SectionReport> {
  // On the Postgres server when one answers (as deployed); PGlite otherwise (one query at a time).
  const database = await createBenchDatabase();
  const server = await startBenchServer({ ...FAST, ...(database ? { DATABASE_URL: database.url } : {}) });
  console.log(`  database: ${database ? 'PostgreSQL server' : 'PGlite (no Postgres server answered)'}`);
  try {
    const { apiKey } = await seed(server);
    const tokens = await mapLimit(Array.from({ length: SESSIONS }, (_, i) => i), 16, (i) => server.sessionToken(apiKey, { role: 'staff', call_id: `bench-http-${i}` }));
    const warm = await McpHttpSession.open(server.url, tokens[0] as string);
    await warm.call('tools/call', { name: 'find', arguments: QUERY });
    await sleep(1000);
    const before = processMemory(server.pid).rss;
    const opening = now();
    const sessions = await mapLimit(tokens, 25, (token) => McpHttpSession.open(server.url, token));
    const openMs = now() - opening;
    await sleep(1000);
    const after = processMemory(server.pid).rss;
    const latencies: number[] = [];
    for (let round = 0; round < FINDS_PER_SESSION; round++) {
      await Promise.all(
        sessions.map(async (session) => {
          await sleep(Math.random() * ROUND_MS);
          latencies.push(await session.call('tools/call', { name: 'find', arguments: QUERY }));
        }),
      );
    }
    const peak = processMemory(server.pid).hwm;
    const s = summarize(latencies);
    const perSession = (after - before) / SESSIONS;
    printTable(`${SESSIONS} concurrent Streamable HTTP sessions in one server process (${database ? 'Postgres' : 'PGlite'})`, [
      { step: `open + initialize ${SESSIONS} sessions (25 at a time)`, value: `${(openMs / 1000).toFixed(1)} s` },
      { step: 'server RSS before / with all sessions / peak', value: `${mib(before)} / ${mib(after)} / ${mib(peak)}` },
      { step: 'RSS per session', value: kib(perSession) },
    ]);
    printTable(`find across ${SESSIONS} sessions (${FINDS_PER_SESSION} each, about ${Math.round((SESSIONS * 1000) / ROUND_MS)} a second)`, [latencyRow('tools/call find', s)]);
    return {
      figures: [
        { name: `server RSS per Streamable HTTP session (${SESSIONS} open)`, value: kib(perSession) },
        { name: `find p95 / p99 with ${SESSIONS} sessions`, value: `${ms(s.p95)} / ${ms(s.p99)}`, target: 'p99 < 2 s', ok: s.p99 < 2000 },
      ],
    };
  } finally {
    await server.stop();
    await database?.drop();
  }
}
