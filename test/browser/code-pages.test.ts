/**
 * The /c pages in Debian's Chromium (playwright-core, never a downloaded browser): a code
 * heard on a call is typed into the tenant's page, the file's page shows name, type and size,
 * Download delivers exactly the shared bytes; an expired code gets a plain page; the same on a
 * phone's viewport and in German. Checks labels, focus order and no horizontal scrolling;
 * screenshots of each page go to test-artifacts/browser/.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withClamd } from '../support/mcp-fixture.ts';
import { startShareFixture, type ShareFixture } from '../support/share-fixture.ts';

const CHROMIUM = '/usr/bin/chromium';
const available = withClamd && existsSync(CHROMIUM);
const ARTIFACTS = new URL('../../test-artifacts/browser/', import.meta.url).pathname;
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
let fx: ShareFixture;
let browser: Browser;

beforeAll(async () => {
  if (!available) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  fx = await startShareFixture([
    { slug: 'acme', locale: 'en', name: 'Q2 Financial Report.txt', content: 'Revenue grew by twelve percent in the second quarter.\n' },
    { slug: 'firma', locale: 'de', name: 'Angebot Müller.txt', content: 'Angebot für Familie Müller: Dachsanierung, 12.400 Euro.\n' },
  ]);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await fx?.stop();
});

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${ARTIFACTS}code-${name}.png`, fullPage: true });
}

/** Nothing wider than the viewport (no sideways scrolling on a phone). */
async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
}

async function openAndDownload(context: BrowserContext, slug: string, typed: string, names: { label: RegExp; button: RegExp; download: RegExp }, prefix: string): Promise<Buffer> {
  const page = await context.newPage();
  await page.goto(`${fx.server.url}/c/${slug}`);
  await shot(page, `${prefix}-enter`);
  expect(await fitsWidth(page)).toBe(true);
  // The code field has a label and has the focus first; Tab goes on to the button.
  const field = page.getByLabel(names.label);
  await expect.poll(() => field.evaluate((el) => el === (globalThis as any).document.activeElement)).toBe(true);
  await field.fill(typed);
  await page.keyboard.press('Tab');
  expect(await page.evaluate<string>('document.activeElement && document.activeElement.tagName')).toBe('BUTTON');
  await page.getByRole('button', { name: names.button }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await shot(page, `${prefix}-file`);
  expect(await fitsWidth(page)).toBe(true);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: names.download }).click()]);
  const file = await download.path();
  await page.close();
  return readFileSync(file);
}

describe.skipIf(!available)(available ? 'the code pages in Chromium' : 'the code pages in Chromium (skipped: no Chromium or clamd)', () => {
  it('desktop, English: a caller finds the file, shares it after a yes, and the code opens it: Download delivers its bytes', async () => {
    const shared = await fx.share('acme', 'um could you pull up the q two financial report');
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 800 } });
    // Typed as heard: capitals and spaces instead of hyphens.
    const bytes = await openAndDownload(context, 'acme', (shared.code_words as string[]).join(' ').toUpperCase(), { label: /Your code/, button: /Continue/, download: /Download/ }, 'desktop-en');
    expect(bytes.toString('utf8')).toBe(fx.tenants.acme!.content);
    const page = await context.newPage();
    await page.goto(shared.short_link as string);
    await expect.poll(() => page.locator('dd').nth(3).textContent()).toBe('2');
    await context.close();
  });

  it('phone, German: the keypad form opens the file; the pages fit the screen', async () => {
    const shared = await fx.share('firma', 'ähm das angebot für müller');
    const context = await browser.newContext({ acceptDownloads: true, locale: 'de-DE', ...PHONE });
    const bytes = await openAndDownload(context, 'firma', shared.keypad_code as string, { label: /Ihr Code/, button: /Weiter/, download: /Herunterladen/ }, 'phone-de');
    expect(bytes.toString('utf8')).toBe(fx.tenants.firma!.content);
    const page = await context.newPage();
    await page.goto(`${fx.server.url}/c`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expect.poll(() => page.getByLabel('Company').evaluate((el) => el === (globalThis as any).document.activeElement)).toBe(true);
    await shot(page, 'phone-entry');
    expect(await fitsWidth(page)).toBe(true);
    await context.close();
  });

  it('an expired code and an unknown code get plain pages (phone and desktop)', async () => {
    const shared = await fx.share('acme', 'the q2 financial report');
    const unknown = await browser.newPage();
    await unknown.goto(`${fx.server.url}/c/acme/tiger-mango-river-lemon-olive-candle`);
    await expect.poll(() => unknown.getByRole('alert').textContent()).toContain('We could not find that code');
    await shot(unknown, 'desktop-en-not-found');
    await unknown.close();

    fx.clock.advance(25 * 3600);
    for (const [name, options] of [['phone', PHONE], ['desktop', { viewport: { width: 1280, height: 800 } }]] as const) {
      const context = await browser.newContext(options);
      const page = await context.newPage();
      const response = await page.goto(shared.short_link as string);
      expect(response?.status()).toBe(410);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('This code has expired.');
      expect(await page.getByRole('button').count()).toBe(0);
      await shot(page, `${name}-en-expired`);
      expect(await fitsWidth(page)).toBe(true);
      await context.close();
    }
  });
});
