/** Tags, categories and download counters on a real server with the pipeline running (Postgres server when reachable, else PGlite). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable } from '../support/services.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const onServer = await postgresAvailable();
let server: TestServer;
let apiKey: string;

beforeAll(async () => {
  server = await startTestServer({ engine: onServer ? 'postgres' : 'pglite', env: { SCAN_POLICY: 'optional' } });
  apiKey = (await server.createTenant('labels')).apiKey;
});
afterAll(async () => {
  await server?.stop();
});

const putTags = (fileId: string, body: unknown) =>
  fetch(`${server.url}/v1/files/${fileId}/tags`, { method: 'PUT', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe(`tags and categories (${onServer ? 'PostgreSQL server' : 'PGlite'})`, () => {
  it('assigns a category at processing from the name, or from the text', async () => {
    const byName = await server.upload(apiKey, 'Rechnung 4471.txt', 'Betrag 120 Euro');
    const byText = await server.upload(apiKey, 'scan-0001.txt', 'Protokoll der Sitzung vom 3. März. Teilnehmer: Frau Weber, Herr Schmidt.');
    const none = await server.upload(apiKey, 'shopping.txt', 'milk, bread, apples');
    expect(await server.settled(apiKey, String(byName.json.file_id))).toMatchObject({ status: 'unscanned', category: 'invoice', tags: [] });
    expect(await server.settled(apiKey, String(byText.json.file_id))).toMatchObject({ category: 'minutes' });
    expect(await server.settled(apiKey, String(none.json.file_id))).toMatchObject({ category: null });
  });

  it('PUT /v1/files/<id>/tags replaces the tags (normalised), shown by GET and audited; bad tags are refused', async () => {
    const { json } = await server.upload(apiKey, 'Vertrag Müller.txt', 'Dieser Vertrag wird geschlossen zwischen ...');
    const fileId = String(json.file_id);
    await server.settled(apiKey, fileId);
    const put = await putTags(fileId, { tags: ['Steuer 2024', ' steuer  2024 ', 'Müller'] });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ file_id: fileId, tags: ['steuer 2024', 'müller'], category: 'contract' });
    const read = (await (await fetch(`${server.url}/v1/files/${fileId}`, { headers: { authorization: `Bearer ${apiKey}` } })).json()) as Record<string, unknown>;
    expect(read.tags).toEqual(['steuer 2024', 'müller']);
    expect((await putTags(fileId, { tags: [] })).status).toBe(200);
    expect(await putTags(fileId, { tags: ['<b>'] }).then((r) => r.json())).toMatchObject({ error: { code: 'validation_failed' } });
    expect((await putTags(fileId, { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) })).status).toBe(400);
    expect((await putTags(fileId, { labels: ['x'] })).status).toBe(400);
    expect(await putTags('00000000-0000-4000-8000-000000000000', { tags: ['x'] }).then((r) => r.status)).toBe(404);
    const audit = (await (await fetch(`${server.url}/v1/audit?action=file.tags&target=${fileId}`, { headers: { authorization: `Bearer ${apiKey}` } })).json()) as { events: unknown[] };
    expect(audit.events).toHaveLength(2);
  });

  it('GET /v1/files/<id>/download hands out a link to the bytes and counts the download with its time', async () => {
    const { json } = await server.upload(apiKey, 'Angebot Dach.txt', 'Angebot über 4.000 Euro');
    const fileId = String(json.file_id);
    await server.settled(apiKey, fileId);
    const auth = { authorization: `Bearer ${apiKey}` };
    expect(await (await fetch(`${server.url}/v1/files/${fileId}`, { headers: auth })).json()).toMatchObject({ downloads: 0, last_access_at: null, share_access: [] });
    for (let i = 0; i < 2; i++) {
      const link = (await (await fetch(`${server.url}/v1/files/${fileId}/download`, { headers: auth })).json()) as { url: string; expires_at: string };
      const bytes = await fetch(link.url);
      expect(bytes.status).toBe(200);
      expect(await bytes.text()).toBe('Angebot über 4.000 Euro');
    }
    const after = (await (await fetch(`${server.url}/v1/files/${fileId}`, { headers: auth })).json()) as Record<string, unknown>;
    expect(after).toMatchObject({ downloads: 2, last_access_at: expect.any(String) });
    expect(Date.now() - Date.parse(String(after.last_access_at))).toBeLessThan(60_000);
    expect((await fetch(`${server.url}/v1/files/00000000-0000-4000-8000-000000000000/download`, { headers: auth })).status).toBe(404);
  });
});
