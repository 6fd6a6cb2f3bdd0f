/**
 * A job whose worker process dies is run again elsewhere once it expires
 * (pg-boss's expiration, checked by maintenance on any live node).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { PgDatabase } from '../../adapters/postgres/pg.database.ts';
import { PgBossJobQueue, type PgBossJobQueueOptions } from '../../adapters/queue/pg-boss.job-queue.ts';
import type { JobPayload } from '../../src/ports/job-queue.port.ts';
import { throwawaySchema } from '../support/pg-schema.ts';
import { postgresAvailable, TEST_DATABASE_URL } from '../support/services.ts';

const available = await postgresAvailable();

/** Tight timings so that recovery fits in a few seconds; production uses minutes. */
const timings = { expireInSeconds: 2, retryLimit: 2, retryDelaySeconds: 1, pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1 };

const modules = {
  database: fileURLToPath(new URL('../../adapters/postgres/pg.database.ts', import.meta.url)),
  queue: fileURLToPath(new URL('../../adapters/queue/pg-boss.job-queue.ts', import.meta.url)),
};

// The worker that dies: takes one transcribe job, reports it on stdout, never finishes.
const childWorker = `
  const { PgDatabase } = await import(process.env.DATABASE_MODULE);
  const { PgBossJobQueue } = await import(process.env.QUEUE_MODULE);
  const database = new PgDatabase({ connectionString: process.env.DATABASE_URL, maxConnections: 2 });
  const queue = new PgBossJobQueue({ database, schema: process.env.SCHEMA, ...JSON.parse(process.env.TIMINGS) });
  await queue.work('transcribe', { concurrency: 1 }, (payload) => {
    process.stdout.write(JSON.stringify({ took: payload.versionId }) + '\\n');
    return new Promise(() => undefined);
  });
  await queue.start();
`;

function startChild(schema: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', childWorker], {
    env: { ...process.env, DATABASE_MODULE: modules.database, QUEUE_MODULE: modules.queue, DATABASE_URL: TEST_DATABASE_URL, SCHEMA: schema, TIMINGS: JSON.stringify(timings) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  onTestFinished(() => void child.kill('SIGKILL'));
  return child;
}

async function openNode(schema: string, extra: Partial<PgBossJobQueueOptions> = {}): Promise<PgBossJobQueue> {
  const database = new PgDatabase({ connectionString: TEST_DATABASE_URL, maxConnections: 4 });
  onTestFinished(() => database.close());
  const queue = new PgBossJobQueue({ database, schema, ...timings, ...extra });
  onTestFinished(() => queue.stop(0));
  return queue;
}

describe.skipIf(!available)('pg-boss job queue on the PostgreSQL server: a worker process killed mid-job', () => {
  it('loses no job: after expiry another node runs it again', async () => {
    const schema = throwawaySchema('pgboss_crash');
    const sender = await openNode(schema);
    await sender.start();
    await sender.send('transcribe', { tenantId: 'tenant-a', versionId: 'v-crash' });

    const child = startChild(schema);
    const lines = createInterface({ input: child.stdout! });
    const exited = once(child, 'exit').then(([code]) => Promise.reject(new Error(`the child worker exited early (code ${code})`)));
    const [line] = (await Promise.race([once(lines, 'line'), exited])) as [string];
    exited.catch(() => undefined);
    const tookAt = Date.now();
    expect(JSON.parse(line)).toEqual({ took: 'v-crash' });
    process.kill(child.pid!, 'SIGKILL');
    await once(child, 'exit');
    const killedAt = Date.now();

    // The restarted node: same schema, its own process-local state.
    const survivor = await openNode(schema);
    const seen: Array<{ payload: JobPayload; at: number }> = [];
    await survivor.work('transcribe', { concurrency: 1 }, async (payload) => (seen.push({ payload, at: Date.now() }), { status: 'done' }));
    await survivor.start();
    const deadline = Date.now() + 10_000;
    while (seen.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));

    expect(seen.map((s) => s.payload)).toEqual([{ tenantId: 'tenant-a', versionId: 'v-crash' }]);
    const at = seen[0]!.at;
    console.info(`[measure] crash recovery: job re-run ${at - killedAt} ms after SIGKILL, ${at - tookAt} ms after the dead worker took it (expireIn ${timings.expireInSeconds} s, maintenance ${timings.maintenanceIntervalSeconds} s, retry delay ${timings.retryDelaySeconds}-${2 * timings.retryDelaySeconds} s)`);
    // Not before expiry, and within expiry + maintenance + backoff + polling (+ slack for a busy CI box).
    expect(at - tookAt).toBeGreaterThanOrEqual(timings.expireInSeconds * 1000);
    expect(at - tookAt).toBeLessThan(9_000);
  });
});
