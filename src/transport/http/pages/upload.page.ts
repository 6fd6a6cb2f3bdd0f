import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { Locale } from '../../../domain/tenant.ts';
import { UPLOAD_PAGE_REASONS, UPLOAD_PAGE_TEXTS } from './upload-texts.ts';

const SCRIPT = readFileSync(new URL('./upload-page.js', import.meta.url), 'utf8');
const STYLE = readFileSync(new URL('./upload-page.css', import.meta.url), 'utf8');

/** Pages run only our own script and style; uploads may go to the storage's origin (S3), so connect-src is open to http(s). */
const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self' https: http:; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The page: a code form first; the script shows the request, the drop zone and the files once the code is accepted. */
export function sendUploadPage(res: ServerResponse, locale: Locale, slug: string | null = null): void {
  const t = UPLOAD_PAGE_TEXTS[locale];
  const texts = JSON.stringify({ ...t, reasons: UPLOAD_PAGE_REASONS[locale], locale }).replace(/</g, '\\u003c');
  const html = `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title!)}</title>
<link rel="stylesheet" href="/u/upload.css">
<script type="application/json" id="texts">${texts}</script>
<script src="/u/upload.js" defer></script>
</head>
<body>
<main>
<h1>${escapeHtml(t.title!)}</h1>
<form id="code-form" novalidate>
<p>${escapeHtml(t.intro!)}</p>
${slug === null ? `<label for="company">${escapeHtml(t.companyLabel!)}</label>
<input id="company" name="company" autocomplete="organization" autocapitalize="none" spellcheck="false" required aria-describedby="company-hint" maxlength="63">
<p id="company-hint" class="hint">${escapeHtml(t.companyHint!)}</p>
` : ''}<label for="code">${escapeHtml(t.codeLabel!)}</label>
<input id="code" name="code" autocomplete="off" autocapitalize="none" spellcheck="false" required aria-describedby="code-hint code-error" maxlength="300">
<p id="code-hint" class="hint">${escapeHtml(t.codeHint!)}</p>
<p id="code-error" class="error" role="alert"></p>
<button type="submit">${escapeHtml(t.open!)}</button>
</form>
<section id="upload" hidden aria-labelledby="purpose">
<h2 id="purpose"></h2>
<p id="limits"></p>
<div id="drop" class="drop">
<p>${escapeHtml(t.drop!)} <label class="button" for="files">${escapeHtml(t.choose!)}</label></p>
<input id="files" type="file" multiple class="visually-hidden">
</div>
<p id="upload-error" class="error" role="alert"></p>
<ul id="list" aria-live="polite"></ul>
</section>
</main>
</body>
</html>`;
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html), ...SECURITY_HEADERS });
  res.end(html);
}

export function sendUploadScript(res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Content-Length': Buffer.byteLength(SCRIPT), ...SECURITY_HEADERS, 'Cache-Control': 'public, max-age=300' });
  res.end(SCRIPT);
}

export function sendUploadStyle(res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'text/css; charset=utf-8', 'Content-Length': Buffer.byteLength(STYLE), ...SECURITY_HEADERS, 'Cache-Control': 'public, max-age=300' });
  res.end(STYLE);
}
