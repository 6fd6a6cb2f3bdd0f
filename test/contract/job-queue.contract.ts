/**
 * The JobQueue contract, replayed on every adapter and database (DESIGN.md habit 1).
 * Each test gets fresh storage; queues opened from it share their jobs, like nodes.
 * Tests run concurrently (they mostly wait on backoff timers), so each registers its
 * cleanups through its own context's `onTestFinished`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, type TestContext } from 'vitest';
import type { JobName, JobOutcome, JobPayload, JobQueue } from '../../src/ports/job-queue.port.ts';

/** What every adapter must let the pipeline configure. */
export interface JobQueueSettings {
  /** Tries after the first run. */
  retryLimit: number;
  /** Base delay of the exponential backoff, whole seconds. */
  retryDelaySeconds: number;
  /** Called once per job that ended failed. */
  onDeadLetter?: (name: JobName, payload: JobPayload, reason: string) => Promise<void>;
}

/** The calling test's cleanup hook: callbacks run after it, last registered first. */
export type OnTestFinished = TestContext['onTestFinished'];

export interface JobQueueHarness {
  /** Called inside a test: empty storage; each call of the returned function opens a queue on it. */
  fresh(onTestFinished: OnTestFinished): Promise<(settings: JobQueueSettings) => Promise<JobQueue>>;
}

const payload = (versionId: string): JobPayload => ({ tenantId: 'tenant-a', versionId });
const done: JobOutcome = { status: 'done' };

async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

