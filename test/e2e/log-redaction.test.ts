import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgDatabase } from '../../adapters/postgres/pg.database.ts';
import { PgliteDatabase } from '../../adapters/postgres/pglite.database.ts';
import { McpTestClient } from '../support/mcp-client.ts';
import { postgresAvailable, TEST_DATABASE_URL } from '../support/services.ts';
import { startTestServer, TEST_METRICS_TOKEN, type TestServer } from '../support/server.ts';

/**
 * Drive a server with marker values in every place personal data and secrets
 * go (customer ids, search text, tokens, SQL parameters, including those that
 * database errors quote back), capture every log line at debug level, and grep.
 */
const onServer = await postgresAvailable();
const lines: string[] = [];
const capture = { write: (line: string) => lines.push(line) };
const marker = (what: string) => `mrk${what}${randomBytes(4).toString('hex')}`;
const MARKERS = { customer: marker('cust'), uploadCustomer: marker('cust2'), query: marker('query'), target: marker('target'), sqlParam: marker('sqlparam'), sqlDetail: marker('detail') };
let server: TestServer;
let apiKey: string;
let sessionToken: string;

beforeAll(async () => {
  server = await startTestServer({ env: { LOG_LEVEL: 'debug', PIPELINE_WORKERS: 'false', SCAN_POLICY: 'optional' }, start: { logDestination: capture } });
  apiKey = (await server.createTenant('acme')).apiKey;
});
afterAll(async () => {
  await server?.stop();
});

const secrets = () => [apiKey, server.adminToken, sessionToken, TEST_METRICS_TOKEN, ...Object.values(MARKERS)];

describe('logs never carry SQL parameters, search text, customer ids or tokens', () => {
  it('through sessions, uploads, tool calls, refused requests and audit filters', async () => {
    const session = await fetch(`${server.url}/v1/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'caller', caller: { customer_id: MARKERS.customer, phone: '+49 30 555 0101' } }),
    });
    sessionToken = ((await session.json()) as { token: string }).token;
    expect((await server.upload(apiKey, 'report.txt', 'quarterly numbers', { customer_id: MARKERS.uploadCustomer, visibility: 'customer' })).status).toBe(201);
    const agent = await McpTestClient.connect(server.url, sessionToken);
    await agent.initialize();
    await agent.callTool('find', { query: `${MARKERS.query} report` });
    await agent.callTool('describe', { file_id: '00000000-0000-4000-8000-000000000000' });
    await agent.close();
    await fetch(`${server.url}/v1/audit?target=${MARKERS.target}`, { headers: { authorization: `Bearer ${apiKey}` } });
    await fetch(`${server.url}/v1/files?customer_id=${MARKERS.customer}`, { headers: { authorization: `Bearer ${apiKey}` } });
    await fetch(`${server.url}/v1/files`, { headers: { authorization: `Bearer ${apiKey}x` } });
    await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.some((line) => line.includes('"route":"/v1/audit"'))).toBe(true);
    const text = lines.join('');
    for (const secret of secrets()) expect(text.includes(secret), `a log line holds ${secret.slice(0, 12)}...`).toBe(false);
  });

  it.each([
    ['PGlite', async () => PgliteDatabase.open()],
    ['the PostgreSQL server', async () => (onServer ? new PgDatabase({ connectionString: TEST_DATABASE_URL, maxConnections: 1 }) : null)],
  ])('including database errors that quote their parameters (%s)', async (_engine, open) => {
    const db = await open();
    if (!db) return;
    try {
      const errors: unknown[] = [];
      await db.query('select $1::uuid', [MARKERS.sqlParam]).catch((error: unknown) => errors.push(error));
      await db.query("select * from (values ('a')) v(x) where x = $1::int::text", [`${MARKERS.sqlParam} 1`]).catch((error: unknown) => errors.push(error));
      await db.exec('create temp table redaction_probe (slug text primary key)');
      await db.query('insert into redaction_probe values ($1)', [MARKERS.sqlDetail]);
      await db.query('insert into redaction_probe values ($1)', [MARKERS.sqlDetail]).catch((error: unknown) => errors.push(error));
      expect(errors).toHaveLength(3);
      // The raw errors do carry the values: the test would catch a logger that passed them on.
      expect(errors.map((e) => JSON.stringify({ message: (e as Error).message, ...(e as object) })).join('')).toContain(MARKERS.sqlParam);
      const before = lines.length;
      for (const error of errors) server.logger.error({ err: new Error('query failed', { cause: error }) }, 'request failed');
      for (const error of errors) server.logger.warn({ err: error, params: [MARKERS.sqlParam] }, 'job queue');
      const logged = lines.slice(before).join('');
      expect(logged).toContain('invalid input syntax');
      expect(logged).toContain('[redacted]');
      expect(logged.includes(MARKERS.sqlParam)).toBe(false);
      expect(logged.includes(MARKERS.sqlDetail)).toBe(false);
    } finally {
      await db.close();
    }
  });
});
