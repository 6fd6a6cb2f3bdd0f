import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { serveMetrics } from '../../../src/transport/http/routes/ops.routes.ts';
import { Metrics } from '../../../src/transport/metrics.ts';

const request = (authorization?: string) => ({ headers: authorization ? { authorization } : {} }) as IncomingMessage;
function response() {
  const sent: { status?: number; body?: string } = {};
  const res = { writeHead: (status: number) => (sent.status = status), end: (body: string) => (sent.body = body) } as unknown as ServerResponse;
  return { res, sent };
}

describe('who may read /metrics', () => {
  const metrics = new Metrics();
  it('nobody when metrics are off, and not here when they are served elsewhere', async () => {
    await expect(serveMetrics(metrics, { kind: 'off' }, request(), response().res)).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('METRICS_TOKEN') });
    await expect(serveMetrics(metrics, { kind: 'elsewhere' }, request(), response().res)).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('METRICS_LISTEN') });
  });

  it('with a token, only its bearer', async () => {
    const access = { kind: 'token', tokenSha256: createHash('sha256').update('the-metrics-token').digest() } as const;
    await expect(serveMetrics(metrics, access, request(), response().res)).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(serveMetrics(metrics, access, request('Bearer the-metrics-tokeN'), response().res)).rejects.toMatchObject({ code: 'unauthenticated' });
    const { res, sent } = response();
    await serveMetrics(metrics, access, request('Bearer the-metrics-token'), res);
    expect(sent.status).toBe(200);
    expect(sent.body).toContain('voicefiles_');
  });
});
