import http from 'node:http';
import net from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/domain/errors.ts';
import { fuzzParameters, hostileString, reportRuns } from '../support/fuzz.ts';
import { startTestServer, TEST_METRICS_TOKEN, type TestServer } from '../support/server.ts';

/**
 * Property-based fuzzing of every HTTP route against a real server: hostile path
 * parameters (bad percent-encoding, control characters, huge), query strings,
 * headers (Authorization, Idempotency-Key, X-Request-Id, Content-Type) and bodies,
 * with no credential, wrong ones and valid ones. The property: never a 5xx, always
 * the error envelope with a known code, and the server keeps answering.
 */
let server: TestServer;
const credentials: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer({ env: { PIPELINE_WORKERS: 'false', SCAN_POLICY: 'optional', UPLOAD_MAX_MB_TEXT: '1' } });
  credentials.apiKey = (await server.createTenant('fuzz')).apiKey;
  credentials.admin = server.adminToken;
  credentials.session = await server.sessionToken(credentials.apiKey);
  credentials.metrics = TEST_METRICS_TOKEN;
});
afterAll(async () => {
  await server?.stop();
});

const ROUTES: Array<[method: string, template: string]> = [
  ['GET', '/health/live'], ['GET', '/health/ready'], ['GET', '/metrics'],
  ['POST', '/v1/tenants'], ['GET', '/v1/tenants/:slug'], ['GET', '/v1/tenants/:slug/keys'], ['POST', '/v1/tenants/:slug/keys'], ['DELETE', '/v1/tenants/:slug/keys/:key_id'],
  ['POST', '/v1/sessions'], ['DELETE', '/v1/sessions/:session_id'],
  ['POST', '/v1/files'], ['GET', '/v1/files'], ['GET', '/v1/files/:id'], ['GET', '/v1/audit'], ['GET', '/v1/blobs'], ['HEAD', '/v1/blobs'], ['GET', '/v1/agent'],
  ['PUT', '/v1/files'], ['PATCH', '/v1/tenants/:slug'], ['GET', '/v1/:anything'],
];
const QUERY_NAMES = ['name', 'visibility', 'customer_id', 'file_id', 'limit', 'cursor', 'action', 'target', 'k', 'e', 'n', 'ct', 's', 'token', '__proto__'];
const UUIDISH = fc.oneof(fc.uuid(), fc.constantFrom('00000000-0000-4000-8000-000000000000', '--------------------------------------', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF'));

/** Percent-encode anything, lone surrogates included (as raw bytes); or raw, malformed percent sequences. */
const encoded = fc.oneof(
  hostileString(120).map((s) => {
    try {
      return encodeURIComponent(s);
    } catch {
      return [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
    }
  }),
  fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 40 }).map((bytes) => bytes.map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')),
  fc.constantFrom('%', '%G1', '%e0%a4%a', '%%', 'a%2Fb', '..', '%2e%2e', 'a'.repeat(3000)),
  UUIDISH,
  fc.constantFrom('fuzz', 'acme'),
);
/** Header values Node will send: visible ASCII, space and tab. */
const headerValue = fc.oneof(
  fc.string({ unit: fc.constantFrom(...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)), '\t'), maxLength: 200 }),
  fc.constantFrom('', ' ', 'x'.repeat(6000), 'Bearer', 'Bearer ', 'Basic Zm9vOmJhcg=='),
);
const authorization = fc.oneof(
  fc.constant(null),
  { weight: 4, arbitrary: fc.constantFrom('apiKey', 'admin', 'session', 'metrics').map((name) => `@${name}`) },
  fc.constantFrom('apiKey', 'admin').map((name) => `@${name}!`),
  headerValue.map((v) => `Bearer ${v}`),
  headerValue,
);
const jsonBody = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.dictionary(fc.constantFrom('slug', 'name', 'locale', 'role', 'call_id', 'caller', 'scopes', 'ttl_seconds', 'expires_in_days', '__proto__', 'constructor'), fc.oneof(hostileString(80), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(hostileString(10), { maxLength: 5 }), fc.dictionary(fc.constantFrom('phone', 'customer_id', 'verified', '__proto__'), fc.oneof(hostileString(40), fc.boolean())))).map((v) => JSON.stringify(v)),
  fc.constantFrom('{', '[]', 'null', '"x"', '{"a":'.repeat(200), `{"x":"${'y'.repeat(70_000)}"}`, '{"__proto__":{"role":"staff"}}'),
);
const body = fc.oneof(fc.constant(null), jsonBody, fc.uint8Array({ maxLength: 5000 }).map((bytes) => Buffer.from(bytes)), hostileString(200));

