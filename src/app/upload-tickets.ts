import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../domain/errors.ts';

/** What the upload page may do after its code was accepted: one request of one tenant, until `expiresAt` (unix seconds). */
export interface UploadTicket {
  tenantId: string;
  uploadId: string;
  expiresAt: number;
}

/**
 * A short bearer ticket for the /u page's API calls once a code was accepted, so the code
 * itself is sent (and throttled, and counted) once. HMAC-SHA256 over a fixed-order array;
 * the server keeps no state. Sent as `Authorization: Bearer`, never in a URL or a cookie.
 */
export function signUploadTicket(ticket: UploadTicket, key: Buffer): string {
  const body = Buffer.from(JSON.stringify([ticket.tenantId, ticket.uploadId, ticket.expiresAt])).toString('base64url');
  return `vfu1.${body}.${mac(body, key)}`;
}

export function verifyUploadTicket(token: string | null, key: Buffer, nowSeconds: number): UploadTicket {
  const match = token === null ? null : /^vfu1\.([A-Za-z0-9_-]{1,400})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) throw new DomainError('unauthenticated', 'Enter the upload code first.');
  const expected = Buffer.from(mac(match[1]!, key), 'base64url');
  const actual = Buffer.from(match[2]!, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw new DomainError('unauthenticated', 'Enter the upload code first.');
  const [tenantId, uploadId, expiresAt] = JSON.parse(Buffer.from(match[1]!, 'base64url').toString('utf8')) as [string, string, number];
  if (nowSeconds > expiresAt) throw new DomainError('token_expired', 'The page has been open too long; enter the code again.');
  return { tenantId, uploadId, expiresAt };
}

function mac(body: string, key: Buffer): string {
  return createHmac('sha256', key).update(`voicefiles-upload-ticket-v1.${body}`).digest('base64url');
}
