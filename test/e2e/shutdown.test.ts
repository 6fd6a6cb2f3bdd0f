import http from 'node:http';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { McpTestClient } from '../support/mcp-client.ts';
import { startChildServer, type ChildServer } from '../support/child-server.ts';

let child: ChildServer | null = null;
afterEach(() => {
  child?.process.kill('SIGKILL');
  if (child) rmSync(child.dataDir, { recursive: true, force: true });
  child = null;
});

async function tenantKey(server: ChildServer): Promise<string> {
  const res = await fetch(`${server.url}/v1/tenants`, { method: 'POST', headers: { authorization: `Bearer ${server.masterKey}`, 'content-type': 'application/json' }, body: '{"slug":"acme"}' });
  return ((await res.json()) as { api_key: string }).api_key;
}

describe('graceful shutdown on SIGTERM', () => {
  it('closes agent sessions with a close frame, finishes an in-flight upload, and exits 0', async () => {
    child = await startChildServer({ SHUTDOWN_GRACE_SECONDS: '10' });
    const server = child;
    const apiKey = await tenantKey(server);
    const session = await fetch(`${server.url}/v1/sessions`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: '{}' });
    const agent = await McpTestClient.connect(server.url, ((await session.json()) as { token: string }).token);
    await agent.initialize();
    const closeCode = new Promise<number>((resolve) => agent.ws.once('close', (code) => resolve(code)));

    // An upload that is half sent when SIGTERM arrives and completes shortly after.
    const upload = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(new URL('/v1/files?name=slow.txt', server.url), { method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'transfer-encoding': 'chunked' } }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.write('first half of the text, ');
      setTimeout(() => req.end('second half.'), 800);
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    server.process.kill('SIGTERM');

    expect(await closeCode).toBe(1001);
    const result = await upload;
    expect(result.status).toBe(201);
    expect(await server.exited).toBe(0);
    expect(server.logs.some((l) => l.msg === 'shut down')).toBe(true);
  }, 150_000);
});
