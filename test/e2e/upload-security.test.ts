import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { McpTestClient } from '../support/mcp-client.ts';
import { postgresAvailable } from '../support/services.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { openUpload, pageStatus, sendToStorage, uploadThroughPage } from '../support/upload-page-client.ts';

/**
 * The upload page's defences, on a real server: limits hold on the server whatever the page
 * does, a signed upload link cannot be stretched or pointed elsewhere, tickets cannot be forged,
 * and guessing codes on /u is throttled (429 with Retry-After).
 */
const onServer = await postgresAvailable();
let server: TestServer;
let apiKey: string;

beforeAll(async () => {
  server = await startTestServer({ engine: onServer ? 'postgres' : 'pglite', env: { SCAN_POLICY: 'optional' } });
  apiKey = (await server.createTenant('guarded')).apiKey;
}, 60_000);
afterAll(async () => server?.stop());

async function ask(args: Record<string, unknown>) {
  const ws = await McpTestClient.connect(server.url, await server.sessionToken(apiKey, { role: 'staff', call_id: `call-${Math.random()}`, scopes: ['upload'] }));
  await ws.initialize();
  const asked = await ws.callTool('request-upload', args);
  await ws.close();
  expect(asked.isError, JSON.stringify(asked.data)).toBe(false);
  const opened = await openUpload(asked.data.link as string, asked.data.code as string);
  expect(opened.status).toBe(200);
  return { ticket: opened.ticket!, data: asked.data };
}

