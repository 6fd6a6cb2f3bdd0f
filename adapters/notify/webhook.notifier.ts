/**
 * Notifier that POSTs an HMAC-signed JSON payload to the tenant's own endpoint
 * (README.md here has the payload, the headers and the verification recipe).
 * One request per attempt, a timeout on each, temporary failures (network,
 * timeout, 408, 429, 5xx) retried with exponential backoff up to `maxAttempts`,
 * redirects never followed, non-http(s) URLs and (unless allowed) non-public
 * addresses refused before any connection. Logs carry the origin, event type,
 * id, attempt and status: never the payload, the path, or the secret.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { NotificationMessage, NotificationTarget, Notifier, NotifyResult } from '../../src/ports/notifier.port.ts';
import { checkWebhookUrl, isNonPublicAddress, loggableOrigin } from './address-policy.ts';
import { signWebhookBody } from './webhook-signature.ts';

/** The few logger methods used (pino's shape). */
export interface NotifyLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface WebhookNotifierOptions {
  /** Longest wait for one response, headers and body (default 5 s). */
  timeoutMs?: number;
  /** Requests per message, the first included (default 5). */
  maxAttempts?: number;
  /** First retry delay; doubles each time (default 1 s). */
  baseDelayMs?: number;
  /** Longest delay between attempts, Retry-After included (default 60 s). */
  maxDelayMs?: number;
  /** Allow loopback and private addresses (tests, receivers on the same network). Default false. */
  allowPrivateAddresses?: boolean;
  logger?: NotifyLogger;
  /** Seconds since the epoch, for the signature timestamp. */
  nowSeconds?: () => number;
  /** [0, 1) for backoff jitter (default Math.random). */
  random?: () => number;
  /** Waits between attempts (default setTimeout, abortable). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** The JSON body sent for a message. */
export function webhookPayload(message: NotificationMessage): Record<string, unknown> {
  return {
    id: message.id,
    type: message.type,
    tenant_id: message.tenantId,
    occurred_at: message.occurredAt.toISOString(),
    locale: message.locale,
    recipient: message.recipient,
    ...(message.link === undefined ? {} : { link: message.link }),
    ...(message.code === undefined ? {} : { code: message.code.words, keypad_code: message.code.keypad }),
    ...(message.expiresAt === undefined ? {} : { expires_at: message.expiresAt.toISOString() }),
    ...(message.text === undefined ? {} : { text: message.text }),
  };
}

type Attempt = { kind: 'delivered'; status: number } | { kind: 'retry'; reason: string; status?: number; retryAfterMs?: number } | { kind: 'stop'; reason: string; status?: number };

const MAX_RESPONSE_BYTES = 64 * 1024;

export class WebhookNotifier implements Notifier {
  readonly name = 'webhook';
  private readonly options: Required<Omit<WebhookNotifierOptions, 'logger'>> & { logger?: NotifyLogger };

  constructor(options: WebhookNotifierOptions = {}) {
    this.options = {
      timeoutMs: 5000, maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000, allowPrivateAddresses: false,
      nowSeconds: () => Math.floor(Date.now() / 1000), random: Math.random, sleep: abortableSleep, ...options,
    };
  }

  async notify(target: NotificationTarget, message: NotificationMessage, options: { signal?: AbortSignal } = {}): Promise<NotifyResult> {
    const log = { origin: loggableOrigin(target.url), type: message.type, id: message.id };
    const checked = checkWebhookUrl(target.url);
    if (!checked.ok) {
      this.options.logger?.warn({ ...log, detail: checked.detail }, 'webhook URL refused');
      return { delivered: false, attempts: 0, reason: checked.reason };
    }
    // Node connects to an IP literal without a DNS lookup, so the lookup's check would not see it.
    const literal = checked.url.hostname.replace(/^\[|\]$/g, '');
    if (!this.options.allowPrivateAddresses && isIP(literal) !== 0 && isNonPublicAddress(literal)) {
      this.options.logger?.warn(log, 'webhook address refused');
      return { delivered: false, attempts: 0, reason: 'address_refused' };
    }
    const body = JSON.stringify(webhookPayload(message));
    let last: Attempt = { kind: 'stop', reason: 'aborted' };
    for (let attempt = 1; attempt <= this.options.maxAttempts; attempt++) {
      if (options.signal?.aborted) return { delivered: false, attempts: attempt - 1, reason: 'aborted' };
      last = await this.post(checked.url, target.secret, message.id, body, options.signal);
      const status = 'status' in last ? last.status : undefined;
      if (last.kind === 'delivered') {
        this.options.logger?.info({ ...log, attempt, status }, 'webhook delivered');
        return { delivered: true, attempts: attempt, status: last.status };
      }
      this.options.logger?.warn({ ...log, attempt, status, reason: last.reason }, 'webhook attempt failed');
      if (last.kind === 'stop') return { delivered: false, attempts: attempt, status, reason: last.reason };
      if (attempt < this.options.maxAttempts) {
        await this.options.sleep(this.delayBefore(attempt + 1, last.retryAfterMs), options.signal).catch(() => undefined);
      }
    }
    return { delivered: false, attempts: this.options.maxAttempts, status: 'status' in last ? last.status : undefined, reason: last.reason };
  }

