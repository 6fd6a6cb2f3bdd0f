import type { ServerResponse } from 'node:http';
import { redeemSharedFile, viewSharedFile, type RedeemDeps, type RedeemPage } from '../../../app/redeem.use-case.ts';
import type { Locale } from '../../../domain/tenant.ts';
import { CODE_PAGE_TEXTS } from '../pages/code-page-texts.ts';
import { enterCodePage, messagePage, sharedFilePage } from '../pages/code-pages.ts';
import { PARAMS, QUERIES } from '../request-schemas.ts';
import type { Router } from '../router.ts';

/** Headers of every code page: never cached or indexed, no referrer (the code is in the URL), no script, no framing. */
const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex, nofollow',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'",
} as const;

function sendPage(res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...PAGE_HEADERS, 'Content-Length': Buffer.byteLength(html), ...headers });
  res.end(html);
}

/** The code written into a URL path: lower case, words joined by hyphens. */
export function codePath(text: string): string {
  return encodeURIComponent(text.trim().toLowerCase().replace(/[\s,;.]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '') || '-');
}

export interface CodeRouteDeps {
  redeem: RedeemDeps;
  /** Language of pages without a tenant (/c). */
  defaultLocale: Locale;
}

/**
 * The browser side of spoken download codes: `GET /c` and `GET /c/<tenant>` ask for the
 * code; `GET /c/<tenant>/<code>` shows the file (uses nothing); `POST /c/<tenant>/<code>`
 * redeems and answers 303 to a freshly minted download URL.
 */
export function codeRoutes(router: Router, deps: CodeRouteDeps): void {
  router.add<{ tenant?: string; code?: string }>('GET', '/c', async (_req, res, ctx) => {
    if (ctx.query.tenant && ctx.query.code) return redirect(res, `/c/${ctx.query.tenant}/${codePath(ctx.query.code)}`);
    sendPage(res, 200, enterCodePage(deps.defaultLocale, { action: '/c', withTenant: true }));
  }, { query: QUERIES.codeEntry });

  router.add<{ tenant?: string; code?: string }>('GET', '/c/:slug', async (_req, res, ctx) => {
    const slug = ctx.params.slug!;
    if (ctx.query.code) return redirect(res, `/c/${slug}/${codePath(ctx.query.code)}`);
    const tenant = await deps.redeem.tenants.getTenantBySlug(slug);
    const locale = tenant?.locale ?? deps.defaultLocale;
    if (!tenant) return sendPage(res, 404, messagePage(locale, CODE_PAGE_TEXTS[locale].title, [CODE_PAGE_TEXTS[locale].notFound], { href: '/c', text: CODE_PAGE_TEXTS[locale].enterHeading }));
    sendPage(res, 200, enterCodePage(locale, { action: `/c/${slug}`, withTenant: false }));
  }, { params: PARAMS.codeTenant, query: QUERIES.codeEntry });

  router.add('GET', '/c/:slug/:code', async (_req, res, ctx) => {
    const shown = await viewSharedFile(deps.redeem, { tenantSlug: ctx.params.slug!, text: ctx.params.code!, address: ctx.clientAddress, requestId: ctx.requestId });
    answer(res, shown, deps.defaultLocale, ctx.params.slug!, ctx.params.code!);
  }, { params: PARAMS.code });

  router.add('POST', '/c/:slug/:code', async (_req, res, ctx) => {
    const redeemed = await redeemSharedFile(deps.redeem, { tenantSlug: ctx.params.slug!, text: ctx.params.code!, address: ctx.clientAddress, requestId: ctx.requestId });
    answer(res, redeemed, deps.defaultLocale, ctx.params.slug!, ctx.params.code!);
  }, { params: PARAMS.code });
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { Location: location, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'Content-Length': 0 });
  res.end();
}

function answer(res: ServerResponse, shown: RedeemPage, defaultLocale: Locale, slug: string, code: string): void {
  const locale = shown.tenant?.locale ?? defaultLocale;
  const t = CODE_PAGE_TEXTS[locale];
  const again = { href: `/c/${encodeURIComponent(slug)}`, text: t.enterHeading };
  switch (shown.page) {
    case 'file':
      return sendPage(res, 200, sharedFilePage(locale, shown.file, { action: `/c/${encodeURIComponent(slug)}/${codePath(code)}`, corrected: shown.corrected }));
    case 'download':
      res.writeHead(303, { Location: shown.url, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'Content-Length': 0 });
      res.end();
      return;
    case 'unusable':
      return sendPage(res, 410, messagePage(locale, t.unusable[shown.state], [t.askAgain]));
    case 'unavailable':
      return sendPage(res, 410, messagePage(locale, t.unavailable, [t.askAgain]));
    case 'throttled':
      return sendPage(res, 429, messagePage(locale, t.title, [t.throttled(Math.max(1, Math.ceil(shown.retryAfterSeconds / 60)))]), { 'Retry-After': String(shown.retryAfterSeconds) });
    case 'not_found':
      return shown.tenant
        ? sendPage(res, 404, enterCodePage(locale, { action: `/c/${encodeURIComponent(slug)}`, withTenant: false, message: t.notFound }))
        : sendPage(res, 404, messagePage(locale, t.title, [t.notFound], { href: '/c', text: t.enterHeading }));
  }
}
