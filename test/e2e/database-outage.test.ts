/**
 * The database goes away and comes back. A private PostgreSQL 15 cluster (set up by
 * infra/postgres/init.sql: the server runs as `voicefiles_app`), real clamd, a server process
 * running jobs and a separate `voicefiles worker` process on the same database and data dir.
 * While uploads, tool calls over the WebSocket, readiness probes and jobs keep going, the cluster
 * is stopped for longer than the pool's connect timeout, then started again. Meanwhile:
 * readiness answers 503 promptly, uploads 503 `unavailable`, tools a spoken "try again" (never a
 * 500 or -32603). Afterwards both processes reconnect by themselves (neither exits), a NOTIFY
 * listener hears events again, no acknowledged upload is lost and every version is terminal.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresNotifyEventBus } from '../../adapters/events/postgres-notify.event-bus.ts';
import { PgDatabase } from '../../adapters/postgres/pg.database.ts';
import type { BusEvent } from '../../src/ports/event-bus.port.ts';
import { startChildServer, type ChildServer } from '../support/child-server.ts';
import { clamdAvailable, startClamd, type TestClamd } from '../support/clamd.ts';
import { McpTestClient } from '../support/mcp-client.ts';
import { privatePostgresAvailable, startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres.ts';

const root = path.resolve(import.meta.dirname, '../..');
const available = (await privatePostgresAvailable()) && (await clamdAvailable());
const OUTAGE_MS = 6_000;
const CONNECT_TIMEOUT_MS = 1_000;
const TERMINAL = new Set(['ready', 'unscanned', 'infected', 'rejected', 'failed']);

let postgres: PrivatePostgres;
let clamd: TestClamd;
let server: ChildServer;
let worker: { process: ChildProcess; exited: Promise<number | null>; stderr: () => string; logs: Array<Record<string, unknown>> };
let dataDir: string;
const cleanups: Array<() => Promise<unknown> | unknown> = [];

function startWorker(env: Record<string, string>): typeof worker {
  const child = spawn(process.execPath, ['bin/voicefiles.js', 'worker'], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const logs: Array<Record<string, unknown>> = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    try {
      logs.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // not a log line
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { process: child, exited, stderr: () => stderr, logs };
}

beforeAll(async () => {
  if (!available) return;
  [postgres, clamd] = await Promise.all([startPrivatePostgres(), startClamd()]);
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'voicefiles-outage-'));
  const env = {
    DATABASE_URL: postgres.appUrl,
    DATABASE_MIGRATION_URL: postgres.ownerUrl,
    DATABASE_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
    DATABASE_POOL_SIZE: '4',
    CLAMAV_URL: clamd.url,
    SCAN_PROBE_SECONDS: '1',
    JOB_RETRY_DELAY_SECONDS: '1',
    JOB_EXPIRE_SECONDS: '30',
    JOB_MAINTENANCE_SECONDS: '1',
    VOICEFILES_DATA_DIR: dataDir,
    VOICEFILES_MASTER_KEY: randomBytes(32).toString('base64url'),
  };
  server = await startChildServer(env);
  cleanups.push(() => server.process.kill('SIGKILL'));
  worker = startWorker({ ...env, LOG_LEVEL: 'info' });
  cleanups.push(() => worker.process.kill('SIGKILL'));
  const deadline = Date.now() + 60_000;
  while (!worker.stderr().includes('worker running')) {
    if (Date.now() > deadline || worker.process.exitCode !== null) throw new Error(`the worker did not start: ${worker.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}, 120_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await postgres?.close();
  await clamd?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

interface Outcome {
  at: number;
  kind: 'ok' | 'unavailable' | 'wrong';
  detail?: string;
}

/** Run `step` back to back until `stop`; every outcome is kept with its time. */
function keepGoing(step: () => Promise<Outcome>, pauseMs: number): { outcomes: Outcome[]; stop(): Promise<void> } {
  const outcomes: Outcome[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      outcomes.push(await step().catch((error: unknown) => ({ at: Date.now(), kind: 'wrong' as const, detail: String(error) })));
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  })();
  return {
    outcomes,
    async stop() {
      running = false;
      await loop;
    },
  };
}

