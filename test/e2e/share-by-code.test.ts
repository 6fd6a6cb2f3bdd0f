/**
 * Sharing by spoken code, end to end on a real server (real clamd, real pipeline):
 * find, share (read-back), a spoken yes, the code and link (also to the tenant's
 * webhook), the /c page (uses nothing), the redemption (303 to a fresh download URL,
 * the right bytes), and the security rules around it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LocalBlobStore } from '../../adapters/storage/local.blob-store.ts';
import { deriveKeys } from '../../src/app/keys.ts';
import { eicarBytes } from '../fixtures/eicar.ts';
import { McpTestClient } from '../support/mcp-client.ts';
import { startMcpFixture, withClamd, type McpFixture } from '../support/mcp-fixture.ts';

const REPORT_TEXT = 'Revenue grew by twelve percent in the second quarter.';

describe.skipIf(!withClamd)(withClamd ? 'share by spoken code' : 'share by spoken code (skipped: clamd is not installed)', () => {
  let fx: McpFixture;
  let webhook: Server;
  const received: Array<Record<string, unknown>> = [];
  let caller: McpTestClient;

  const callerClient = async (body: Record<string, unknown> = {}) => {
    const token = await fx.token({ role: 'caller', scopes: ['read', 'share'], caller: { phone: '+49 151 1234 4711' }, ...body });
    const client = await McpTestClient.connect(fx.server.url, token);
    await client.initialize();
    return client;
  };
  const share = (client: McpTestClient, args: Record<string, unknown>) => client.callTool('share', args);

  beforeAll(async () => {
    webhook = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: JSON.parse(body) as Record<string, unknown> });
        res.writeHead(204).end();
      });
    }).listen(0, '127.0.0.1');
    fx = await startMcpFixture({ WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true' });
    const set = await fetch(`${fx.server.url}/v1/webhook`, {
      method: 'PUT', headers: { authorization: `Bearer ${fx.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hook`, secret: 's'.repeat(40) }),
    });
    expect(set.status).toBe(200);
    caller = await callerClient();
  }, 120_000);

  afterAll(async () => {
    await caller?.close();
    await fx?.stop();
    webhook?.close();
  });

  it('find, share, a spoken yes: the code, the webhook, the page, the download', async () => {
    const found = await caller.callTool('find', { query: 'the q two financial report' });
    const fileId = (found.data.results as Array<{ file_id: string }>)[0]!.file_id;
    expect(fileId).toBe(fx.fileIds.report);

    const asked = await share(caller, { file_id: fileId });
    expect(asked.isError).toBe(false);
    expect(asked.data).toMatchObject({ status: 'needs_confirmation', delivery: 'webhook', recipient: { phone: '+49 151 1234 4711' } });
    expect(asked.speech).toBe('Shall I send you the Q2 Financial Report? The code will go to the number ending four seven one one.');

    const done = await share(caller, { file_id: fileId, confirmation_token: asked.data.confirmation_token, utterance: 'Yes, please send it.' });
    expect(done.isError).toBe(false);
    expect(done.data).toMatchObject({ status: 'shared', uses_left: 3, delivery: 'webhook' });
    const code = done.data.code as string;
    expect(code).toMatch(/^[a-z]+(-[a-z]+){5}$/);
    expect(done.data.keypad_code).toMatch(/^\d{3}( \d{3}){5}$/);
    expect(done.data.short_link).toBe(`${fx.server.url}/c/acme/${code}`);
    expect(done.speech).toContain(`Your code is: ${(done.data.code_words as string[]).slice(0, 3).join(', ')}.`);
    expect(done.speech).toContain('slash c slash acme');
    expect(done.speech).not.toContain('http');

    // The tenant's webhook gets the link and code, signed.
    await expect.poll(() => received.length, { timeout: 5000 }).toBe(1);
    expect(received[0]!.body).toMatchObject({ type: 'share.created', link: done.data.short_link, code, recipient: { phone: '+49 151 1234 4711' } });
    expect(String((received[0]!.headers as Record<string, string>)['voicefiles-signature'])).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);

    // GET shows the file and uses nothing, however often (link previews).
    for (let i = 0; i < 3; i++) {
      const page = await fetch(done.data.short_link as string);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('Q2 Financial Report.txt');
      expect(html).toContain('<dd>3</dd>');
    }
    // POST redeems: 303 to a fresh presigned URL, attachment with the original name.
    const redeemed = await fetch(done.data.short_link as string, { method: 'POST', redirect: 'manual' });
    expect(redeemed.status).toBe(303);
    const location = redeemed.headers.get('location')!;
    const download = await fetch(location);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('attachment');
    expect(download.headers.get('content-disposition')).toContain('Q2 Financial Report.txt');
    expect(await download.text()).toBe(REPORT_TEXT);
    const after = await (await fetch(done.data.short_link as string)).text();
    expect(after).toContain('<dd>2</dd>');

    // The consent and the redemption are on the audit trail.
    const events = await fx.audit();
    const created = events.find((e) => e.action === 'share.create');
    expect(created).toMatchObject({ target: fileId, outcome: 'ok', detail: { consent: 'Yes, please send it.' } });
    expect(events.find((e) => e.action === 'code.redeem')).toMatchObject({ outcome: 'ok', target: created!.detail && (created!.detail as { share_id: string }).share_id });

    // The keypad form opens the same file; a forged or altered download URL does not.
    const keypadPage = await fetch(`${fx.server.url}/c/acme/${(done.data.keypad_code as string).replace(/ /g, '')}`);
    expect(await keypadPage.text()).toContain('Q2 Financial Report.txt');
    const altered = new URL(location);
    altered.searchParams.set('e', String(Number(altered.searchParams.get('e') ?? '0') + 3600));
    expect((await fetch(altered)).status).toBe(403);
    const forged = new URL(location);
    forged.searchParams.set('s', 'A'.repeat(43));
    expect((await fetch(forged)).status).toBe(403);
  });

  it('a confirmation token works once, only for its call and file; a no cancels', async () => {
    const asked = await share(caller, { file_id: fx.fileIds.report });
    const token = asked.data.confirmation_token;
    const other = await callerClient({ call_id: 'another-call' });
    expect((await share(other, { file_id: fx.fileIds.report, confirmation_token: token, utterance: 'yes' })).data).toMatchObject({ error: { code: 'confirmation_invalid' } });
    expect((await share(caller, { file_id: fx.fileIds.pipeline, confirmation_token: token, utterance: 'yes' })).data).toMatchObject({ error: { code: 'file_not_found' } });
    const first = await share(caller, { file_id: fx.fileIds.report, confirmation_token: token, utterance: 'yes' });
    expect(first.data.status).toBe('shared');
    const replay = await share(caller, { file_id: fx.fileIds.report, confirmation_token: token, utterance: 'yes' });
    expect(replay).toMatchObject({ isError: true, data: { error: { code: 'confirmation_invalid' } } });
    expect(replay.speech).toBe('That confirmation is no longer valid. Let me ask you again.');

    const again = await share(caller, { file_id: fx.fileIds.report });
    const cancelled = await share(caller, { file_id: fx.fileIds.report, confirmation_token: again.data.confirmation_token, utterance: 'yes, no wait' });
    expect(cancelled).toMatchObject({ isError: false, data: { status: 'cancelled' } });
    expect(cancelled.speech).toBe("All right, I won't send anything.");
    expect((await share(caller, { file_id: fx.fileIds.report, confirmation_token: again.data.confirmation_token, utterance: 'yes' })).data).toMatchObject({ error: { code: 'confirmation_invalid' } });
    await other.close();
  });

  it('a session without the share scope cannot share; a caller cannot share what it may not see', async () => {
    const token = await fx.token({ role: 'caller', scopes: ['read'] });
    const readOnly = await McpTestClient.connect(fx.server.url, token);
    await readOnly.initialize();
    expect((await share(readOnly, { file_id: fx.fileIds.report })).data).toMatchObject({ error: { code: 'forbidden' } });
    await readOnly.close();
    expect((await share(caller, { file_id: fx.fileIds.pipeline })).data).toMatchObject({ error: { code: 'file_not_found' } });
  });

  it('used-up, wrong-tenant and unknown codes open nothing; guessing is throttled with Retry-After', async () => {
    const asked = await share(caller, { file_id: fx.fileIds.report });
    const done = await share(caller, { file_id: fx.fileIds.report, confirmation_token: asked.data.confirmation_token, utterance: 'yes' });
    const link = done.data.short_link as string;
    for (let i = 0; i < 3; i++) expect((await fetch(link, { method: 'POST', redirect: 'manual' })).status).toBe(303);
    const usedUp = await fetch(link, { method: 'POST', redirect: 'manual' });
    expect(usedUp.status).toBe(410);
    expect(await usedUp.text()).toContain('This code has been used as often as it allows.');
    await fx.server.createTenant('other', 'de');
    const wrongTenant = await fetch(link.replace('/c/acme/', '/c/other/'));
    expect(wrongTenant.status).toBe(404);
    expect(await wrongTenant.text()).toContain('lang="de"');

    let status = 0;
    let retryAfter: string | null = null;
    for (let i = 0; i < 12 && status !== 429; i++) {
      const res = await fetch(`${fx.server.url}/c/acme/${'tiger-mango-river-lemon-olive-' + ['candle', 'pilot', 'relief', 'lobby', 'bacon', 'lion', 'item', 'unit', 'drama', 'value', 'argue', 'motion'][i]}`, { method: 'POST', redirect: 'manual' });
      status = res.status;
      retryAfter = res.headers.get('retry-after');
    }
    expect(status).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('a blocked file cannot be shared (the speech says why), and no signed link serves its bytes', async () => {
    const uploaded = await fx.server.upload(fx.apiKey, 'notes.txt', eicarBytes(), { visibility: 'public' });
    const fileId = uploaded.json.file_id as string;
    expect((await fx.server.settled(fx.apiKey, fileId, 30_000)).status).toBe('infected');
    const refused = await share(caller, { file_id: fileId });
    expect(refused).toMatchObject({ isError: true, data: { error: { code: 'file_not_ready', details: { status: 'infected' } } } });
    expect(refused.speech).toBe('That file was blocked when it was checked, so I can’t send it.');

    // A correctly signed link of the local store, minted with the server's own key, still serves nothing.
    const dir = path.join(fx.server.dataDir, 'blobs', 'tenants', fx.tenantId, 'blobs');
    const key = readdirSync(dir).map((name) => `tenants/${fx.tenantId}/blobs/${name}`).find((k) => readFileSync(path.join(fx.server.dataDir, 'blobs', k)).equals(eicarBytes()));
    expect(key).toBeDefined();
    const store = new LocalBlobStore({ rootDir: path.join(fx.server.dataDir, 'blobs'), publicBaseUrl: () => fx.server.url, signingKey: deriveKeys(fx.server.rootKey).blobUrlSigning });
    expect((await fetch(await store.presignDownload(key!, { fileName: 'notes.txt' }))).status).toBe(404);
    // The same kind of link for a ready file's blob serves it: the refusal is the content's, not the link's.
    const readyKey = readdirSync(dir).map((name) => `tenants/${fx.tenantId}/blobs/${name}`).find((k) => readFileSync(path.join(fx.server.dataDir, 'blobs', k), 'utf8') === REPORT_TEXT);
    expect((await fetch(await store.presignDownload(readyKey!, { fileName: 'r.txt' }))).status).toBe(200);
  });
});
