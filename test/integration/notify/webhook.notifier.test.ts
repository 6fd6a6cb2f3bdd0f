import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isNonPublicAddress } from '../../../adapters/notify/address-policy.ts';
import { WebhookNotifier, type NotifyLogger } from '../../../adapters/notify/webhook.notifier.ts';
import { signWebhookBody, verifyWebhookSignature } from '../../../adapters/notify/webhook-signature.ts';
import type { NotificationMessage } from '../../../src/ports/notifier.port.ts';

const SECRET = 'tenant-webhook-secret-0123456789abcdef';
const message: NotificationMessage = {
  id: 'msg-1', type: 'share.created', tenantId: 'tenant-1', occurredAt: new Date('2026-05-23T10:00:00Z'), locale: 'en',
  recipient: { name: 'Sam', phone: '+441234567890' }, link: 'https://files.example/c/acme', code: { words: 'tiger-mango-river-lemon-olive-candle', keypad: '112 034 398 200 017 441' },
  expiresAt: new Date('2026-05-24T10:00:00Z'), text: 'Your file is ready.',
};

interface Received { path: string; headers: IncomingMessage['headers']; body: string }
let server: Server;
let base: string;
let received: Received[] = [];
/** What the server does with the n-th request (0-based); the default answers 204. */
let behave: (n: number, req: IncomingMessage, res: ServerResponse) => void = (_, __, res) => res.writeHead(204).end();

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      behave(received.length - 1, req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
afterEach(() => {
  received = [];
  behave = (_, __, res) => res.writeHead(204).end();
  server.closeAllConnections();
});

/** A logger that keeps every line it is given, to prove what is (not) logged. */
function recordingLogger(): NotifyLogger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (f, m) => lines.push(JSON.stringify({ ...f, m })), warn: (f, m) => lines.push(JSON.stringify({ ...f, m })) };
}

const delays: number[] = [];
const notifier = (options: ConstructorParameters<typeof WebhookNotifier>[0] = {}) => new WebhookNotifier({
  allowPrivateAddresses: true, timeoutMs: 1000, maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 200, random: () => 0,
  sleep: async (ms) => { delays.push(ms); }, ...options,
});

