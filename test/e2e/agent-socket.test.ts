import net from 'node:net';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { McpTestClient } from '../support/mcp-client.ts';
import { clamdAvailable, startClamd, type TestClamd } from '../support/clamd.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let clamd: TestClamd;
let acme: { id: string; apiKey: string };
let globex: { id: string; apiKey: string };
const ids: Record<string, string> = {};

const withClamd = await clamdAvailable();
/** Every suite below needs files made ready by the pipeline: without clamd they are skipped, named. */
const needsClamd = (title: string) => (withClamd ? title : `${title} (skipped: clamd is not installed)`);

beforeAll(async () => {
  if (!withClamd) return;
  clamd = await startClamd();
  server = await startTestServer({ env: { WS_RATE_PER_SECOND: '50', WS_RATE_BURST: '60', WS_HEARTBEAT_SECONDS: '1', CLAMAV_URL: clamd.url } });
  acme = await server.createTenant('acme');
  globex = await server.createTenant('globex', 'de');
  const upload = async (tenant: { apiKey: string }, key: string, name: string, body: string, query: Record<string, string> = {}) => {
    const res = await server.upload(tenant.apiKey, name, body, query);
    expect(res.status).toBe(201);
    ids[key] = res.json.file_id as string;
    expect(await server.settled(tenant.apiKey, ids[key] as string)).toMatchObject({ status: 'ready' });
  };
  await upload(acme, 'q2', 'Q2 Financial Report.txt', 'Revenue grew in the second quarter.', { visibility: 'public' });
  await upload(acme, 'pipeline', 'q2_sales_pipeline.csv', 'name,amount\nMüller,100\n', { visibility: 'internal' });
  await upload(acme, 'mueller', 'Angebot Müller.txt', 'Angebot für Herrn Müller', { visibility: 'customer', customer_id: 'cust-7' });
  await upload(globex, 'globexq2', 'Q2 Financial Report.txt', 'Globex secret numbers', { visibility: 'public' });
});

afterAll(async () => {
  await server?.stop();
  await clamd?.close();
});

async function connect(tenant: { apiKey: string }, body: Record<string, unknown> = {}): Promise<McpTestClient> {
  const client = await McpTestClient.connect(server.url, await server.sessionToken(tenant.apiKey, body));
  await client.initialize();
  return client;
}

