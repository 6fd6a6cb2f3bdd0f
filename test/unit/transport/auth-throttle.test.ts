import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { AuthThrottle, clientAddressOf, rateLimitedError } from '../../../src/transport/auth-throttle.ts';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('failed-authentication throttle per client address', () => {
  it('allows a burst of failures, then refuses until an allowance comes back', () => {
    const time = clock();
    const throttle = new AuthThrottle({ burst: 3, perMinute: 6, now: time.now });
    for (let i = 0; i < 3; i++) {
      expect(throttle.retryAfterSeconds('203.0.113.7')).toBe(0);
      throttle.recordFailure('203.0.113.7');
    }
    expect(throttle.retryAfterSeconds('203.0.113.7')).toBe(10);
    time.advance(4_000);
    expect(throttle.retryAfterSeconds('203.0.113.7')).toBe(6);
    time.advance(6_000);
    expect(throttle.retryAfterSeconds('203.0.113.7')).toBe(0);
    throttle.recordFailure('203.0.113.7');
    expect(throttle.retryAfterSeconds('203.0.113.7')).toBe(10);
  });

  it('keeps addresses apart, but counts an IPv6 /64 and an IPv4-mapped address as one client', () => {
    const throttle = new AuthThrottle({ burst: 2, perMinute: 1, now: clock().now });
    throttle.recordFailure('2001:db8:1:2::1');
    throttle.recordFailure('2001:0db8:0001:0002:ffff::9');
    expect(throttle.retryAfterSeconds('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBeGreaterThan(0);
    expect(throttle.retryAfterSeconds('2001:db8:1:3::1')).toBe(0);
    throttle.recordFailure('::ffff:198.51.100.4');
    throttle.recordFailure('198.51.100.4');
    expect(throttle.retryAfterSeconds('198.51.100.4')).toBeGreaterThan(0);
    expect(throttle.retryAfterSeconds('198.51.100.5')).toBe(0);
  });

  it('forgets the least recently failing addresses past its bound, so memory stays bounded', () => {
    const throttle = new AuthThrottle({ burst: 1, perMinute: 1, maxAddresses: 100, now: clock().now });
    for (let i = 0; i < 1000; i++) throttle.recordFailure(`10.0.${i >> 8}.${i & 255}`);
    expect(throttle.retryAfterSeconds('10.0.3.231')).toBeGreaterThan(0);
    expect(throttle.retryAfterSeconds('10.0.0.1')).toBe(0);
  });

  it('says how long to wait, as a 429 rate_limited with details', () => {
    const error = rateLimitedError(12);
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, details: { retry_after_seconds: 12 } });
    expect(error.message).toContain('12 seconds');
  });

  it('takes the client address from the socket, or from X-Forwarded-For behind trusted proxies only', () => {
    const req = (peer: string, forwarded?: string) => ({ socket: { remoteAddress: peer }, headers: forwarded ? { 'x-forwarded-for': forwarded } : {} }) as unknown as IncomingMessage;
    expect(clientAddressOf(req('10.1.1.1', '6.6.6.6'), 0)).toBe('10.1.1.1');
    expect(clientAddressOf(req('10.1.1.1', '6.6.6.6, 203.0.113.9'), 1)).toBe('203.0.113.9');
    expect(clientAddressOf(req('10.1.1.1', '6.6.6.6, 203.0.113.9, 10.0.0.2'), 2)).toBe('203.0.113.9');
    expect(clientAddressOf(req('10.1.1.1', 'not-an-ip'), 1)).toBe('10.1.1.1');
  });
});
