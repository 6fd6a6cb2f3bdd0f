import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { deriveKeys } from '../../src/app/keys.ts';
import { McpTestClient } from '../support/mcp-client.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/** Issue 6's token rules on /v1/agent: expiry on every message, connections per token, one rate limit per session. */
let server: TestServer;
let tenant: { id: string; apiKey: string };

beforeAll(async () => {
  server = await startTestServer({ env: { WS_RATE_PER_SECOND: '1', WS_RATE_BURST: '30', MCP_MAX_CONNECTIONS_PER_TOKEN: '3' } });
  tenant = await server.createTenant('acme');
});
afterAll(async () => server?.stop());

function upgradeStatus(token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/v1/agent`, ['mcp'], { headers: { authorization: `Bearer ${token}` } });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('open', () => {
      ws.close();
      reject(new Error('upgrade should have been refused'));
    });
    ws.once('error', () => undefined);
  });
}

const closed = (client: McpTestClient) => new Promise<number>((resolve) => client.ws.once('close', (code) => resolve(code)));

describe('/v1/agent token rules', () => {
  it('a token that expired within the clock-skew tolerance opens, but its first frame is not answered: 1008', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ tid: tenant.id, role: 'staff', scp: ['read'], clr: {}, loc: 'en' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer('voicefiles')
      .setAudience('voicefiles-agent')
      .setJti('expired-session')
      .setIssuedAt(now - 60)
      .setNotBefore(now - 60)
      .setExpirationTime(now - 5)
      .sign(deriveKeys(server.rootKey).sessionSigning);
    const client = await McpTestClient.connect(server.url, token);
    const code = closed(client);
    client.ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }));
    expect(await code).toBe(1008);
    expect(client.unmatched).toEqual([]);
  });

  it('one token holds at most MCP_MAX_CONNECTIONS_PER_TOKEN connections; a closed one frees its place', async () => {
    const token = await server.sessionToken(tenant.apiKey);
    const clients = await Promise.all([1, 2, 3].map(() => McpTestClient.connect(server.url, token)));
    expect(await upgradeStatus(token)).toBe(429);
    await clients[0]?.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const again = await McpTestClient.connect(server.url, token);
    await Promise.all([again, ...clients.slice(1)].map((c) => c?.close()));
  });

  it('the rate limit is per session, shared by its connections', async () => {
    const token = await server.sessionToken(tenant.apiKey);
    const [a, b] = await Promise.all([McpTestClient.connect(server.url, token), McpTestClient.connect(server.url, token)]);
    const replies = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).request('ping')));
    const passed = replies.filter((r) => 'result' in r).length;
    // Burst 30 for both connections together (about one more refills during the flood).
    expect(passed).toBeGreaterThanOrEqual(29);
    expect(passed).toBeLessThanOrEqual(32);
    await Promise.all([a.close(), b.close()]);
  });

  it('an agent key works like a token, and revoking it closes its connection at the next message', async () => {
    const res = await fetch(`${server.url}/v1/agent-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tenant.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'own agent', role: 'caller', scopes: ['read'] }),
    });
    const { id, key } = (await res.json()) as { id: string; key: string };
    expect(res.status).toBe(201);
    const client = await McpTestClient.connect(server.url, key);
    expect((await client.request('ping')).result).toEqual({});
    const revoked = await fetch(`${server.url}/v1/agent-keys/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${tenant.apiKey}` } });
    expect(revoked.status).toBe(204);
    const code = closed(client);
    client.ws.send(JSON.stringify({ jsonrpc: '2.0', id: 'after-revoke', method: 'ping' }));
    expect(await code).toBe(1008);
    expect(await upgradeStatus(key)).toBe(401);
  });
});
