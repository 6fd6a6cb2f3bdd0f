import type { IncomingMessage } from 'node:http';
import { completeUploadFile, openUploadByCode, reserveUploadFile, uploadPageStatus, type UploadPageDeps } from '../../../app/upload-page.use-case.ts';
import { uploadJson } from '../../../app/upload-requests.use-case.ts';
import { verifyUploadTicket } from '../../../app/upload-tickets.ts';
import type { Locale } from '../../../domain/tenant.ts';
import { sendJson } from '../http-kit.ts';
import { UPLOAD_PAGE_BODIES, UPLOAD_PAGE_PARAMS, UPLOAD_PAGE_QUERY } from '../request-schemas.ts';
import type { Router } from '../router.ts';
import { sendUploadPage, sendUploadScript, sendUploadStyle } from '../pages/upload.page.ts';

export interface UploadPageRouteDeps {
  page: UploadPageDeps;
  now?: () => Date;
}

/**
 * The tenant's upload page (`GET /u/<slug>`, phone-friendly, en and de) and its small JSON API:
 * open with a code (`POST /u/<slug>/open`, throttled per tenant, address and code), then, with the ticket that returns, announce
 * each file (`POST /u/api/files`: limits checked, a presigned or signed link back), write it
 * straight to storage, and complete it (`POST /u/api/files/<blob_id>/complete`: intake runs).
 */
export function uploadPageRoutes(router: Router, deps: UploadPageRouteDeps): void {
  const now = deps.now ?? (() => new Date());
  // The assets first: `/u/:slug` would match them too (a slug has no dot, so never the other way round).
  router.add('GET', '/u/upload.js', async (_req, res) => sendUploadScript(res));
  router.add('GET', '/u/upload.css', async (_req, res) => sendUploadStyle(res));

  router.add('GET', '/u/api/status', async (req, res) => {
    sendJson(res, 200, { upload: uploadJson(await uploadPageStatus(deps.page, ticketOf(req), now())) });
  });

  router.add('GET', '/u', async (req, res) => sendUploadPage(res, localeOf(req)), { query: UPLOAD_PAGE_QUERY });
  router.add('GET', '/u/:slug', async (req, res, ctx) => sendUploadPage(res, localeOf(req), ctx.params.slug!), { params: UPLOAD_PAGE_PARAMS.tenant, query: UPLOAD_PAGE_QUERY });

  router.add<Record<string, unknown>, { code: string }>(
    'POST',
    '/u/:slug/open',
    async (req, res, ctx) => {
      const { code } = await ctx.body();
      const { ticket, view } = await openUploadByCode(deps.page, { slug: ctx.params.slug!, text: code, address: ctx.clientAddress }, now());
      sendJson(res, 200, { ticket, upload: uploadJson(view) });
    },
    { params: UPLOAD_PAGE_PARAMS.tenant, body: UPLOAD_PAGE_BODIES.open },
  );


  router.add<Record<string, unknown>, { name: string; size: number }>(
    'POST',
    '/u/api/files',
    async (req, res, ctx) => {
      const token = ticketOf(req);
      // The ticket first: a stranger's body is never read.
      verifyUploadTicket(token, deps.page.ticketKey, Math.floor(now().getTime() / 1000));
      const file = await ctx.body();
      const { blobId, upload, maxBytes } = await reserveUploadFile(deps.page, token, file, now());
      sendJson(res, 201, { blob_id: blobId, max_bytes: maxBytes, upload: { method: upload.method, url: upload.url, fields: upload.fields, expires_at: upload.expiresAt.toISOString() } });
    },
    { body: UPLOAD_PAGE_BODIES.file },
  );

  router.add(
    'POST',
    '/u/api/files/:blob_id/complete',
    async (req, res, ctx) => {
      const abort = new AbortController();
      const view = await completeUploadFile(deps.page, ticketOf(req), ctx.params.blob_id!, { requestId: ctx.requestId }, abort.signal, now());
      sendJson(res, 200, { upload: uploadJson(view) });
    },
    { params: UPLOAD_PAGE_PARAMS.file },
  );
}

function ticketOf(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  return typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : null;
}

/** German when the browser prefers it (or `?lang=de`), English otherwise. */
export function localeOf(req: IncomingMessage): Locale {
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams.get('lang');
  if (query === 'de' || query === 'en') return query;
  const accepted = String(req.headers['accept-language'] ?? '').toLowerCase();
  const de = accepted.indexOf('de');
  const en = accepted.indexOf('en');
  return de !== -1 && (en === -1 || de < en) ? 'de' : 'en';
}