  /** Exponential backoff with equal jitter: half the doubled delay fixed, half random; a server's Retry-After if longer. */
  private delayBefore(attempt: number, retryAfterMs?: number): number {
    const exponential = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (attempt - 2));
    const jittered = exponential / 2 + this.options.random() * (exponential / 2);
    return Math.min(this.options.maxDelayMs, Math.max(jittered, retryAfterMs ?? 0));
  }

  private post(url: URL, secret: string, id: string, body: string, signal?: AbortSignal): Promise<Attempt> {
    const client = url.protocol === 'https:' ? https : http;
    const headers = {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'user-agent': 'Voicefiles-Webhook/1',
      'voicefiles-event-id': id,
      'voicefiles-signature': signWebhookBody(secret, body, this.options.nowSeconds()),
    };
    return new Promise<Attempt>((resolve) => {
      let settled = false;
      const finish = (result: Attempt) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(result);
      };
      const request = client.request(url, { method: 'POST', headers, lookup: this.vettedLookup(), agent: false }, (response) => {
        const status = response.statusCode ?? 0;
        let seen = 0;
        response.on('data', (chunk: Buffer) => {
          seen += chunk.length;
          if (seen > MAX_RESPONSE_BYTES) response.destroy();
        });
        response.on('error', () => finish(classify(status, response.headers['retry-after'])));
        response.on('end', () => finish(classify(status, response.headers['retry-after'])));
        response.on('close', () => finish(classify(status, response.headers['retry-after'])));
      });
      const timer = setTimeout(() => {
        finish({ kind: 'retry', reason: 'timeout' });
        request.destroy();
      }, this.options.timeoutMs);
      const onAbort = () => {
        finish({ kind: 'stop', reason: 'aborted' });
        request.destroy();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      request.on('error', (error: NodeJS.ErrnoException) => {
        finish(error.code === 'ADDRESS_REFUSED' ? { kind: 'stop', reason: 'address_refused' } : { kind: 'retry', reason: 'network' });
      });
      request.end(body);
    });
  }

  /** DNS lookup that refuses non-public addresses, so the address checked is the one connected to. */
  private vettedLookup(): LookupFunction {
    const allowPrivate = this.options.allowPrivateAddresses;
    return (hostname, options, callback) => {
      dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
        if (error) return callback(error, '', 0);
        const list = addresses as unknown as LookupAddress[];
        const refused = allowPrivate ? [] : list.filter((a) => isNonPublicAddress(a.address));
        if (list.length === 0 || refused.length > 0) {
          const denial: NodeJS.ErrnoException = new Error(`webhook host resolves to a non-public address`);
          denial.code = 'ADDRESS_REFUSED';
          return callback(denial, '', 0);
        }
        if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
        const first = list[0] as LookupAddress;
        callback(null, first.address, first.family);
      });
    };
  }
}

function classify(status: number, retryAfter: string | string[] | undefined): Attempt {
  if (status >= 200 && status < 300) return { kind: 'delivered', status };
  if (status >= 300 && status < 400) return { kind: 'stop', reason: 'redirect_refused', status };
  if (status === 408 || status === 429 || status >= 500) return { kind: 'retry', reason: status >= 500 ? 'server_error' : 'rejected', status, retryAfterMs: retryAfterMs(retryAfter) };
  return { kind: 'stop', reason: 'rejected', status };
}

/** Retry-After in seconds or as an HTTP date. */
function retryAfterMs(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  const seconds = Number(text);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(text);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
