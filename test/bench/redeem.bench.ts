/**
 * Redemption of spoken download codes (issue 9): p95 of `POST /c/<tenant>/<code>` (throttle
 * buckets, the keyed-hash look-up, the use counted with its audit event in one transaction,
 * a presigned URL minted) under 200 concurrent clients, against serving the static `/c` page
 * from the same server in the same run. The server runs in its own process (as `npm start`),
 * on the Postgres server when one answers, else on PGlite, with a real clamd (shared files
 * must be `ready`).
 */
import { startClamd } from '../support/clamd.ts';
import { McpTestClient } from '../support/mcp-client.ts';
import { createBenchDatabase, latencyRow, now, printTable, ratio, startBenchServer, summarize } from './bench-kit.ts';

const CLIENTS = Number(process.env.BENCH_REDEEM_CLIENTS ?? 200);
/** Rounds of CLIENTS concurrent requests; each code allows three redemptions, one per round. */
const ROUNDS = 3;
/**
 * Every attempt reserves a token in the tenant's and the address's bucket before its look-up (a
 * live code gives it back), so a bucket's burst is also how many attempts may be in flight at
 * once. 200 clients on one address and one tenant need a burst above 200: 250 keeps the
 * guessing bound at (250 + 60 x 24) x 6 x 1,000 / 409^5 = 8.8e-7, so the server still starts.
 */
const THROTTLES = { CODE_THROTTLE_PER_TENANT: '60/3600/250', CODE_THROTTLE_PER_ADDRESS: '10/900/250' };

export async function benchRedeem(): Promise<Record<string, number | string>> {
  const clamd = await startClamd();
  const database = await createBenchDatabase();
  const server = await startBenchServer({
    CLAMAV_URL: clamd.url, WS_RATE_PER_SECOND: '5000', WS_RATE_BURST: '10000', AUTH_FAILURE_BURST: '100000', HTTP_MAX_CONNECTIONS: '5000', ...THROTTLES, ...(process.env.BENCH_REDEEM_POOL ? { DATABASE_POOL_SIZE: process.env.BENCH_REDEEM_POOL } : {}),
    ...(database ? { DATABASE_URL: database.url } : {}),
  });
  try {
    const { apiKey } = await server.createTenant('bench-codes');
    const uploaded = await fetch(`${server.url}/v1/files?name=${encodeURIComponent('Q2 Financial Report.txt')}&visibility=public`, {
      method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/octet-stream' }, body: 'Revenue grew by twelve percent in the second quarter.\n',
    });
    const fileId = ((await uploaded.json()) as { file_id: string }).file_id;
    for (const deadline = Date.now() + 60_000; ; ) {
      const status = ((await (await fetch(`${server.url}/v1/files/${fileId}`, { headers: { authorization: `Bearer ${apiKey}` } })).json()) as { status: string }).status;
      if (status === 'ready') break;
      if (Date.now() > deadline || ['infected', 'rejected', 'failed', 'unscanned'].includes(status)) throw new Error(`the file ended ${status}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // One code per client, each made by the whole spoken flow (question, then a yes).
    const token = await server.sessionToken(apiKey, { role: 'caller', scopes: ['read', 'share'] });
    const ws = await McpTestClient.connect(server.url, token);
    await ws.initialize();
    const links: string[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const asked = await ws.callTool('share', { file_id: fileId });
      const done = await ws.callTool('share', { file_id: fileId, confirmation_token: asked.data.confirmation_token, utterance: 'yes' });
      links.push(done.data.short_link as string);
    }
    await ws.close();

    const staticPage = `${server.url}/c`;
    const timed = async (url: string, init: RequestInit, expect: number): Promise<number> => {
      const started = now();
      const res = await fetch(url, init);
      await res.arrayBuffer();
      if (res.status !== expect) throw new Error(`${init.method ?? 'GET'} ${url} answered ${res.status}`);
      return now() - started;
    };
    // Warm both paths up (connections, JIT, plans).
    await Promise.all(Array.from({ length: 50 }, () => timed(staticPage, {}, 200)));
    await Promise.all(links.slice(0, 20).map((link) => timed(link, {}, 200)));
    const pageSamples: number[] = [];
    const redeemSamples: number[] = [];
    const viewSamples: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      pageSamples.push(...(await Promise.all(Array.from({ length: CLIENTS }, () => timed(staticPage, {}, 200)))));
      viewSamples.push(...(await Promise.all(links.map((link) => timed(link, {}, 200)))));
      redeemSamples.push(...(await Promise.all(links.map((link) => timed(link, { method: 'POST', redirect: 'manual' }, 303)))));
    }
    const page = summarize(pageSamples);
    const view = summarize(viewSamples);
    const redeem = summarize(redeemSamples);
    printTable(`code redemption, ${CLIENTS} concurrent clients x ${ROUNDS} rounds (${database ? 'PostgreSQL server' : 'PGlite'})`, [
      latencyRow('GET /c (static page, same server)', page),
      latencyRow('GET /c/<tenant>/<code> (look-up, uses nothing)', view),
      latencyRow('POST /c/<tenant>/<code> (redeem, audit, presign)', redeem),
    ]);
    console.log(`POST p95 / static p95: ${ratio(redeem.p95 / page.p95)}`);
    return {
      engine: database ? 'postgres' : 'pglite', clients: CLIENTS, rounds: ROUNDS, tenant_throttle: THROTTLES.CODE_THROTTLE_PER_TENANT,
      static_p50_ms: page.median, static_p95_ms: page.p95,
      view_p50_ms: view.median, view_p95_ms: view.p95,
      redeem_p50_ms: redeem.median, redeem_p95_ms: redeem.p95, redeem_max_ms: redeem.max,
      redeem_over_static_p95: redeem.p95 / page.p95,
    };
  } finally {
    await server.stop();
    await database?.drop();
    await clamd.close();
  }
}
