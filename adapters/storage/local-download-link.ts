import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../../src/domain/errors.ts';

/** What a self-served download link grants: one key, until `expiresAt` (unix seconds). */
export interface DownloadLink {
  key: string;
  expiresAt: number;
  fileName: string | null;
  contentType: string | null;
}

const PARAMS = ['k', 'e', 'n', 'ct', 's'] as const;

/**
 * Query string for a link served by our own HTTP server (`/v1/blobs`): the
 * grant in clear plus an HMAC-SHA256 over it. The server keeps no state.
 */
export function signDownloadLink(link: DownloadLink, signingKey: Buffer): URLSearchParams {
  const params = new URLSearchParams({ k: link.key, e: String(link.expiresAt) });
  if (link.fileName !== null) params.set('n', link.fileName);
  if (link.contentType !== null) params.set('ct', link.contentType);
  params.set('s', signature(link, signingKey).toString('base64url'));
  return params;
}

/**
 * Check a link's query parameters. The signature is checked before the expiry,
 * so a tampered link never learns whether it would have been valid.
 */
export function verifyDownloadLink(params: URLSearchParams, signingKey: Buffer, nowSeconds: number): DownloadLink {
  for (const name of PARAMS) {
    if (params.getAll(name).length > 1) throw new DomainError('link_invalid');
  }
  const key = params.get('k');
  const expires = params.get('e');
  const provided = params.get('s');
  if (key === null || expires === null || provided === null) throw new DomainError('link_invalid');
  // Exact shapes only: Buffer.from(..., 'base64url') would silently skip stray characters.
  if (!/^\d{1,12}$/.test(expires) || !/^[A-Za-z0-9_-]{43}$/.test(provided)) throw new DomainError('link_invalid');
  const link: DownloadLink = { key, expiresAt: Number(expires), fileName: params.get('n'), contentType: params.get('ct') };
  const expected = signature(link, signingKey);
  const actual = Buffer.from(provided, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw new DomainError('link_invalid');
  if (nowSeconds > link.expiresAt) throw new DomainError('link_expired');
  return link;
}

/** JSON of a fixed-order array is an unambiguous canonical form: no field can bleed into the next. */
function signature(link: DownloadLink, signingKey: Buffer): Buffer {
  const canonical = JSON.stringify(['voicefiles-blob-download-v1', link.key, link.expiresAt, link.fileName, link.contentType]);
  return createHmac('sha256', signingKey).update(canonical).digest();
}