export function jobQueueContract(title: string, harness: JobQueueHarness, options: { skip?: boolean } = {}): void {
  describe(title, { concurrent: true, skip: options.skip ?? false }, () => {
    const defaults: JobQueueSettings = { retryLimit: 2, retryDelaySeconds: 1 };

    async function store(onTestFinished: OnTestFinished): Promise<(settings?: Partial<JobQueueSettings>) => Promise<JobQueue>> {
      const open = await harness.fresh(onTestFinished);
      return async (settings = {}) => {
        const queue = await open({ ...defaults, ...settings });
        onTestFinished(() => queue.stop(0));
        return queue;
      };
    }

    it('runs each sent job with its payload, by name', async ({ onTestFinished }) => {
      const queue = await (await store(onTestFinished))();
      const seen: string[] = [];
      await queue.work('scan', { concurrency: 1 }, async (p) => (seen.push(`scan:${p.versionId}:${p.tenantId}`), done));
      await queue.work('index', { concurrency: 1 }, async (p) => (seen.push(`index:${p.versionId}`), done));
      await queue.start();
      await queue.send('scan', payload('v1'));
      await queue.send('index', payload('v2'));
      await queue.send('scan', payload('v3'));
      await waitFor(() => seen.length === 3, 'three jobs');
      expect(seen.sort()).toEqual(['index:v2', 'scan:v1:tenant-a', 'scan:v3:tenant-a']);
    });

    it('runs a job sent twice while pending once', async ({ onTestFinished }) => {
      const queue = await (await store(onTestFinished))();
      await queue.start();
      await queue.send('extract', payload('v1'));
      await queue.send('extract', payload('v1'));
      await queue.send('extract', payload('v2'));
      const seen: string[] = [];
      await queue.work('extract', { concurrency: 1 }, async (p) => (seen.push(p.versionId), done));
      await waitFor(() => seen.includes('v2'), 'the job sent after the duplicate');
      expect(seen).toEqual(['v1', 'v2']);
    });

    it('retries a thrown error and a retryable failure with growing delays, then succeeds', async ({ onTestFinished }) => {
      const queue = await (await store(onTestFinished))({ retryLimit: 2, retryDelaySeconds: 1 });
      const tries: number[] = [];
      await queue.work('transcribe', { concurrency: 1 }, async () => {
        tries.push(Date.now());
        if (tries.length === 1) throw new Error('service unavailable');
        if (tries.length === 2) return { status: 'failed', reason: 'throttled', retry: true };
        return done;
      });
      await queue.start();
      await queue.send('transcribe', payload('v1'));
      await waitFor(() => tries.length === 3, 'the third try', 12_000);
      const [first = 0, second = 0, third = 0] = tries;
      expect(second - first).toBeGreaterThanOrEqual(900);
      expect(third - second).toBeGreaterThanOrEqual(1_900);
    });

    it('treats a job waiting for its retry as pending: sending it again changes nothing', async ({ onTestFinished }) => {
      // A long first delay leaves time for the failure to be recorded (on a busy machine) before we send again.
      const queue = await (await store(onTestFinished))({ retryLimit: 1, retryDelaySeconds: 2 });
      const seen: Array<{ id: string; at: number }> = [];
      await queue.work('scan', { concurrency: 1 }, async (p) => {
        seen.push({ id: p.versionId, at: Date.now() });
        return seen.length === 1 ? { status: 'failed', reason: 'clamd restarting', retry: true } : done;
      });
      await queue.start();
      await queue.send('scan', payload('v1'));
      await waitFor(() => seen.length === 1, 'the first try');
      await sleep(1_000);
      await queue.send('scan', payload('v1'));
      await waitFor(() => seen.length === 2, 'the retry', 8_000);
      await queue.send('scan', payload('v2'));
      await waitFor(() => seen.some((s) => s.id === 'v2'), 'a later job');
      expect(seen.map((s) => s.id)).toEqual(['v1', 'v1', 'v2']);
      // The second run is the retry after its backoff, not a duplicate run at once.
      expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(1_900);
    });

    it('does not retry a non-retryable failure and dead-letters it at once', async ({ onTestFinished }) => {
      const dead: Array<[JobName, JobPayload, string]> = [];
      const queue = await (await store(onTestFinished))({ retryLimit: 2, onDeadLetter: async (...args) => void dead.push(args) });
      let tries = 0;
      await queue.work('scan', { concurrency: 1 }, async () => (tries++, { status: 'failed', reason: 'infected: Eicar-Signature', retry: false }));
      await queue.start();
      await queue.send('scan', payload('v1'));
      await waitFor(() => dead.length === 1, 'the dead letter', 8_000);
      expect(tries).toBe(1);
      expect(dead).toEqual([['scan', payload('v1'), 'infected: Eicar-Signature']]);
    });

    it('dead-letters a job after its last try, once, with the reason', async ({ onTestFinished }) => {
      const dead: Array<[JobName, JobPayload, string]> = [];
      const queue = await (await store(onTestFinished))({ retryLimit: 1, onDeadLetter: async (...args) => void dead.push(args) });
      let tries = 0;
      await queue.work('extract', { concurrency: 1 }, async () => {
        tries++;
        throw new Error('pdf parser crashed');
      });
      await queue.start();
      await queue.send('extract', payload('v7'));
      await waitFor(() => dead.length > 0, 'the dead letter', 8_000);
      expect(tries).toBe(2);
      expect(dead).toHaveLength(1);
      expect(dead[0]?.[0]).toBe('extract');
      expect(dead[0]?.[1]).toEqual(payload('v7'));
      expect(dead[0]?.[2]).toContain('pdf parser crashed');
    });

    it('runs at most `concurrency` jobs at a time, and uses them all', async ({ onTestFinished }) => {
      const queue = await (await store(onTestFinished))();
      let inFlight = 0;
      let most = 0;
      const seen = new Set<string>();
      await queue.start();
      for (let i = 0; i < 7; i++) await queue.send('index', payload(`v${i}`));
      await queue.work('index', { concurrency: 3 }, async (p) => {
        most = Math.max(most, ++inFlight);
        await sleep(150);
        inFlight--;
        seen.add(p.versionId);
        return done;
      });
      await waitFor(() => seen.size === 7, 'all seven jobs');
      expect(most).toBe(3);
    });

    it('stop waits for a running job to finish', async ({ onTestFinished }) => {
      const queue = await (await store(onTestFinished))();
      let started = false;
      let finished = false;
      await queue.work('transcribe', { concurrency: 1 }, async () => {
        started = true;
        await sleep(600);
        finished = true;
        return done;
      });
      await queue.start();
      await queue.send('transcribe', payload('v1'));
      await waitFor(() => started, 'the job to start');
      const before = Date.now();
      await queue.stop(5_000);
      expect(finished).toBe(true);
      // ...and no longer than it needs (the grace period is an upper bound, not a wait).
      expect(Date.now() - before).toBeLessThan(3_000);
    });

    it('stop gives up after the grace period and the unfinished job runs again elsewhere', async ({ onTestFinished }) => {
      const open = await store(onTestFinished);
      const first = await open({ retryDelaySeconds: 1 });
      let started = false;
      await first.work('scan', { concurrency: 1 }, async () => ((started = true), new Promise<JobOutcome>(() => undefined)));
      await first.start();
      await first.send('scan', payload('v1'));
      await waitFor(() => started, 'the job to start');
      const before = Date.now();
      await first.stop(100);
      expect(Date.now() - before).toBeLessThan(2_000);

      const second = await open({ retryDelaySeconds: 1 });
      const seen: string[] = [];
      await second.work('scan', { concurrency: 1 }, async (p) => (seen.push(p.versionId), done));
      await second.start();
      await waitFor(() => seen.length === 1, 'the job on the second node', 5_000);
      expect(seen).toEqual(['v1']);
    });
  });
}
