import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../../src/domain/errors.ts';

/** What a self-served upload link grants: writing one key, of one content type, at most `maxBytes`, until `expiresAt` (unix seconds). */
export interface UploadLink {
  key: string;
  expiresAt: number;
  contentType: string;
  maxBytes: number;
}

const PARAMS = ['k', 'e', 'ct', 'max', 's'] as const;

/** Query string for an upload link our own HTTP server takes (`PUT /v1/blobs/upload`): the grant in clear plus an HMAC over it. */
export function signUploadLink(link: UploadLink, signingKey: Buffer): URLSearchParams {
  const params = new URLSearchParams({ k: link.key, e: String(link.expiresAt), ct: link.contentType, max: String(link.maxBytes) });
  params.set('s', signature(link, signingKey).toString('base64url'));
  return params;
}

/** Check an upload link; the signature before the expiry, so an altered link never learns whether it would have been valid. */
export function verifyUploadLink(params: URLSearchParams, signingKey: Buffer, nowSeconds: number): UploadLink {
  for (const name of PARAMS) if (params.getAll(name).length !== 1) throw new DomainError('link_invalid');
  const [key, expires, contentType, max, provided] = PARAMS.map((name) => params.get(name)!);
  if (!/^\d{1,12}$/.test(expires!) || !/^\d{1,15}$/.test(max!) || !/^[A-Za-z0-9_-]{43}$/.test(provided!)) throw new DomainError('link_invalid');
  const link: UploadLink = { key: key!, expiresAt: Number(expires), contentType: contentType!, maxBytes: Number(max) };
  const expected = signature(link, signingKey);
  const actual = Buffer.from(provided!, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw new DomainError('link_invalid');
  if (nowSeconds > link.expiresAt) throw new DomainError('link_expired');
  return link;
}

// A different purpose string from download links: a download signature never validates as an upload.
function signature(link: UploadLink, signingKey: Buffer): Buffer {
  const canonical = JSON.stringify(['voicefiles-blob-upload-v1', link.key, link.expiresAt, link.contentType, link.maxBytes]);
  return createHmac('sha256', signingKey).update(canonical).digest();
}
