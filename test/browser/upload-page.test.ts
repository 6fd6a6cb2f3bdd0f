import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { McpTestClient } from '../support/mcp-client.ts';
import { startTwoNodes, twoNodesAvailable, type TwoNodes } from '../support/two-nodes.ts';
import { existsSync } from 'node:fs';

/**
 * The /u page in Debian's Chromium (playwright-core, never a downloaded browser), across two
 * server nodes: a staff call on node A asks for an upload, the page is opened on node B, a file
 * is dropped in through the file picker, its progress bar fills, it reaches "Ready", and the
 * call on node A hears it with speech. On a desktop and on a phone's viewport (in German);
 * screenshots of each page go to test-artifacts/browser/.
 */
const CHROMIUM = '/usr/bin/chromium';
const available = twoNodesAvailable && existsSync(CHROMIUM);
const ARTIFACTS = new URL('../../test-artifacts/browser/', import.meta.url).pathname;
let nodes: TwoNodes;
let browser: Browser;
let slug: string;
let apiKey: string;

beforeAll(async () => {
  if (!available) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  nodes = await startTwoNodes();
  slug = 'browser-uploads';
  apiKey = (await nodes.a.createTenant(slug)).apiKey;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await nodes?.stop();
});

async function askForUpload(callId: string, args: Record<string, unknown>) {
  const token = await nodes.a.sessionToken(apiKey, { role: 'staff', call_id: callId, scopes: ['read', 'upload'] });
  const ws = await McpTestClient.connect(nodes.a.url, token);
  await ws.initialize();
  const asked = await ws.callTool('request-upload', args);
  return { ws, code: asked.data.code as string, link: asked.data.link as string };
}

async function heard(ws: McpTestClient, state: string, timeoutMs = 30_000): Promise<Record<string, any>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = ws.unmatched.find((m) => m.method === 'notifications/message' && (m.params as any).data.state === state);
    if (found) return (found.params as any).data;
    if (Date.now() > deadline) throw new Error(`the call never heard ${state}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function enterCode(page: Page, code: string): Promise<void> {
  await page.getByLabel(/Upload code|Upload-Code/).fill(code);
  await page.getByRole('button', { name: /Continue|Weiter/ }).click();
  await page.locator('#upload').waitFor({ state: 'visible' });
}

describe.skipIf(!available)(available ? 'the upload page in Chromium, across two nodes' : 'the upload page in Chromium (skipped: no Chromium or PostgreSQL server)', () => {
  it('desktop: code, file picker, progress, ready; the call on the other node hears it', async () => {
    const { ws, code, link } = await askForUpload('browser-call-1', { purpose: 'the signed contract', max_files: 2 });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(link.replace(nodes.a.url, nodes.b.url));
    expect(await page.title()).toBe('Upload files');
    await page.screenshot({ path: `${ARTIFACTS}desktop-code.png` });
    await enterCode(page, code.replace(/-/g, ' '));
    await expect(page.locator('#purpose').textContent()).resolves.toBe('Requested: the signed contract');
    await page.setInputFiles('#files', { name: 'Signed Contract.txt', mimeType: 'text/plain', buffer: Buffer.from('Both parties signed this contract on the first of December.\n') });
    await page.locator('#list .state.ready').waitFor({ timeout: 30_000 });
    expect(await page.locator('#list progress').getAttribute('value')).toBe('100');
    await page.screenshot({ path: `${ARTIFACTS}desktop-ready.png` });
    // A reload shows the request and its file again without asking for the code (and without using it).
    await page.reload();
    await page.locator('#list .state.ready').waitFor();
    expect(await page.locator('#code-form').isHidden()).toBe(true);
    const ready = await heard(ws, 'ready');
    expect(ready.speech).toMatch(/^Signed Contract is ready\. /);
    await page.close();
    await ws.close();
  }, 60_000);

  it('phone (German): drop-in by picker, a refused file says why, a wrong code is explained', async () => {
    const { ws, code, link } = await askForUpload('browser-call-2', { purpose: 'ein Foto vom Zähler', types: ['jpg', 'png'] });
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'de-DE', extraHTTPHeaders: { 'accept-language': 'de-DE,de;q=0.9' } });
    const page = await phone.newPage();
    await page.goto(link.replace(nodes.a.url, nodes.b.url));
    expect(await page.title()).toBe('Dateien hochladen');
    await page.getByLabel('Upload-Code').fill('tiger mango river lemon olive candle');
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.locator('#code-error', { hasText: 'öffnet keinen Upload' }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}phone-wrong-code.png` });
    await enterCode(page, code);
    expect(await page.locator('#files').getAttribute('accept')).toBe('.jpg,.png');
    // Text pretending to be a photo: refused on the server after the bytes reached storage.
    await page.setInputFiles('#files', { name: 'zaehler.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not really a jpeg') });
    await page.locator('#list .state.rejected').waitFor({ timeout: 30_000 });
    expect(await page.locator('#list .state.rejected').textContent()).toBe('Nicht angenommen – Der Inhalt passt nicht zum Namen der Datei.');
    // A type the request does not take is stopped before any byte is sent.
    await page.setInputFiles('#files', { name: 'notiz.txt', mimeType: 'text/plain', buffer: Buffer.from('hallo') });
    await page.locator('#list .state.failed').waitFor();
    expect(await page.locator('#list .state.failed').textContent()).toBe('Hochladen fehlgeschlagen – Diese Art von Datei wird hier nicht angenommen.');
    // Layout holds on a phone: nothing wider than the screen.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${ARTIFACTS}phone-results.png`, fullPage: true });
    const rejected = await heard(ws, 'rejected');
    // The bare /u asks for the company too, and opens the same request from it.
    const bare = await phone.newPage();
    await bare.goto(`${nodes.b.url}/u`);
    await bare.getByLabel('Firma').fill(slug.toUpperCase());
    await enterCode(bare, code);
    await expect(bare.locator('#purpose').textContent()).resolves.toBe('Angefragt: ein Foto vom Zähler');
    await bare.screenshot({ path: `${ARTIFACTS}phone-bare-u.png` });
    // The call speaks the tenant's language (English here), whatever the page's.
    expect(rejected.speech).toBe("Zaehler wasn't accepted because its content doesn't match its name.");
    await phone.close();
    await ws.close();
  }, 60_000);
});
