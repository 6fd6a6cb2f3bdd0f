import { describe, expect, it } from 'vitest';
import { CallRegistry, type CallNotification, type LiveCallSession } from '../../../src/transport/mcp/call-registry.ts';

function fakeSession(id: string, transport: LiveCallSession['transport'] = 'websocket', alive = true) {
  const received: CallNotification[] = [];
  const session: LiveCallSession = { id, transport, notify: async (n) => (alive ? (received.push(n), true) : false) };
  return { session, received };
}

function registry(now: { t: number }, options: Partial<ConstructorParameters<typeof CallRegistry>[0]> = {}) {
  const r = new CallRegistry({ rate: { perSecond: 1, burst: 2 }, subscriptionTtlMs: 1000, maxCalls: 3, maxSubscriptionsPerCall: 2, now: () => now.t, ...options });
  r.close();
  return r;
}

describe('CallRegistry: state keyed by the call, pushed to every live session', () => {
  it('delivers to every session of the call on any transport, and to no other call', async () => {
    const r = registry({ t: 0 });
    const a = fakeSession('a', 'websocket');
    const b = fakeSession('b', 'streamable-http');
    const other = fakeSession('c', 'sse');
    r.attach('call-1', a.session);
    const detachB = r.attach('call-1', b.session);
    r.attach('call-2', other.session);
    expect(await r.message('call-1', 'info', { upload: 'received' })).toBe(2);
    expect(a.received).toEqual([{ method: 'notifications/message', params: { level: 'info', logger: 'voicefiles', data: { upload: 'received' } } }]);
    expect(other.received).toEqual([]);
    detachB();
    expect(await r.message('call-1', 'info', 'again')).toBe(1);
  });

  it('progress goes only for a token the call sent; resources/updated only when subscribed', async () => {
    const r = registry({ t: 0 });
    const a = fakeSession('a');
    r.attach('call', a.session);
    expect(await r.progress('call', 'tok', 1, 2)).toBe(0);
    r.rememberProgressToken('call', 'tok');
    expect(await r.progress('call', 'tok', 1, 2, 'half')).toBe(1);
    expect(await r.resourceUpdated('call', 'voicefiles://upload/1')).toBe(0);
    expect(r.subscribe('call', 'voicefiles://upload/1')).toBe(true);
    expect(await r.resourceUpdated('call', 'voicefiles://upload/1')).toBe(1);
    expect(a.received.map((n) => n.method)).toEqual(['notifications/progress', 'notifications/resources/updated']);
  });

  it('subscriptions outlive the connection (a platform that reconnects per tool call) until their TTL', async () => {
    const now = { t: 0 };
    const r = registry(now);
    const detach = r.attach('call', fakeSession('a').session);
    r.subscribe('call', 'u:1');
    detach();
    const next = fakeSession('b');
    r.attach('call', next.session);
    expect(await r.resourceUpdated('call', 'u:1')).toBe(1);
    now.t = 2000;
    expect(await r.resourceUpdated('call', 'u:1')).toBe(0);
  });

  it('bounds subscriptions per call and the number of calls held', () => {
    const now = { t: 0 };
    const r = registry(now);
    expect([r.subscribe('c', 'u:1'), r.subscribe('c', 'u:2'), r.subscribe('c', 'u:3')]).toEqual([true, true, false]);
    for (const key of ['x', 'y', 'z', 'w']) r.takeRateToken(key);
    expect(r.size).toBeLessThanOrEqual(3);
  });

  it('one rate limit per call, whichever connection asks', () => {
    const now = { t: 0 };
    const r = registry(now);
    expect([r.takeRateToken('call'), r.takeRateToken('call'), r.takeRateToken('call')]).toEqual([true, true, false]);
    now.t = 1000;
    expect(r.takeRateToken('call')).toBe(true);
  });

  it('sweeps calls without sessions once their state has expired', () => {
    const now = { t: 0 };
    const r = registry(now);
    r.takeRateToken('gone');
    now.t = 10_000;
    r.sweep();
    expect(r.size).toBe(0);
  });
});
