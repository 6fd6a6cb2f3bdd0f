/**
 * Sessions: 1,000 concurrent authenticated WebSocket sessions held by one
 * server process (a child, so its memory is its own). Reports server memory per
 * session and `ping` latency across sessions while all are connected.
 */
import { execFileSync } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import {
  expectResult,
  initializeMcp,
  kib,
  latencyRow,
  mapLimit,
  median,
  mib,
  ms,
  now,
  openSocket,
  printTable,
  processMemory,
  rpcText,
  RoundTripper,
  sleep,
  startBenchServer,
  summarize,
  type BenchServer,
  type SectionReport,
} from './bench-kit.ts';

const SESSIONS = 1000;
const PINGS_PER_SESSION = 5;
/** Each round spreads one ping per session over this window (about 1,000 pings a second). */
const ROUND_MS = 1000;
const CONNECT_CONCURRENCY = 50;
const PER_SESSION_TARGET = 100 * 1024;

/** A port nobody listens on right now, for the server's inspector. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The server's V8 inspector (loopback only), used for one thing: a full garbage
 * collection before each memory reading, so that garbage left by earlier requests
 * does not count for or against the sessions.
 */
async function connectInspector(port: number): Promise<{ collectGarbage(): Promise<void>; close(): void }> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{ webSocketDebuggerUrl: string }>;
  const client = new RoundTripper(await openSocket(targets[0]?.webSocketDebuggerUrl ?? ''));
  let id = 1;
  return {
    async collectGarbage() {
      await client.send(JSON.stringify({ id: id++, method: 'HeapProfiler.collectGarbage' }));
    },
    close: () => client.ws.close(),
  };
}

/** RSS (median of a few samples) and JS heap in use, each right after a full collection. */
async function settledMemory(server: BenchServer, inspector: { collectGarbage(): Promise<void> }): Promise<{ rss: number; heap: number }> {
  await sleep(500);
  await inspector.collectGarbage();
  await inspector.collectGarbage();
  const heap = await server.metric('voicefiles_nodejs_heap_size_used_bytes');
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    samples.push(processMemory(server.pid).rss);
    await sleep(100);
  }
  return { rss: median(samples), heap };
}

export async function benchSessions(): Promise<SectionReport> {
  const fdLimit = execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
  const inspectorPort = await freePort();
  const server = await startBenchServer({ PIPELINE_WORKERS: 'false', WS_RATE_PER_SECOND: '100', WS_RATE_BURST: '200', NODE_OPTIONS: `--inspect=127.0.0.1:${inspectorPort}` });
  const clients: RoundTripper[] = [];
  let inspector: Awaited<ReturnType<typeof connectInspector>> | null = null;
  try {
    inspector = await connectInspector(inspectorPort);
    const tenant = await server.createTenant('bench-sessions');
    const wsUrl = `${server.url.replace(/^http/, 'ws')}/v1/agent`;
    const connect = async (token: string) => {
      const client = new RoundTripper(await openSocket(wsUrl, { token, protocols: ['mcp'] }));
      await initializeMcp(client);
      return client;
    };

    const minted = now();
    const tokens = await mapLimit(Array.from({ length: SESSIONS }, (_, i) => i), 16, (i) => server.sessionToken(tenant.apiKey, { role: 'staff', call_id: `bench-call-${i}` }));
    const mintMs = now() - minted;

    // Warm up: first upgrades, first dispatches, then close, so lazily loaded code is not counted per session.
    const warm = await mapLimit(tokens.slice(0, 10), 10, connect);
    for (const client of warm) await client.send(rpcText(1, 'ping'), expectResult);
    await Promise.all(warm.map((client) => new Promise((resolve) => client.ws.once('close', resolve).close())));
    const { rss: before, heap: heapBefore } = await settledMemory(server, inspector);

    const connecting = now();
    clients.push(...(await mapLimit(tokens, CONNECT_CONCURRENCY, connect)));
    const connectMs = now() - connecting;
    const { rss: after, heap: heapAfter } = await settledMemory(server, inspector);
    const open = await server.metric('voicefiles_agent_sessions');
    if (open !== SESSIONS) throw new Error(`server reports ${open} open sessions, expected ${SESSIONS}`);

    const latencies: number[] = [];
    let id = 1;
    for (let round = 0; round < PINGS_PER_SESSION; round++) {
      await Promise.all(
        clients.map(async (client) => {
          await sleep(Math.random() * ROUND_MS);
          latencies.push(await client.send(rpcText(id++, 'ping'), expectResult));
        }),
      );
    }
    const peak = processMemory(server.pid).hwm;
    const perSession = (after - before) / SESSIONS;
    const heapPerSession = (heapAfter - heapBefore) / SESSIONS;
    // RSS moves by whole pages and V8 may already hold spare heap, so judge by the larger figure.
    const judged = Math.max(perSession, heapPerSession);
    const s = summarize(latencies);
    printTable(`${SESSIONS} concurrent agent sessions in one server process (load generator fd limit ${fdLimit})`, [
      { step: `mint ${SESSIONS} session tokens (16 at a time)`, value: `${(mintMs / 1000).toFixed(1)} s` },
      { step: `open + initialize ${SESSIONS} sessions (${CONNECT_CONCURRENCY} at a time)`, value: `${(connectMs / 1000).toFixed(1)} s` },
      { step: 'server RSS before / with all sessions / peak (VmHWM)', value: `${mib(before)} / ${mib(after)} / ${mib(peak)}` },
      { step: 'server JS heap used before / with all sessions (after a full GC)', value: `${mib(heapBefore)} / ${mib(heapAfter)}` },
      { step: 'RSS per session', value: kib(perSession) },
      { step: 'JS heap per session', value: kib(heapPerSession) },
    ]);
    printTable(`ping across ${SESSIONS} connected sessions (${PINGS_PER_SESSION} each, spread over ${PINGS_PER_SESSION} x ${ROUND_MS} ms)`, [latencyRow('MCP ping', s)]);
    return {
      figures: [
        { name: `server memory per session, RSS (JS heap)`, value: `${kib(perSession)} (${kib(heapPerSession)})`, target: '< 100 KiB', ok: judged < PER_SESSION_TARGET },
        { name: `ping median / p99 with ${SESSIONS} sessions`, value: `${ms(s.median)} / ${ms(s.p99)}` },
      ],
    };
  } finally {
    for (const client of clients) client.ws.terminate();
    inspector?.close();
    await server.stop();
  }
}
