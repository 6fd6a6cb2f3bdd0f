import { readdirSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_METRICS_TOKEN, type TestServer } from '../support/server.ts';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One server for all of these (each start costs seconds of PGlite); the throttle's test runs last, as it leaves the address throttled. */
describe('metrics on their own address; slow bodies cut off; connections capped; failed sign-ins throttled', () => {
  let server: TestServer;
  let apiKey: string;
  beforeAll(async () => {
    server = await startTestServer({
      env: {
        METRICS_LISTEN: '127.0.0.1:0',
        JSON_BODY_TIMEOUT_SECONDS: '1',
        BODY_MIN_BYTES_PER_SECOND: '2000',
        BODY_RATE_WINDOW_SECONDS: '2',
        HTTP_MAX_CONNECTIONS: '4',
        AUTH_FAILURE_BURST: '3',
        AUTH_FAILURES_PER_MINUTE: '60',
        PIPELINE_WORKERS: 'false',
        SCAN_POLICY: 'optional',
      },
    });
    apiKey = (await server.createTenant('slow')).apiKey;
  });

  it('METRICS_LISTEN: a separate listener serves them (behind METRICS_TOKEN, set here too); the main port answers 404', async () => {
    expect(server.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.metricsUrl).not.toBe(server.url);
    expect((await fetch(`${server.url}/metrics`, { headers: bearer(TEST_METRICS_TOKEN) })).status).toBe(404);
    expect((await fetch(`${server.metricsUrl}/metrics`)).status).toBe(401);
    const scraped = await fetch(`${server.metricsUrl}/metrics`, { headers: bearer(TEST_METRICS_TOKEN) });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('voicefiles_http_requests_total');
    expect((await fetch(`${server.metricsUrl}/v1/files`)).status).toBe(404);
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** Send `total` bytes `step` at a time every `everyMs`; the answer, however early it comes. */
  function trickle(pathAndQuery: string, headers: Record<string, string>, step: string, everyMs: number, total: number): Promise<{ status: number; body: string; ms: number }> {
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const req = http.request(new URL(pathAndQuery, server.url), { method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' } });
      let sent = 0;
      const timer = setInterval(() => {
        if (sent >= total) {
          clearInterval(timer);
          req.end();
          return;
        }
        sent += step.length;
        req.write(step);
      }, everyMs);
      req.on('response', (res) => {
        clearInterval(timer);
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, ms: Date.now() - started }));
      });
      req.on('error', (error) => {
        clearInterval(timer);
        reject(error);
      });
    });
  }

  it('a JSON body that does not arrive within JSON_BODY_TIMEOUT_SECONDS: 408 request_timeout', async () => {
    const res = await trickle('/v1/sessions', { ...bearer(apiKey), 'content-type': 'application/json' }, ' ', 200, 1000);
    expect(res.status).toBe(408);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'request_timeout' } });
    expect(res.ms).toBeLessThan(5000);
  });

  it('an upload slower than BODY_MIN_BYTES_PER_SECOND over the window: 408 too_slow, nothing kept', async () => {
    const res = await trickle('/v1/files?name=slow.txt', bearer(apiKey), 'slow text '.repeat(10), 250, 1_000_000);
    expect(res.status).toBe(408);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'too_slow', details: { min_bytes_per_second: 2000, window_seconds: 2 } } });
    await sleep(200);
    expect(readdirSync(path.join(server.dataDir, 'blobs', '.incoming'))).toEqual([]);
    const files = (await (await fetch(`${server.url}/v1/files`, { headers: bearer(apiKey) })).json()) as { files: unknown[] };
    expect(files.files).toEqual([]);
  });

  it('an upload at a fair rate passes', async () => {
    const res = await trickle('/v1/files?name=fair.txt', bearer(apiKey), 'fair text '.repeat(200), 100, 24_000);
    expect(res.status, res.body).toBe(201);
  });

  it('past HTTP_MAX_CONNECTIONS new connections are closed at once; a freed slot is usable again', async () => {
    /** A raw connection and whether a request on it was answered (keep-alive: it stays open and counts). */
    const probe = () =>
      new Promise<{ socket: net.Socket; answered: boolean }>((resolve) => {
        const socket = net.connect({ host: '127.0.0.1', port: server.port });
        let data = '';
        const done = (answered: boolean) => resolve({ socket, answered });
        socket.on('connect', () => socket.write('GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n'));
        socket.on('data', (chunk: Buffer) => {
          data += chunk.toString();
          if (data.includes('\r\n\r\n')) done(data.startsWith('HTTP/1.1 200'));
        });
        socket.on('close', () => done(false));
        socket.on('error', () => done(false));
      });
    // fetch keeps connections of the earlier tests alive in its pool; they count too.
    const held: net.Socket[] = [];
    let refused: net.Socket | null = null;
    while (refused === null && held.length < 10) {
      const { socket, answered } = await probe();
      if (answered) held.push(socket);
      else refused = socket;
    }
    expect(refused).not.toBeNull();
    expect(held.length).toBeGreaterThanOrEqual(1);
    expect(held.length).toBeLessThanOrEqual(4);
    held.pop()!.destroy();
    await sleep(200);
    const again = await probe();
    expect(again.answered).toBe(true);
    for (const socket of [...held, again.socket]) socket.destroy();
  });

  it('failed sign-ins are throttled per client address: API keys, the admin token and the metrics token alike; then even the right key waits; then it passes', async () => {
    const wrong = [
      () => fetch(`${server.url}/v1/files`, { headers: bearer(`vf_${'x'.repeat(43)}`) }),
      () => fetch(`${server.url}/v1/tenants/acme`, { headers: bearer('not-the-admin-token-0123456789abcdef') }),
      () => fetch(`${server.metricsUrl}/metrics`, { headers: bearer('not-the-metrics-token') }),
    ];
    for (const attempt of wrong) expect((await attempt()).status).toBe(401);
    expect((await fetch(`${server.metricsUrl}/metrics`, { headers: bearer(TEST_METRICS_TOKEN) })).status).toBe(429);
    const throttled = await fetch(`${server.url}/v1/files`, { headers: bearer(apiKey) });
    expect(throttled.status).toBe(429);
    const retryAfter = Number(throttled.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(await throttled.json()).toMatchObject({ error: { code: 'rate_limited', details: { retry_after_seconds: retryAfter } } });
    // Without a credential there is nothing to guess: not throttled.
    expect((await fetch(`${server.url}/health/live`)).status).toBe(200);
    expect((await fetch(`${server.url}/v1/files`)).status).toBe(401);
    await sleep(retryAfter * 1000 + 100);
    expect((await fetch(`${server.url}/v1/files`, { headers: bearer(apiKey) })).status).toBe(200);
    // Successes give nothing back: one more failure and the address waits again.
    expect((await fetch(`${server.url}/v1/files`, { headers: bearer(`vf_${'y'.repeat(43)}`) })).status).toBe(401);
    expect((await fetch(`${server.url}/v1/files`, { headers: bearer(apiKey) })).status).toBe(429);
  });
});
