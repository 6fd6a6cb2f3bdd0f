import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';

/** /v1/mcp on the wire, with a plain HTTP client: what the specification asks and what our limits add. */
let server: TestServer;
let apiKey: string;
let tenantId: string;

beforeAll(async () => {
  server = await startTestServer({ env: { WS_RATE_PER_SECOND: '5', WS_RATE_BURST: '12', MCP_MAX_CONNECTIONS_PER_TOKEN: '2' } });
  ({ apiKey, id: tenantId } = await server.createTenant('acme'));
});
afterAll(async () => server?.stop());

const INIT = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'wire', version: '1' } } };
const ACCEPT = 'application/json, text/event-stream';

async function post(token: string | null, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}/v1/mcp`, {
    method: 'POST',
    headers: { accept: ACCEPT, 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  // A JSON body, or (as the SDK answers stateless 2025-era requests) one SSE message event.
  const data = res.headers.get('content-type')?.startsWith('text/event-stream') ? /^data: ?(.*)$/m.exec(text)?.[1] : text;
  return { status: res.status, headers: res.headers, json: data ? (JSON.parse(data) as Record<string, any>) : null };
}

async function open(token: string): Promise<string> {
  const res = await post(token, INIT);
  expect(res.status).toBe(200);
  const session = res.headers.get('mcp-session-id') as string;
  expect(session).toMatch(/^[0-9a-f-]{36}$/);
  await post(token, { jsonrpc: '2.0', method: 'notifications/initialized' }, { 'mcp-session-id': session, 'mcp-protocol-version': '2025-11-25' });
  return session;
}

function rawRequest(headers: Record<string, string>, body: string): Promise<number> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: Number(port), path: '/v1/mcp', method: 'POST', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('Streamable HTTP /v1/mcp', () => {
  it('refuses a request without a credential (401 with a Bearer challenge) and a forged one', async () => {
    const none = await post(null, INIT);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect((await post('vfa_00000000000000000000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', INIT)).status).toBe(401);
  });

  it('validates Origin (403 outside the allow-list) and Host (DNS-rebinding protection)', async () => {
    const token = await server.sessionToken(apiKey);
    expect((await post(token, INIT, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await post(token, INIT, { origin: 'http://localhost:3000' })).status).toBe(200);
    const body = JSON.stringify(INIT);
    const headers = { accept: ACCEPT, 'content-type': 'application/json', authorization: `Bearer ${token}`, 'content-length': String(Buffer.byteLength(body)) };
    expect(await rawRequest({ ...headers, host: 'rebound.evil.example' }, body)).toBe(403);
    expect(await rawRequest({ ...headers, host: `127.0.0.1:${new URL(server.url).port}` }, body)).toBe(200);
  });

  it('issues Mcp-Session-Id at initialize, checks MCP-Protocol-Version, and ends the session on DELETE', async () => {
    const token = await server.sessionToken(apiKey);
    const session = await open(token);
    const list = { jsonrpc: '2.0', id: 2, method: 'tools/list' };
    const ok = await post(token, list, { 'mcp-session-id': session, 'mcp-protocol-version': '2025-11-25' });
    expect(ok.status).toBe(200);
    expect(ok.json?.result.tools.map((t: { name: string }) => t.name).sort()).toEqual(['describe', 'find', 'request-upload', 'share', 'upload-status']);
    expect((await post(token, list, { 'mcp-session-id': session, 'mcp-protocol-version': '1999-01-01' })).status).toBe(400);
    const deleted = await fetch(`${server.url}/v1/mcp`, { method: 'DELETE', headers: { authorization: `Bearer ${token}`, 'mcp-session-id': session, 'mcp-protocol-version': '2025-11-25' } });
    expect(deleted.status).toBe(200);
    expect((await post(token, list, { 'mcp-session-id': session, 'mcp-protocol-version': '2025-11-25' })).status).toBe(404);
  });

  it('a session belongs to its credential: another token gets 404 for it', async () => {
    const session = await open(await server.sessionToken(apiKey));
    const other = await post(await server.sessionToken(apiKey), { jsonrpc: '2.0', id: 3, method: 'tools/list' }, { 'mcp-session-id': session, 'mcp-protocol-version': '2025-11-25' });
    expect(other.status).toBe(404);
  });

  it('serves a 2025-era request without a session statelessly (a client that sends each call on its own)', async () => {
    const res = await post(await server.sessionToken(apiKey), { jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'find', arguments: { query: 42 } } });
    expect(res.status).toBe(200);
    expect(res.json?.result).toMatchObject({ isError: true, structuredContent: { error: { code: 'validation_failed' } } });
  });

  it('answers malformed bodies with JSON-RPC errors: not JSON (400 -32700), too large (413)', async () => {
    const token = await server.sessionToken(apiKey);
    const broken = await post(token, '{"jsonrpc":"2.0",');
    expect(broken.status).toBe(400);
    expect(broken.json?.error.code).toBe(-32700);
    const huge = await post(token, { ...INIT, params: { ...INIT.params, pad: 'x'.repeat(70_000) } });
    expect(huge.status).toBe(413);
  });

  it('rate-limits per call across its sessions (429, -32029, Retry-After), and caps sessions per token', async () => {
    const token = await server.sessionToken(apiKey, { call_id: 'call-rate' });
    const [a, b] = [await open(token), await open(token)];
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++) {
      const res = await post(token, { jsonrpc: '2.0', id: 10 + i, method: 'ping' }, { 'mcp-session-id': i % 2 ? a : b, 'mcp-protocol-version': '2025-11-25' });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.json?.error).toMatchObject({ code: -32029, data: { code: 'rate_limited' } });
        expect(res.headers.get('retry-after')).toBe('1');
      }
    }
    expect(statuses).toContain(429);
    // The burst is 12 for the whole call, shared by both sessions: four handshake messages, then pings.
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(12);
  });

  it('a third session of one token (limit 2) closes the least recently used', async () => {
    const token = await server.sessionToken(apiKey);
    const first = await open(token);
    await open(token);
    await open(token);
    const res = await post(token, { jsonrpc: '2.0', id: 5, method: 'ping' }, { 'mcp-session-id': first, 'mcp-protocol-version': '2025-11-25' });
    expect(res.status).toBe(404);
  });

  it('a GET stream carries notifications to the call and resumes with Last-Event-ID', async () => {
    const token = await server.sessionToken(apiKey, { call_id: 'call-resume' });
    const session = await open(token);
    const headers = { accept: 'text/event-stream', authorization: `Bearer ${token}`, 'mcp-session-id': session, 'mcp-protocol-version': '2025-11-25' };
    const callKey = `t:${tenantId}:call:call-resume`;
    const first = await readEvents(`${server.url}/v1/mcp`, headers, () => server.calls.message(callKey, 'info', 'first'), 1);
    expect(first[0]?.data).toMatchObject({ method: 'notifications/message', params: { level: 'info', data: 'first' } });
    // Delivered while no stream is open: kept for the session, replayed after the last id the client saw.
    await server.calls.message(callKey, 'info', 'second');
    const replayed = await readEvents(`${server.url}/v1/mcp`, { ...headers, 'last-event-id': first[0]?.id as string }, async () => 0, 1);
    expect(replayed[0]?.data).toMatchObject({ params: { data: 'second' } });
  });
});

describe('GET /v1/tools', () => {
  it('lists the tools as MCP tools, OpenAI strict functions or Bedrock toolSpecs, for any valid token', async () => {
    const token = await server.sessionToken(apiKey);
    const get = (format: string, auth: string | null = token) => fetch(`${server.url}/v1/tools?format=${format}`, { headers: auth ? { authorization: `Bearer ${auth}` } : {} });
    const mcp = (await (await get('mcp')).json()) as { tools: Array<{ name: string; annotations: unknown }> };
    expect(mcp.tools.map((t) => t.name)).toEqual(['find', 'describe', 'request-upload', 'upload-status', 'share']);
    expect((await (await get('openai')).json()) as unknown).toMatchObject({ tools: [{ type: 'function', name: 'find', strict: true }, { name: 'describe' }, { name: 'request-upload' }, { name: 'upload-status' }, { name: 'share', strict: true }] });
    expect((await (await get('bedrock')).json()) as unknown).toMatchObject({ tools: [{ toolSpec: { name: 'find' } }, { toolSpec: { name: 'describe' } }, { toolSpec: { name: 'request-upload' } }, { toolSpec: { name: 'upload-status' } }, { toolSpec: { name: 'share' } }] });
    expect((await get('yaml')).status).toBe(400);
    expect((await get('mcp', null)).status).toBe(401);
  });
});

/** Open an SSE GET, run `trigger` once it is open, and collect `count` message events (id and parsed data). */
async function readEvents(url: string, headers: Record<string, string>, trigger: () => Promise<unknown>, count: number): Promise<Array<{ id?: string; data: any }>> {
  const controller = new AbortController();
  const res = await fetch(url, { headers, signal: controller.signal });
  expect(res.status).toBe(200);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const events: Array<{ id?: string; data: any }> = [];
  let buffer = '';
  let triggered = false;
  const deadline = Date.now() + 5000;
  while (events.length < count && Date.now() < deadline) {
    if (!triggered) {
      triggered = true;
      setTimeout(() => void trigger(), 50);
    }
    const { value, done } = await reader.read();
    if (done) break;
    buffer += new TextDecoder().decode(value);
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const id = /^id: ?(.*)$/m.exec(block)?.[1];
      const data = /^data: ?(.*)$/m.exec(block)?.[1];
      if (data) events.push({ ...(id ? { id } : {}), data: JSON.parse(data) });
    }
  }
  controller.abort();
  return events;
}
