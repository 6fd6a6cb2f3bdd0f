/**
 * The code pages (/c): small, no script, one column that works on a phone, labels on
 * every field, the field focused first, text and button contrast above WCAG AA (4.5:1),
 * in the tenant's language. Everything variable is HTML-escaped.
 */
import type { SharedFileView } from '../../../app/redeem.use-case.ts';
import type { Locale } from '../../../domain/tenant.ts';
import { CODE_PAGE_TEXTS } from './code-page-texts.ts';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

// #1f1f1f on #fff is 16:1; white on #0b57d0 is 6.9:1; #5f6368 hints on #fff are 6.0:1; the focus ring is 3 px.
const STYLE = `*{box-sizing:border-box}body{margin:0;font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f1f1f;background:#fff}
main{max-width:32rem;margin:0 auto;padding:1.5rem 1rem}h1{font-size:1.5rem;line-height:1.25;margin:0 0 1rem;overflow-wrap:anywhere}
label{display:block;font-weight:600;margin:1rem 0 .25rem}.hint{color:#5f6368;font-size:.9375rem;margin:.25rem 0 0}
input{width:100%;font:inherit;padding:.75rem;border:2px solid #5f6368;border-radius:.5rem}
button{display:block;width:100%;margin-top:1.25rem;font:inherit;font-weight:600;padding:.875rem;border:0;border-radius:.5rem;color:#fff;background:#0b57d0;cursor:pointer}
input:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid #1f1f1f;outline-offset:2px}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem;margin:0}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
.notice{border-left:4px solid #0b57d0;padding:.5rem .75rem;background:#f1f4f9}a{color:#0b57d0}`;

function page(locale: Locale, heading: string, body: string): string {
  const t = CODE_PAGE_TEXTS[locale];
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`
    + `<meta name="robots" content="noindex,nofollow"><meta name="referrer" content="no-referrer"><title>${escapeHtml(heading)} – ${escapeHtml(t.title)}</title><style>${STYLE}</style></head>`
    + `<body><main><h1>${escapeHtml(heading)}</h1>${body}</main></body></html>`;
}

/** The form to enter a code: for one tenant (/c/<tenant>) or with a company field (/c). */
export function enterCodePage(locale: Locale, options: { action: string; withTenant: boolean; message?: string; value?: string }): string {
  const t = CODE_PAGE_TEXTS[locale];
  const tenantField = options.withTenant
    ? `<label for="tenant">${t.tenantLabel}</label><input id="tenant" name="tenant" autocomplete="organization" autocapitalize="none" spellcheck="false" required maxlength="63" aria-describedby="tenant-hint" autofocus><p class="hint" id="tenant-hint">${t.tenantHint}</p>`
    : '';
  const message = options.message ? `<p class="notice" role="alert">${escapeHtml(options.message)}</p>` : '';
  return page(locale, t.enterHeading,
    `${message}<form method="get" action="${escapeHtml(options.action)}">${tenantField}`
    + `<label for="code">${t.codeLabel}</label><input id="code" name="code" autocomplete="one-time-code" autocapitalize="none" spellcheck="false" required maxlength="300" aria-describedby="code-hint"${options.withTenant ? '' : ' autofocus'}${options.value ? ` value="${escapeHtml(options.value)}"` : ''}>`
    + `<p class="hint" id="code-hint">${t.codeHint}</p><button type="submit">${t.continue}</button></form>`);
}

/** What the code opens, and the button that redeems it (the only thing that uses the code). */
export function sharedFilePage(locale: Locale, file: SharedFileView, options: { action: string; corrected: boolean }): string {
  const t = CODE_PAGE_TEXTS[locale];
  const until = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(file.expiresAt);
  return page(locale, file.name,
    `${options.corrected ? `<p class="notice">${t.correctedNote}</p>` : ''}<dl><dt>${t.type}</dt><dd>${escapeHtml(typeLabel(file))}</dd><dt>${t.size}</dt><dd>${writtenSize(locale, file.size)}</dd>`
    + `<dt>${t.until}</dt><dd>${until} UTC</dd><dt>${t.usesLeft}</dt><dd>${file.usesLeft}</dd></dl>`
    + `<form method="post" action="${escapeHtml(options.action)}"><button type="submit" autofocus>${t.download}</button></form><p class="hint">${t.privacy}</p>`);
}

/** A plain page saying why the code opens nothing. */
export function messagePage(locale: Locale, heading: string, lines: readonly string[], link?: { href: string; text: string }): string {
  return page(locale, heading, `${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}${link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></p>` : ''}`);
}

function typeLabel(file: SharedFileView): string {
  const ext = /\.([a-z0-9]{1,8})$/i.exec(file.name)?.[1]?.toUpperCase();
  return ext ? `${ext} (${file.mimeType})` : file.mimeType;
}

/** "2.4 MB", "830 KB", "512 bytes" / "2,4 MB". */
export function writtenSize(locale: Locale, bytes: number): string {
  const format = (n: number) => n.toLocaleString(locale === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 });
  if (bytes < 1000) return `${bytes} ${locale === 'de' ? 'Bytes' : 'bytes'}`;
  if (bytes < 1_000_000) return `${format(bytes / 1000)} KB`;
  if (bytes < 1_000_000_000) return `${format(bytes / 1_000_000)} MB`;
  return `${format(bytes / 1_000_000_000)} GB`;
}