const firstOkAfter = (outcomes: Outcome[], t: number) => outcomes.find((o) => o.at > t && o.kind === 'ok')?.at;

describe.skipIf(!available)(
  available ? 'a database outage (private PostgreSQL 15 cluster, real clamd, server and worker processes)' : 'a database outage (skipped: see the named service above)',
  () => {
    it('answers 503 and "try again" while the database is away, reconnects by itself, loses no acknowledged upload and leaves every version terminal', async () => {
      const tenant = (await (await fetch(`${server.url}/v1/tenants`, { method: 'POST', headers: { authorization: `Bearer ${server.masterKey}`, 'content-type': 'application/json' }, body: '{"slug":"outage"}' })).json()) as { id: string; api_key: string };
      const auth = { authorization: `Bearer ${tenant.api_key}` };
      const token = ((await (await fetch(`${server.url}/v1/sessions`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"role":"staff"}' })).json()) as { token: string }).token;
      const client = await McpTestClient.connect(server.url, token);
      cleanups.push(() => client.close());
      await client.initialize();

      // A listener of our own on the same cluster: it must hear the pipeline's events again after the outage.
      const listenerDb = new PgDatabase({ connectionString: postgres.appUrl, maxConnections: 1, connectTimeoutMs: CONNECT_TIMEOUT_MS });
      const bus = new PostgresNotifyEventBus({ database: listenerDb, heartbeatIntervalMs: 200, heartbeatTimeoutMs: 500, reconnect: { initialDelayMs: 100, maxDelayMs: 1_000, connectTimeoutMs: 2_000 }, onError: () => undefined });
      cleanups.push(async () => {
        await bus.close();
        await listenerDb.close();
      });
      const events: Array<{ at: number; event: BusEvent }> = [];
      await bus.subscribe(tenant.id, (event) => events.push({ at: Date.now(), event }));

      const acknowledged: string[] = [];
      let n = 0;
      const uploads = keepGoing(async () => {
        const body = `outage test document ${++n} ${randomBytes(6).toString('hex')}`;
        const res = await fetch(`${server.url}/v1/files?name=outage-${n}.txt`, { method: 'POST', headers: auth, body });
        const json = (await res.json()) as { file_id?: string; error?: { code: string } };
        if (res.status === 201) return acknowledged.push(String(json.file_id)), { at: Date.now(), kind: 'ok' };
        if (res.status === 503 && json.error?.code === 'unavailable') return { at: Date.now(), kind: 'unavailable' };
        return { at: Date.now(), kind: 'wrong', detail: `${res.status} ${JSON.stringify(json)}` };
      }, 100);
      const tools = keepGoing(async () => {
        const result = await client.callTool('find', { query: 'outage test document' });
        if (!result.isError) return { at: Date.now(), kind: 'ok' };
        const code = (result.data.error as { code?: string } | undefined)?.code;
        if (code === 'unavailable' && /try again/i.test(result.speech)) return { at: Date.now(), kind: 'unavailable' };
        return { at: Date.now(), kind: 'wrong', detail: `${code}: ${result.speech}` };
      }, 200);
      const probes = keepGoing(async () => {
        const started = Date.now();
        const res = await fetch(`${server.url}/health/ready`);
        const took = Date.now() - started;
        if (took > 2_500) return { at: Date.now(), kind: 'wrong', detail: `readiness took ${took} ms` };
        return { at: Date.now(), kind: res.status === 200 ? 'ok' : res.status === 503 ? 'unavailable' : 'wrong', detail: String(res.status) };
      }, 200);

      const waitUntil = async (check: () => boolean, what: string, timeoutMs = 30_000) => {
        const deadline = Date.now() + timeoutMs;
        while (!check()) {
          if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      };
      await waitUntil(() => acknowledged.length >= 3 && tools.outcomes.some((o) => o.kind === 'ok') && events.length > 0, 'traffic before the outage');

      const stoppedAt = Date.now();
      await postgres.stop();
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      const restartedAt = Date.now();
      await postgres.start();
      const recoveredAt = () => [firstOkAfter(uploads.outcomes, restartedAt), firstOkAfter(tools.outcomes, restartedAt), firstOkAfter(probes.outcomes, restartedAt), events.find((e) => e.at > restartedAt)?.at];
      await waitUntil(() => recoveredAt().every((t) => t !== undefined), 'uploads, tools, readiness and events to work again').catch((error: unknown) => {
        const last = (outcomes: Outcome[]) => JSON.stringify(outcomes.slice(-2));
        console.error(`server stderr: ${server.stderr().slice(-3000)}\nworker stderr: ${worker.stderr().slice(-3000)}`);
        throw new Error(`${String(error)}: recovered [upload, tool, ready, event] at ${JSON.stringify(recoveredAt())}; last uploads ${last(uploads.outcomes)} tools ${last(tools.outcomes)} probes ${last(probes.outcomes)}; events ${events.length}`);
      });
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await Promise.all([uploads.stop(), tools.stop(), probes.stop()]);

      const during = (outcomes: Outcome[]) => outcomes.filter((o) => o.at > stoppedAt + 500 && o.at < restartedAt);
      expect([...uploads.outcomes, ...tools.outcomes, ...probes.outcomes].filter((o) => o.kind === 'wrong')).toEqual([]);
      expect(during(uploads.outcomes).some((o) => o.kind === 'unavailable')).toBe(true);
      expect(during(tools.outcomes).some((o) => o.kind === 'unavailable')).toBe(true);
      expect(during(probes.outcomes).every((o) => o.kind === 'unavailable')).toBe(true);

      // Every acknowledged upload is there and ends terminal; so does every version in the database
      // (an upload answered 503 at the moment of the stop may have committed unseen).
      const deadline = Date.now() + 60_000;
      let pending = [...acknowledged];
      while (pending.length > 0 && Date.now() < deadline) {
        const statuses = await Promise.all(pending.map(async (id) => [id, ((await (await fetch(`${server.url}/v1/files/${id}`, { headers: auth })).json()) as { status: string }).status] as const));
        pending = statuses.filter(([, status]) => !TERMINAL.has(status)).map(([id]) => id);
        if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(pending).toEqual([]);
      const owner = new PgDatabase({ connectionString: postgres.adminUrl, maxConnections: 1 });
      try {
        const { rows } = await owner.query<{ status: string; file_id: string }>('select v.status, v.file_id from voicefiles.file_versions v where v.tenant_id = $1', [tenant.id]);
        expect(rows.filter((r) => !TERMINAL.has(r.status))).toEqual([]);
        expect(rows.map((r) => r.file_id)).toEqual(expect.arrayContaining(acknowledged));
        expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['ready']));
        const [upload, tool, ready, event] = recoveredAt().map((t) => (t ?? 0) - restartedAt);
        console.info(
          `[measure] database outage: stopped ${restartedAt - stoppedAt} ms (connect timeout ${CONNECT_TIMEOUT_MS} ms); back after the restart: ` +
            `upload ${upload} ms, tool call ${tool} ms, readiness ${ready} ms, NOTIFY listener ${event} ms; ` +
            `${acknowledged.length} acknowledged uploads, ${rows.length} versions checked, all ready; ` +
            `503s meanwhile: ${during(uploads.outcomes).filter((o) => o.kind === 'unavailable').length} uploads, ${during(tools.outcomes).filter((o) => o.kind === 'unavailable').length} tool calls, ${during(probes.outcomes).length} readiness probes`,
        );
      } finally {
        await owner.close();
      }
      expect(server.process.exitCode).toBeNull();
      expect(worker.process.exitCode).toBeNull();
      // Both processes ran jobs after the restart: each logged version moves of its own.
      const movedAfter = (logs: Array<Record<string, unknown>>) => logs.filter((entry) => entry.msg === 'version moved' && Number(entry.time) > restartedAt).length;
      expect(movedAfter(server.logs)).toBeGreaterThan(0);
      expect(movedAfter(worker.logs)).toBeGreaterThan(0);
      // Every failure was a clean, expected one: nothing logged as an internal error.
      const errors = [...server.logs, ...worker.logs].filter((entry) => Number(entry.level) >= 50).map((entry) => `${String(entry.msg)}: ${JSON.stringify((entry.err as { message?: string } | undefined)?.message)}`);
      expect(errors).toEqual([]);
    }, 150_000);
  },
);
