/**
 * The pg-boss worker loop survives its database going away (simulated on PGlite by a wrapper that
 * fails every statement as a lost connection does): fetches fail and are retried with backoff, an
 * outcome that cannot be recorded is recorded once the database is back, and nothing runs twice.
 * The same against a real PostgreSQL server that is stopped is in test/e2e/database-outage.test.ts.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { PgliteDatabase } from '../../adapters/postgres/pglite.database.ts';
import { PgBossJobQueue } from '../../adapters/queue/pg-boss.job-queue.ts';
import type { JobOutcome } from '../../src/ports/job-queue.port.ts';
import { faultyDatabase, type FaultyDatabase } from '../support/faulty-database.ts';

let inner: PgliteDatabase;
let schemas = 0;

beforeAll(async () => {
  inner = await PgliteDatabase.open();
});

afterAll(async () => {
  await inner?.close();
});

async function openQueue(): Promise<{ queue: PgBossJobQueue; db: FaultyDatabase; errors: Error[]; schema: string }> {
  const db = faultyDatabase(inner);
  const errors: Error[] = [];
  const schema = `pgboss_outage_${++schemas}`;
  const queue = new PgBossJobQueue({
    database: db,
    schema,
    retryLimit: 2,
    retryDelaySeconds: 1,
    pollingIntervalSeconds: 0.5,
    maintenanceIntervalSeconds: 1,
    faultBackoff: { initialMs: 50, maxMs: 200 },
    onError: (error) => void errors.push(error),
  });
  onTestFinished(async () => {
    db.outage = false;
    await queue.stop(0);
  });
  return { queue, db, errors, schema };
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

describe('pg-boss worker during a database outage (PGlite behind a fault-injecting wrapper)', () => {
  it('keeps fetching through an outage and runs the jobs sent after it', async () => {
    const { queue, db, errors } = await openQueue();
    const seen: string[] = [];
    await queue.work('scan', { concurrency: 2 }, async (p) => (seen.push(p.versionId), { status: 'done' }));
    await queue.start();
    await queue.send('scan', { tenantId: 't', versionId: 'before' });
    await waitFor(() => seen.includes('before'), 'the job sent before the outage');

    db.outage = true;
    await expect(queue.send('scan', { tenantId: 't', versionId: 'during' })).rejects.toMatchObject({ code: 'unavailable' });
    await waitFor(() => errors.filter((e) => /could not fetch scan jobs/.test(e.message)).length >= 3, 'repeated fetch failures');
    db.outage = false;

    await queue.send('scan', { tenantId: 't', versionId: 'after' });
    await waitFor(() => seen.includes('after'), 'the job sent after the outage');
    expect(seen).toEqual(['before', 'after']);
    // Backoff, not a busy loop: at 50-200 ms per try, the outage above cost a handful of fetches.
    expect(errors.every((e) => e.name === 'JobQueueError' || e.name === 'DomainError')).toBe(true);
  });

  it('records the outcome of a job that finished during the outage once the database is back, without running it again', async () => {
    const { queue, db, errors, schema } = await openQueue();
    const states = async () => (await inner.query(`select state from ${schema}.job where name = 'extract' order by created_on`)).rows.map((r) => String(r.state));
    let runs = 0;
    let release: (outcome: JobOutcome) => void = () => undefined;
    await queue.work('extract', { concurrency: 1 }, () => {
      runs++;
      return new Promise<JobOutcome>((resolve) => (release = resolve));
    });
    await queue.start();
    await queue.send('extract', { tenantId: 't', versionId: 'v1' });
    await waitFor(() => runs === 1, 'the job to start');

    db.outage = true;
    release({ status: 'done' });
    await waitFor(() => errors.some((e) => /could not record the outcome of extract job/.test(e.message)), 'a failed attempt to record the outcome');
    expect(await states()).toEqual(['active']);
    db.outage = false;

    const deadline = Date.now() + 5_000;
    while ((await states())[0] !== 'completed' && Date.now() < deadline) await sleep(50);
    expect(await states()).toEqual(['completed']);
    // The slot was held until the outcome was recorded, and the job did not run again.
    await queue.send('extract', { tenantId: 't', versionId: 'v2' });
    await waitFor(() => runs === 2, 'the next job');
    release({ status: 'done' });
    await sleep(1_500);
    expect(runs).toBe(2);
  });
});
