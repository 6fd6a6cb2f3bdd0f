/**
 * The signature on every webhook request: header
 *   Voicefiles-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 * Receivers verify it with `verifyWebhookSignature` or the recipe in README.md here:
 * recompute the HMAC over the timestamp, a dot and the raw body bytes, compare in
 * constant time, and refuse a timestamp outside the replay window.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'voicefiles-signature';
/** Requests older or newer than this (seconds) are refused by verification: the replay window. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** The header value for `body` signed at `timestampSeconds`. */
export function signWebhookBody(secret: string, body: string, timestampSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}

export type SignatureCheck = { ok: true; timestampSeconds: number } | { ok: false; reason: 'malformed' | 'mismatch' | 'outside_window' };

/** Verify a signature header against the raw body; `nowSeconds` defaults to the clock. */
export function verifyWebhookSignature(input: { header: string | undefined; body: string | Buffer; secret: string; nowSeconds?: number; toleranceSeconds?: number }): SignatureCheck {
  const parts = new Map((input.header ?? '').split(',').map((part) => part.trim().split('=', 2) as [string, string | undefined]));
  const timestamp = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(given)) return { ok: false, reason: 'malformed' };
  const body = typeof input.body === 'string' ? input.body : input.body.toString('utf8');
  const expected = createHmac('sha256', input.secret).update(`${timestamp}.${body}`).digest();
  if (!timingSafeEqual(expected, Buffer.from(given, 'hex'))) return { ok: false, reason: 'mismatch' };
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return { ok: false, reason: 'outside_window' };
  return { ok: true, timestampSeconds: timestamp };
}
