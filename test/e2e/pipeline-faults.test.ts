import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startChildServer, type ChildServer } from '../support/child-server.ts';
import { clamdAvailable, startClamd, type TestClamd } from '../support/clamd.ts';
import { createScratchDatabase } from '../support/scratch-database.ts';
import { postgresAvailable, TEST_DATABASE_URL } from '../support/services.ts';

/** Faults that must lose nothing: clamd going away, the server dying mid-job. Real clamd, real Postgres, real processes. */
const onServer = await postgresAvailable();
const withClamd = await clamdAvailable();
const TERMINAL = new Set(['ready', 'unscanned', 'infected', 'rejected', 'failed']);

let clamd: TestClamd;
let database: { url: string; drop(): Promise<void> };
const children: ChildServer[] = [];

beforeAll(async () => {
  // Without a Postgres server the suite below is skipped by name (and fails under REQUIRE_SERVICES=1).
  if (!onServer || !withClamd) return;
  clamd = await startClamd();
  database = await createScratchDatabase(TEST_DATABASE_URL, 'vf_faults');
});

afterEach(() => {
  for (const child of children.splice(0)) child.process.kill('SIGKILL');
});

afterAll(async () => {
  await clamd?.close();
  await database?.drop();
});

const env = (extra: Record<string, string> = {}) => ({
  DATABASE_URL: database.url,
  CLAMAV_URL: clamd.url,
  SCAN_POLICY: 'required',
  JOB_RETRY_DELAY_SECONDS: '1',
  JOB_RETRY_LIMIT: '10',
  JOB_EXPIRE_SECONDS: '3',
  JOB_MAINTENANCE_SECONDS: '1',
  ...extra,
});

async function start(extra: Record<string, string> = {}): Promise<ChildServer> {
  const child = await startChildServer(env(extra));
  children.push(child);
  return child;
}

async function api(server: ChildServer, method: string, path: string, auth: string, body?: string | Buffer): Promise<Record<string, unknown>> {
  const res = await fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${auth}`, 'content-type': body && typeof body === 'string' && body.startsWith('{') ? 'application/json' : 'application/octet-stream' }, ...(body ? { body } : {}) });
  return (await res.json()) as Record<string, unknown>;
}

async function statuses(server: ChildServer, apiKey: string, ids: string[]): Promise<string[]> {
  return Promise.all(ids.map(async (id) => String((await api(server, 'GET', `/v1/files/${id}`, apiKey)).status)));
}

async function waitAllTerminal(server: ChildServer, apiKey: string, ids: string[], timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await statuses(server, apiKey, ids);
    if (now.every((s) => TERMINAL.has(s))) return now;
    if (Date.now() > deadline) throw new Error(`not terminal after ${timeoutMs} ms: ${now.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const title = 'pipeline faults (PostgreSQL server, real clamd, server processes)';
describe.runIf(onServer && withClamd)(onServer && withClamd ? title : `${title} (skipped: ${onServer ? 'clamd is not installed' : 'PostgreSQL server not reachable'})`, () => {
  it('under SCAN_POLICY=required, nothing becomes ready while clamd is down, and everything completes once it is back', async () => {
    const server = await start({ VOICEFILES_MASTER_KEY: randomBytes(32).toString('base64url') });
    const tenant = await api(server, 'POST', '/v1/tenants', server.masterKey, '{"slug":"clamd-down"}');
    const apiKey = String(tenant.api_key);
    await clamd.stop();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(String((await api(server, 'POST', `/v1/files?name=note-${i}.txt`, apiKey, `note ${i} while clamd is down`)).file_id));
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const whileDown = await statuses(server, apiKey, ids);
    expect(whileDown.every((s) => s === 'scanning' || s === 'stored')).toBe(true);
    await clamd.start();
    expect(await waitAllTerminal(server, apiKey, ids, 60_000)).toEqual(ids.map(() => 'ready'));
  }, 120_000);

  it('a server killed while jobs run leaves no version stuck: after a restart every one reaches a terminal state', async () => {
    const masterKey = randomBytes(32).toString('base64url');
    const first = await start({ VOICEFILES_MASTER_KEY: masterKey });
    const tenant = await api(first, 'POST', '/v1/tenants', masterKey, '{"slug":"crash"}');
    const apiKey = String(tenant.api_key);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(String((await api(first, 'POST', `/v1/files?name=crash-${i}.txt`, apiKey, `document ${i} `.repeat(2000))).file_id));
    first.process.kill('SIGKILL');
    await first.exited;
    const second = await start({ VOICEFILES_MASTER_KEY: masterKey, VOICEFILES_DATA_DIR: first.dataDir });
    expect(await waitAllTerminal(second, apiKey, ids, 60_000)).toEqual(ids.map(() => 'ready'));
    rmSync(first.dataDir, { recursive: true, force: true });
  }, 120_000);
});