describe('webhook notifier against a real HTTP server', () => {
  it('delivers a signed JSON payload once', async () => {
    const result = await notifier().notify({ url: `${base}/hooks/sms?token=abc`, secret: SECRET }, message);
    expect(result).toEqual({ delivered: true, attempts: 1, status: 204 });
    expect(received).toHaveLength(1);
    const [request] = received as [Received];
    expect(request.path).toBe('/hooks/sms?token=abc');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['voicefiles-event-id']).toBe('msg-1');
    expect(JSON.parse(request.body)).toEqual({
      id: 'msg-1', type: 'share.created', tenant_id: 'tenant-1', occurred_at: '2026-05-23T10:00:00.000Z', locale: 'en',
      recipient: { name: 'Sam', phone: '+441234567890' }, link: 'https://files.example/c/acme', code: 'tiger-mango-river-lemon-olive-candle',
      keypad_code: '112 034 398 200 017 441', expires_at: '2026-05-24T10:00:00.000Z', text: 'Your file is ready.',
    });
    expect(verifyWebhookSignature({ header: request.headers['voicefiles-signature'] as string, body: request.body, secret: SECRET })).toMatchObject({ ok: true });
  });

  it('retries a 5xx with backoff, then delivers; the same event id each time, signed afresh', async () => {
    behave = (n, _, res) => res.writeHead(n < 2 ? 503 : 200).end();
    delays.length = 0;
    const result = await notifier().notify({ url: `${base}/hook`, secret: SECRET }, message);
    expect(result).toEqual({ delivered: true, attempts: 3, status: 200 });
    expect(received.map((r) => r.headers['voicefiles-event-id'])).toEqual(['msg-1', 'msg-1', 'msg-1']);
    expect(delays).toEqual([5, 10]); // equal jitter with random 0: half of 10 ms, then half of 20 ms
    for (const r of received) expect(verifyWebhookSignature({ header: r.headers['voicefiles-signature'] as string, body: r.body, secret: SECRET }).ok).toBe(true);
  });

  it('honours Retry-After up to the longest delay', async () => {
    behave = (n, _, res) => (n === 0 ? res.writeHead(429, { 'retry-after': '120' }).end() : res.writeHead(200).end());
    delays.length = 0;
    expect(await notifier().notify({ url: `${base}/hook`, secret: SECRET }, message)).toMatchObject({ delivered: true, attempts: 2 });
    expect(delays).toEqual([200]);
  });

  it('times out a server that never answers, retries, and gives up after the last attempt', async () => {
    behave = () => undefined; // hold the request open
    const started = Date.now();
    const result = await notifier({ timeoutMs: 150, maxAttempts: 3 }).notify({ url: `${base}/slow`, secret: SECRET }, message);
    expect(result).toEqual({ delivered: false, attempts: 3, reason: 'timeout' });
    expect(received).toHaveLength(3);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('stops at a permanent 4xx without retrying', async () => {
    behave = (_, __, res) => res.writeHead(410).end('gone');
    expect(await notifier().notify({ url: `${base}/gone`, secret: SECRET }, message)).toEqual({ delivered: false, attempts: 1, status: 410, reason: 'rejected' });
    expect(received).toHaveLength(1);
  });

  it('never follows a redirect', async () => {
    behave = (n, req, res) => (req.url === '/elsewhere' ? res.writeHead(200).end() : res.writeHead(302, { location: `${base}/elsewhere` }).end());
    expect(await notifier().notify({ url: `${base}/moved`, secret: SECRET }, message)).toEqual({ delivered: false, attempts: 1, status: 302, reason: 'redirect_refused' });
    expect(received.map((r) => r.path)).toEqual(['/moved']);
  });

  it.each(['ftp://127.0.0.1/x', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url', 'http://user:pass@127.0.0.1/'])('refuses %s without a request', async (url) => {
    expect(await notifier().notify({ url, secret: SECRET }, message)).toEqual({ delivered: false, attempts: 0, reason: 'url_refused' });
    expect(received).toHaveLength(0);
  });

  it('refuses loopback and private addresses unless allowed, by literal and by name, before connecting', async () => {
    const strict = notifier({ allowPrivateAddresses: false });
    const port = new URL(base).port;
    expect(await strict.notify({ url: `${base}/hook`, secret: SECRET }, message)).toMatchObject({ delivered: false, reason: 'address_refused' });
    expect(await strict.notify({ url: `http://localhost:${port}/hook`, secret: SECRET }, message)).toMatchObject({ delivered: false, reason: 'address_refused' });
    expect(await strict.notify({ url: `http://[::1]:${port}/hook`, secret: SECRET }, message)).toMatchObject({ delivered: false, reason: 'address_refused' });
    expect(received).toHaveLength(0);
  });

  it('logs the origin, type, id and status, never the payload, the path or the secret', async () => {
    const logger = recordingLogger();
    behave = (n, _, res) => res.writeHead(n === 0 ? 500 : 204).end();
    await notifier({ logger }).notify({ url: `${base}/hook/secret-path?token=t0k3n`, secret: SECRET }, message);
    const log = logger.lines.join('\n');
    expect(log).toContain(base);
    expect(log).toContain('msg-1');
    for (const secret of [SECRET, 'tiger-mango', '112 034', 'files.example', '+441234567890', 'secret-path', 't0k3n', 'Your file']) expect(log).not.toContain(secret);
  });

  it('stops waiting when aborted', async () => {
    behave = () => undefined;
    const controller = new AbortController();
    const pending = notifier({ timeoutMs: 5000 }).notify({ url: `${base}/slow`, secret: SECRET }, message, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toMatchObject({ delivered: false, reason: 'aborted' });
  });
});

describe('webhook signature verification (the recipe receivers follow)', () => {
  const body = '{"id":"msg-1"}';
  const now = 1_780_000_000;
  const header = signWebhookBody(SECRET, body, now);

  it.each([
    ['a fresh, correct signature', header, body, SECRET, now + 10, { ok: true, timestampSeconds: now }],
    ['a changed body', header, '{"id":"msg-2"}', SECRET, now, { ok: false, reason: 'mismatch' }],
    ['another secret', header, body, `${SECRET}x`, now, { ok: false, reason: 'mismatch' }],
    ['a replay after the window', header, body, SECRET, now + 301, { ok: false, reason: 'outside_window' }],
    ['a timestamp from the future', header, body, SECRET, now - 301, { ok: false, reason: 'outside_window' }],
    ['no header', undefined, body, SECRET, now, { ok: false, reason: 'malformed' }],
    ['a header without v1', `t=${now}`, body, SECRET, now, { ok: false, reason: 'malformed' }],
    ['a forged timestamp on a real MAC', header.replace(`t=${now}`, `t=${now + 1}`), body, SECRET, now, { ok: false, reason: 'mismatch' }],
  ] as const)('%s', (_, h, b, secret, nowSeconds, expected) => {
    expect(verifyWebhookSignature({ header: h, body: b, secret, nowSeconds })).toEqual(expected);
  });

  it.each([
    ['127.0.0.1', true], ['10.1.2.3', true], ['172.16.0.1', true], ['172.32.0.1', false], ['192.168.1.1', true], ['169.254.169.254', true],
    ['100.64.0.1', true], ['0.0.0.0', true], ['224.0.0.1', true], ['8.8.8.8', false], ['93.184.216.34', false],
    ['::1', true], ['fe80::1', true], ['fd00::1', true], ['::ffff:10.0.0.1', true], ['::ffff:8.8.8.8', false], ['2606:4700::1111', false], ['not-an-ip', true],
  ] as const)('%s is %s non-public', (address, expected) => {
    expect(isNonPublicAddress(address)).toBe(expected);
  });
});