const request = fc.record({
  route: fc.constantFrom(...ROUTES),
  segments: fc.array(encoded, { minLength: 3, maxLength: 3 }),
  // Mostly the names routes know (so inputs get past "unknown parameter" to the values), sometimes anything.
  query: fc.oneof(fc.constant<Array<[string, string]>>([]), fc.array(fc.tuple(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...QUERY_NAMES) }, encoded), fc.oneof(encoded, fc.integer().map(String), fc.constantFrom('public', 'customer', 'notes.txt', 'report.pdf'))), { maxLength: 3 })),
  authorization,
  idempotencyKey: fc.option(headerValue, { nil: undefined }),
  requestId: fc.option(headerValue, { nil: undefined }),
  contentType: fc.option(fc.oneof(fc.constantFrom('application/json', 'application/octet-stream', 'text/plain', 'application/json; charset=utf-16'), headerValue), { nil: undefined }),
  body,
});
type FuzzRequest = typeof request extends fc.Arbitrary<infer T> ? T : never;

function send(input: FuzzRequest): Promise<{ status: number; type: string; text: string }> {
  const [method, template] = input.route;
  let i = 0;
  const path = template.replace(/:[a-z_]+/g, () => input.segments[i++] ?? 'x');
  const query = input.query.map(([k, v]) => `${k}=${v}`).join('&');
  const headers: Record<string, string> = {};
  if (input.authorization !== null) {
    const match = /^@(\w+)(!?)$/.exec(input.authorization);
    headers.authorization = match ? `Bearer ${credentials[match[1]!]}${match[2] ? 'x' : ''}` : input.authorization;
  }
  if (input.idempotencyKey !== undefined) headers['idempotency-key'] = input.idempotencyKey;
  if (input.requestId !== undefined) headers['x-request-id'] = input.requestId;
  if (input.contentType !== undefined) headers['content-type'] = input.contentType;
  const payload = input.body !== null && method !== 'GET' && method !== 'HEAD' ? Buffer.from(input.body) : null;
  // Framed, so each input is one request (the parser's own robustness has its own test below).
  if (payload) headers['content-length'] = String(payload.length);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, method, path: `${path}${query ? `?${query}` : ''}`, headers, timeout: 10_000 });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), text }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 10 s')));
    req.on('error', reject);
    req.end(payload ?? undefined);
  });
}

describe('fuzzing every HTTP route with hostile paths, queries, headers and bodies', () => {
  it('answers every input with a 2xx-4xx and, for errors, the envelope with a known code; never a 5xx, never a crash', async () => {
    const parameters = fuzzParameters(400);
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        const answer = await send(input);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        expect(answer.status, `${input.route.join(' ')} -> ${answer.text.slice(0, 200)}`).toBeGreaterThanOrEqual(200);
        expect(answer.status, `${input.route.join(' ')} -> ${answer.text.slice(0, 200)}`).toBeLessThan(500);
        if (answer.status >= 400 && input.route[0] !== 'HEAD') {
          expect(answer.type).toMatch(/^application\/json/);
          const code = (JSON.parse(answer.text) as { error: { code: string; message: string } }).error.code;
          expect(Object.keys(ERROR_CODES)).toContain(code);
        }
      }),
      parameters,
    );
    const live = await fetch(`${server.url}/health/live`);
    expect(live.status).toBe(200);
    const spread = [...statuses.entries()].sort(([a], [b]) => a - b).map(([status, n]) => `${status}: ${n}`).join(', ');
    reportRuns('HTTP routes', parameters.numRuns, `0 internal errors; answers ${spread}`);
  }, 120_000);

  it('answers what is not HTTP at all with the error envelope too', async () => {
    const raw = async (bytes: string) =>
      new Promise<string>((resolve) => {
        const socket = net.connect({ host: '127.0.0.1', port: server.port }, () => socket.write(bytes));
        let text = '';
        socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
        socket.on('close', () => resolve(text));
        socket.on('error', () => resolve(text));
      });
    for (const garbage of ['\u0000\u0001\u0002 nonsense\r\n\r\n', 'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n', `GET / HTTP/1.1\r\nX: ${'a'.repeat(20_000)}\r\n\r\n`, 'GET /\u0007 HTTP/1.1\r\n\r\n']) {
      const answer = await raw(garbage);
      expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ error: { code: 'bad_request', message: expect.any(String) } });
    }
    expect((await fetch(`${server.url}/health/live`)).status).toBe(200);
  });
});