async function reserve(ticket: string, name: string, size: number) {
  const res = await fetch(`${server.url}/u/api/files`, { method: 'POST', headers: { authorization: `Bearer ${ticket}`, 'content-type': 'application/json' }, body: JSON.stringify({ name, size }) });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe(`upload page security (${onServer ? 'PostgreSQL server' : 'PGlite'})`, () => {
  it('a signed upload link refuses an altered size bound, another key, another type, a forged signature and bytes past its bound', async () => {
    const { ticket } = await ask({ purpose: 'a note', max_bytes: 100, types: ['txt'] });
    const slot = await reserve(ticket, 'note.txt', 10);
    expect(slot.status).toBe(201);
    const url = new URL(slot.body.upload.url);
    expect(url.searchParams.get('max')).toBe('100');
    const altered = (name: string, value: string) => {
      const copy = new URL(url);
      copy.searchParams.set(name, value);
      return copy.toString();
    };
    const put = (target: string, body: Buffer, contentType = 'text/plain') => fetch(target, { method: 'PUT', headers: { 'content-type': contentType }, body });
    const small = Buffer.from('hello');
    for (const target of [altered('max', '100000000'), altered('k', url.searchParams.get('k')!.replace(/[0-9a-f]$/, (c) => (c === 'a' ? 'b' : 'a'))), altered('e', '9999999999'), altered('s', 'A'.repeat(43))]) {
      const res = await put(target, small);
      expect(res.status, target).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'link_invalid' } });
    }
    expect((await put(url.toString(), small, 'application/pdf')).status).toBe(403);
    // Past the bound: declared and undeclared (chunked) lengths are both cut off, and nothing is stored.
    expect((await put(url.toString(), Buffer.alloc(101, 0x61))).status).toBe(413);
    const chunked = await fetch(url, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: new Blob([Buffer.alloc(150, 0x61)]).stream(), duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
    const complete = await fetch(`${server.url}/u/api/files/${slot.body.blob_id}/complete`, { method: 'POST', headers: { authorization: `Bearer ${ticket}` } });
    expect(complete.status).toBe(400);
    // The honest upload through the same link still works; completed ten times at once, it is one file.
    expect((await put(url.toString(), small)).status).toBe(204);
    const completions = await Promise.all(
      Array.from({ length: 10 }, () => fetch(`${server.url}/u/api/files/${slot.body.blob_id}/complete`, { method: 'POST', headers: { authorization: `Bearer ${ticket}` } })),
    );
    expect(completions.map((res) => res.status)).toEqual(Array(10).fill(200));
    const files = ((await pageStatus(server.url, ticket)).upload.files as Array<{ file_id?: string }>).filter((file) => file.file_id);
    expect(files).toHaveLength(1);
    const listed = await fetch(`${server.url}/v1/files?limit=200`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(((await listed.json()) as { files: Array<{ name: string }> }).files.filter((file) => file.name === 'note.txt')).toHaveLength(1);
  });

  it('limits hold on the server: size, type, count, and a blocked program under any request', async () => {
    const { ticket, data } = await ask({ purpose: 'one document', max_files: 1, max_bytes: 1000, types: ['document', 'text'] });
    expect(await reserve(ticket, 'big.pdf', 1001)).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large', details: { max_bytes: 1000 } } } });
    expect(await reserve(ticket, 'photo.jpg', 10)).toMatchObject({ status: 415, body: { error: { code: 'type_not_allowed' } } });
    expect(await reserve(ticket, 'setup.exe', 10)).toMatchObject({ status: 415, body: { error: { code: 'type_not_allowed' } } });
    expect(await reserve(ticket, 'empty.txt', 0)).toMatchObject({ status: 400, body: { error: { code: 'empty_upload' } } });
    const first = await uploadThroughPage(server.url, ticket, 'first.txt', Buffer.from('the only file'));
    expect(first.status).toBe(200);
    expect(await reserve(ticket, 'second.txt', 5)).toMatchObject({ status: 409, body: { error: { code: 'upload_limit_reached', details: { max_files: 1 } } } });
    expect((await pageStatus(server.url, ticket)).upload).toMatchObject({ files: [{ name: 'first.txt' }] });
    // With every file in, the code is revoked: it opens nothing more.
    expect((await openUpload(data.link as string, data.code as string)).status).toBe(410);
  });

  it('a request past its deadline takes nothing more', async () => {
    const deadline = new Date(Date.now() + 1500).toISOString();
    const { ticket, data } = await ask({ purpose: 'quick', deadline });
    await new Promise((resolve) => setTimeout(resolve, 1700));
    expect(await reserve(ticket, 'late.txt', 5)).toMatchObject({ status: 410, body: { error: { code: 'upload_closed' } } });
    expect((await openUpload(data.link as string, data.code as string)).status).toBe(410);
  });

  it('tickets cannot be forged or carried to another request', async () => {
    const { ticket } = await ask({ purpose: 'anything' });
    const [head, body, mac] = ticket.split('.');
    const other = Buffer.from(JSON.stringify(['00000000-0000-4000-8000-000000000000', '00000000-0000-4000-8000-000000000001', 9999999999])).toString('base64url');
    for (const forged of [`${head}.${other}.${mac}`, `${head}.${body}.${'A'.repeat(43)}`, 'vfu1.x.y', '']) {
      const res = await fetch(`${server.url}/u/api/status`, { headers: forged ? { authorization: `Bearer ${forged}` } : {} });
      expect(res.status, forged).toBe(401);
    }
  });

  it('guessing codes on /u is throttled per address: 429 with Retry-After, and a GET of the page never uses a code up', async () => {
    const { data } = await ask({ purpose: 'guess me' });
    for (let i = 0; i < 3; i++) expect((await fetch(data.link as string)).status).toBe(200);
    let answer = await openUpload(data.link as string, 'tiger mango river lemon olive candle');
    let attempts = 1;
    while (answer.status === 404 && attempts < 50) {
      answer = await openUpload(data.link as string, 'tiger mango river lemon olive candle');
      attempts++;
    }
    expect(answer.status).toBe(429);
    expect(answer.body).toMatchObject({ error: { code: 'rate_limited' } });
    expect(Number(answer.retryAfter)).toBeGreaterThan(0);
    expect(attempts).toBeLessThanOrEqual(11);
    // The right code from the same address waits too: the throttle does not tell a guesser which code is right.
    expect((await openUpload(data.link as string, data.code as string)).status).toBe(429);
  });
});