function upgradeStatus(headers: Record<string, string>, query = ''): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/v1/agent${query}`, { headers });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('open', () => reject(new Error('upgrade should have been refused')));
    ws.once('error', () => undefined);
  });
}

describe.skipIf(!withClamd)(needsClamd('WebSocket /v1/agent: authentication before the upgrade'), () => {
  it('refuses a missing, malformed or forged token with 401', async () => {
    expect(await upgradeStatus({})).toBe(401);
    expect(await upgradeStatus({ authorization: 'Bearer not-a-token' })).toBe(401);
    const forged = await new SignJWT({ tid: acme.id, role: 'staff', scp: ['read'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('voicefiles')
      .setAudience('voicefiles-agent')
      .setJti('x')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('a-key-that-is-not-the-servers-key-000000'));
    expect(await upgradeStatus({ authorization: `Bearer ${forged}` })).toBe(401);
  });

  it('refuses an unsigned (alg none) token and an API key used as a session token', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ tid: acme.id, role: 'staff', scp: ['read'], iss: 'voicefiles', aud: 'voicefiles-agent', exp: 9999999999, iat: 1, jti: 'x' })).toString('base64url');
    expect(await upgradeStatus({ authorization: `Bearer ${header}.${payload}.` })).toBe(401);
    expect(await upgradeStatus({ authorization: `Bearer ${acme.apiKey}` })).toBe(401);
  });

  it('refuses an expired token', async () => {
    const token = await server.sessionToken(acme.apiKey, { ttl_seconds: 30 });
    const [h, p, s] = token.split('.');
    const claims = JSON.parse(Buffer.from(p as string, 'base64url').toString()) as { exp: number };
    claims.exp = Math.floor(Date.now() / 1000) - 3600;
    const tampered = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
    expect(await upgradeStatus({ authorization: `Bearer ${tampered}` })).toBe(401);
  });

  it('accepts the token in the query string and selects the mcp subprotocol', async () => {
    const token = await server.sessionToken(acme.apiKey);
    const client = await McpTestClient.connect(server.url, token, { viaQuery: true });
    expect(client.ws.protocol).toBe('mcp');
    await client.close();
  });
});

describe.skipIf(!withClamd)(needsClamd('MCP over WebSocket'), () => {
  it('initializes and lists exactly find and describe, with schemas valid as OpenAI functions', async () => {
    const client = await McpTestClient.connect(server.url, await server.sessionToken(acme.apiKey));
    const init = await client.initialize();
    expect(init.result).toMatchObject({ protocolVersion: '2025-06-18', serverInfo: { name: 'voicefiles' }, capabilities: { tools: {} } });
    const list = await client.request('tools/list');
    const tools = (list.result as { tools: Array<{ name: string; description: string; inputSchema: Record<string, unknown> }> }).tools;
    expect(tools.map((t) => t.name).sort()).toEqual(['describe', 'find', 'request-upload', 'share', 'upload-status']);
    for (const tool of tools) {
      expect(tool.name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
      expect(tool.description.length).toBeGreaterThan(20);
      expect(tool.inputSchema).toMatchObject({ type: 'object', additionalProperties: false });
      expect(Array.isArray(tool.inputSchema.required)).toBe(true);
    }
    expect((await client.request('ping')).result).toEqual({});
    await client.close();
  });

  it('find matches by spoken name; describe speaks type, size and date', async () => {
    const client = await connect(acme, { role: 'staff' });
    const found = await client.callTool('find', { query: 'um the q two financial report please' });
    expect(found.isError).toBe(false);
    const results = found.data.results as Array<{ file_id: string }>;
    expect(results[0]?.file_id).toBe(ids.q2);
    expect(found.speech).toMatch(/financial report/i);
    expect(found.speech).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
    const described = await client.callTool('describe', { file_id: ids.q2 as string });
    expect(described.isError).toBe(false);
    expect(described.data).toMatchObject({ file_id: ids.q2, kind: 'text', version_count: 1 });
    expect(described.speech.length).toBeGreaterThan(10);
    expect(described.speech).not.toContain(ids.q2 as string);
    await client.close();
  });

  it('callers see public files and their own customer files once verified; staff see all', async () => {
    const caller = await connect(acme, { role: 'caller', caller: { customer_id: 'cust-7', verified: true } });
    const stranger = await connect(acme, { role: 'caller', caller: { customer_id: 'cust-8', verified: true } });
    const claimant = await connect(acme, { role: 'caller', caller: { customer_id: 'cust-7', verified: false } });
    const unchecked = await connect(acme, { role: 'caller', caller: { customer_id: 'cust-7' } });
    const staff = await connect(acme, { role: 'staff' });
    const names = async (client: McpTestClient, query: string) =>
      ((await client.callTool('find', { query, limit: 5 })).data.results as Array<{ file_id: string }>).map((r) => r.file_id);
    expect(await names(caller, 'angebot müller')).toContain(ids.mueller);
    expect(await names(stranger, 'angebot müller')).not.toContain(ids.mueller);
    expect(await names(caller, 'sales pipeline')).not.toContain(ids.pipeline);
    expect(await names(staff, 'sales pipeline')).toContain(ids.pipeline);
    expect((await stranger.callTool('describe', { file_id: ids.mueller as string })).data).toMatchObject({ error: { code: 'file_not_found' } });
    // Claiming the customer id is not enough: the tenant must have verified the caller.
    for (const client of [claimant, unchecked]) {
      expect(await names(client, 'angebot müller')).not.toContain(ids.mueller);
      expect(await names(client, 'financial report')).toContain(ids.q2);
      const described = await client.callTool('describe', { file_id: ids.mueller as string });
      expect(described).toMatchObject({ isError: true, data: { error: { code: 'file_not_found' } } });
      expect(described.speech).toMatch(/couldn't find that file/);
    }
    expect((await caller.callTool('describe', { file_id: ids.mueller as string })).isError).toBe(false);
    await Promise.all([caller.close(), stranger.close(), staff.close(), claimant.close(), unchecked.close()]);
  });

  it("a tenant never sees another tenant's files, by search or by id", async () => {
    const client = await connect(acme, { role: 'staff' });
    const found = await client.callTool('find', { query: 'financial report', limit: 5 });
    const fileIds = (found.data.results as Array<{ file_id: string }>).map((r) => r.file_id);
    expect(fileIds).toContain(ids.q2);
    expect(fileIds).not.toContain(ids.globexq2);
    const described = await client.callTool('describe', { file_id: ids.globexq2 as string });
    expect(described.isError).toBe(true);
    expect(described.data).toMatchObject({ error: { code: 'file_not_found' } });
    await client.close();
  });
});

describe.skipIf(!withClamd)(needsClamd('audit'), () => {
  it('records every tool call with tenant, role, call id and outcome, and every upload', async () => {
    const client = await connect(acme, { role: 'caller', call_id: 'call-audit-1' });
    await client.callTool('find', { query: 'financial report' });
    await client.callTool('describe', { file_id: ids.globexq2 as string });
    await client.close();
    const res = await fetch(`${server.url}/v1/audit?limit=50`, { headers: { authorization: `Bearer ${acme.apiKey}` } });
    const events = ((await res.json()) as { events: Array<Record<string, unknown>> }).events;
    const toolEvents = events.filter((e) => e.call_id === 'call-audit-1');
    expect(toolEvents.map((e) => [e.action, e.outcome, e.role])).toEqual(
      expect.arrayContaining([
        ['tool.find', 'ok', 'caller'],
        ['tool.describe', 'denied', 'caller'],
      ]),
    );
    expect(toolEvents.find((e) => e.action === 'tool.describe')?.target).toBe(ids.globexq2);
    expect(events.some((e) => e.action === 'file.upload' && e.target === ids.q2)).toBe(true);
    expect(events.some((e) => e.action === 'version.ready' && e.target === ids.q2)).toBe(true);
    // Another tenant's trail never shows up here.
    expect(events.every((e) => e.target !== ids.globexq2 || String(e.action).startsWith('tool.'))).toBe(true);
  });
});

describe.skipIf(!withClamd)(needsClamd('MCP protocol faults keep the connection usable'), () => {
  it('answers parse errors, unknown methods, unknown tools, bad params and wrong argument types, then still works', async () => {
    const client = await connect(acme);
    expect(((await client.sendRaw('{not json', null)).error as { code: number }).code).toBe(-32700);
    expect(((await client.request('no/such/method')).error as { code: number }).code).toBe(-32601);
    expect(((await client.request('tools/call', { name: 'share_everything', arguments: {} })).error as { code: number }).code).toBe(-32602);
    expect(((await client.request('tools/call', { arguments: {} })).error as { code: number }).code).toBe(-32602);
    expect(((await client.request('tools/call', { name: 'find', arguments: 'q2' })).error as { code: number }).code).toBe(-32602);
    const wrongType = await client.callTool('find', { query: 42 });
    expect(wrongType.isError).toBe(true);
    expect(wrongType.data).toMatchObject({ error: { code: 'validation_failed' } });
    expect(wrongType.speech.length).toBeGreaterThan(5);
    const extra = await client.callTool('describe', { file_id: ids.q2 as string, sneaky: true });
    expect(extra.data).toMatchObject({ error: { code: 'validation_failed' } });
    expect(((await client.sendRaw('[{"jsonrpc":"2.0","id":1,"method":"ping"}]', null)).error as { code: number }).code).toBe(-32600);
    expect((await client.request('ping')).result).toEqual({});
    await client.close();
  });

  it('answers an oversized frame with an error and stays open; closes on a huge one with 1009', async () => {
    const client = await connect(acme);
    const oversized = JSON.stringify({ jsonrpc: '2.0', id: 'big', method: 'ping', params: { pad: 'x'.repeat(70_000) } });
    const reply = await client.sendRaw(oversized, null);
    expect(reply.error).toMatchObject({ code: -32600 });
    expect((await client.request('ping')).result).toEqual({});
    const closed = new Promise<number>((resolve) => client.ws.once('close', (code) => resolve(code)));
    client.ws.send('x'.repeat(300_000));
    expect(await closed).toBe(1009);
  });

  it('rate-limits a session that floods it, with a JSON-RPC error', async () => {
    const client = await connect(acme);
    const replies = await Promise.all(Array.from({ length: 120 }, () => client.request('ping')));
    const limited = replies.filter((r) => (r.error as { code?: number } | undefined)?.code === -32029);
    expect(limited.length).toBeGreaterThan(0);
    // The burst (60) less the two messages of the handshake passes; the rest is refused.
    expect(replies.length - limited.length).toBeGreaterThanOrEqual(55);
    await client.close();
  });

  it('drops a connection that stops answering heartbeats', async () => {
    const token = await server.sessionToken(acme.apiKey);
    const { port } = new URL(server.url);
    const socket = net.connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `GET /v1/agent HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer ${token}\r\n\r\n`,
    );
    const ended = new Promise<number>((resolve) => {
      const started = Date.now();
      socket.once('close', () => resolve(Date.now() - started));
    });
    socket.resume(); // read and ignore pings: never answer with a pong
    expect(await ended).toBeLessThan(5000);
  });
});
