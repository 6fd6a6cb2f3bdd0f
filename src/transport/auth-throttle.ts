import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';
import { DomainError } from '../domain/errors.ts';

/**
 * Throttling of failed authentication per client address, for every credential
 * we accept (admin token, tenant API keys, session tokens), over HTTP and the MCP
 * transports alike. A token bucket per address: each refused credential takes one
 * token; `burst` in a row are allowed, then one more every `60 / perMinute`
 * seconds. While the bucket is empty, requests that carry a credential from that
 * address are answered 429 `rate_limited` with `Retry-After`, without checking
 * the credential. Successes take nothing (and give nothing back, so a valid key
 * cannot launder guesses). IPv6 addresses count per /64, the smallest block a
 * client is usually given.
 *
 * The narrow hook for transports:
 *   const wait = throttle.retryAfterSeconds(address);   // > 0: refuse with rateLimitedError(wait)
 *   ...verify the credential; on refusal: throttle.recordFailure(address)
 */
export interface AuthThrottleOptions {
  /** Failures allowed in a row. */
  burst: number;
  /** How many come back per minute. */
  perMinute: number;
  /** Addresses remembered at most; the least recently failing are forgotten first (default 100,000). */
  maxAddresses?: number;
  /** Milliseconds now; injectable for tests. */
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class AuthThrottle {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;
  private readonly perMs: number;

  constructor(private readonly options: AuthThrottleOptions) {
    this.now = options.now ?? Date.now;
    this.perMs = options.perMinute / 60_000;
  }

  /** Whole seconds until `address` may present a credential again; 0 when it may now. */
  retryAfterSeconds(address: string): number {
    const bucket = this.buckets.get(groupOf(address));
    if (!bucket) return 0;
    const tokens = this.refilled(bucket);
    return tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000));
  }

  /** A credential presented from `address` was refused. */
  recordFailure(address: string): void {
    const key = groupOf(address);
    const bucket = this.buckets.get(key);
    const tokens = (bucket ? this.refilled(bucket) : this.options.burst) - 1;
    this.buckets.delete(key);
    this.buckets.set(key, { tokens, at: this.now() });
    const max = this.options.maxAddresses ?? 100_000;
    while (this.buckets.size > max) {
      const oldest = this.buckets.keys().next().value;
      if (oldest === undefined) break;
      this.buckets.delete(oldest);
    }
  }

  private refilled(bucket: Bucket): number {
    return Math.min(this.options.burst, bucket.tokens + (this.now() - bucket.at) * this.perMs);
  }
}

/** The 429 answer for a throttled address; send `Retry-After: <seconds>` with it. */
export function rateLimitedError(retryAfterSeconds: number): DomainError {
  return new DomainError('rate_limited', `Too many failed sign-ins from this address; try again in ${retryAfterSeconds} seconds.`, {
    details: { retry_after_seconds: retryAfterSeconds },
  });
}

/**
 * The client's address: the socket's peer, or with `trustProxyHops` reverse proxies
 * in front (each appending to X-Forwarded-For), the entry the outermost trusted one added.
 */
export function clientAddressOf(req: IncomingMessage, trustProxyHops: number): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (trustProxyHops <= 0) return peer;
  const forwarded = String(req.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => isIP(entry) !== 0);
  return forwarded[forwarded.length - trustProxyHops] ?? forwarded[0] ?? peer;
}

/** IPv4 as is (also when IPv4-mapped); IPv6 by its /64 prefix. */
function groupOf(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIP(address) !== 6) return address;
  return `${expandIpv6(address).slice(0, 4).join(':')}::/64`;
}

function expandIpv6(address: string): string[] {
  const [head = '', tail = ''] = address.split('%')[0]!.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const gap = address.includes('::') ? Array(Math.max(0, 8 - left.length - right.length)).fill('0') : [];
  return [...left, ...gap, ...right].map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''));
}
