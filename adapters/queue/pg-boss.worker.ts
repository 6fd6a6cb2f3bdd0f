import { setTimeout as sleep } from 'node:timers/promises';
import type PgBoss from 'pg-boss';
import type { JobOutcome } from '../../src/ports/job-queue.port.ts';

/** A fault while running or recording a job (never caused by a client). */
export class JobQueueError extends Error {
  override readonly name = 'JobQueueError';
}

export type FetchedJob = PgBoss.JobWithMetadata<unknown>;

export interface QueueWorkerOptions {
  boss: PgBoss;
  /** The database pg-boss runs on; fetches go through it so that their failures are seen (pg-boss's `fetch` swallows them). */
  db: PgBoss.Db;
  queue: string;
  concurrency: number;
  pollingIntervalMs: number;
  handler: (job: FetchedJob) => Promise<JobOutcome>;
  /** Spend the job's remaining tries, so that the next `fail` is final. */
  exhaustRetries: (queue: string, id: string) => Promise<void>;
  onError: (error: Error) => void;
  /** Backoff after a failed fetch or a failed attempt to record an outcome: first delay, doubled up to the cap. Default 250 ms to 10 s. */
  faultBackoff?: { initialMs: number; maxMs: number };
}

/**
 * Runs one queue's jobs, `concurrency` at a time, with pg-boss's fetch/complete/fail.
 *
 * We drive pg-boss (v10) ourselves instead of `boss.work()` because its worker
 * does not await `complete`/`fail` (a database error there is an unhandled
 * rejection), fetches in batches that must all finish before the next fetch, and
 * drains on stop in 500 ms steps. Here a slot is refilled as soon as it frees up.
 *
 * The database may go away at any moment: a failed fetch is reported and tried again with
 * backoff (the loop never ends before `stop`), and an outcome that cannot be recorded is
 * recorded again with backoff until the job's expiry, after which pg-boss retries it anyway.
 */
export class QueueWorker {
  private readonly running = new Map<string, Promise<void>>();
  /** Jobs handed back at stop; their late outcome must not touch the retried job. */
  private readonly abandoned = new Set<string>();
  private stopping = false;
  /** Set once stop has returned (or given up waiting). */
  private stopped = false;
  private woken = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  /** Aborted by stop: ends every backoff wait at once. */
  private readonly stopSignal = new AbortController();
  private readonly backoff: { initialMs: number; maxMs: number };

  constructor(private readonly options: QueueWorkerOptions) {
    this.backoff = options.faultBackoff ?? { initialMs: 250, maxMs: 10_000 };
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Fetch now rather than at the next poll (a job was just sent from this process). */
  notify(): void {
    this.woken = true;
    this.wake?.();
  }

  /** Stop fetching; wait up to `graceMs` for running jobs, then hand the rest back for a retry. */
  async stop(graceMs: number): Promise<void> {
    if (this.stopped) return;
    const deadline = Date.now() + graceMs;
    this.stopping = true;
    this.stopSignal.abort();
    this.notify();
    const idle = await settlesWithin(this.loop ?? Promise.resolve(), graceMs);
    const drained = idle && (await settlesWithin(Promise.all(this.running.values()), deadline - Date.now()));
    this.stopped = true;
    if (!drained) await this.handBack([...this.running.keys()]);
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      this.woken = false;
      const free = this.options.concurrency - this.running.size;
      if (free > 0) {
        let jobs: FetchedJob[];
        try {
          jobs = await this.fetch(free);
          failures = 0;
        } catch (error) {
          const delay = this.delayAfter(++failures);
          this.options.onError(new JobQueueError(`could not fetch ${this.options.queue} jobs (${failures} in a row); trying again in ${delay} ms`, { cause: error }));
          await this.pause(delay);
          continue;
        }
        // A fetch that outlived stop's grace period: these jobs are not ours to run any more.
        if (this.stopped) return this.handBack(jobs.map((job) => job.id));
        for (const job of jobs) this.track(job);
      }
      await this.idle();
    }
  }

  /** pg-boss's fetch, except that a failed query rejects instead of looking like an empty queue. */
  private async fetch(batchSize: number): Promise<FetchedJob[]> {
    let failure: { error: unknown } | undefined;
    const db: PgBoss.Db = {
      executeSql: async (text, values) => {
        try {
          return await this.options.db.executeSql(text, values);
        } catch (error) {
          failure = { error };
          throw error;
        }
      },
    };
    const jobs = await this.options.boss.fetch<unknown>(this.options.queue, { batchSize, includeMetadata: true, db });
    if (failure) throw failure.error;
    return jobs;
  }

  private delayAfter(failures: number): number {
    return Math.min(this.backoff.initialMs * 2 ** Math.min(failures - 1, 20), this.backoff.maxMs);
  }

  /** Wait `ms`, or less if stop is called. */
  private async pause(ms: number): Promise<void> {
    await sleep(ms, undefined, { signal: this.stopSignal.signal }).catch(() => undefined);
  }

  private idle(): Promise<void> {
    if (this.woken || this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.options.pollingIntervalMs);
      this.wake = done;
    });
  }

  private track(job: FetchedJob): void {
    const task = this.process(job).finally(() => {
      this.running.delete(job.id);
      this.notify();
    });
    this.running.set(job.id, task);
  }

  private async process(job: FetchedJob): Promise<void> {
    let outcome: JobOutcome;
    try {
      outcome = await this.options.handler(job);
    } catch (error) {
      outcome = { status: 'failed', reason: describe(error), retry: true };
    }
    // Past its expiry the job is pg-boss's again (retried as lost): recording a late outcome would be pointless.
    const expiresAt = Date.now() + expirySecondsOf(job) * 1000;
    for (let attempt = 1; ; attempt++) {
      if (this.abandoned.delete(job.id)) return;
      try {
        await this.record(job.id, outcome);
        return;
      } catch (error) {
        const delay = this.delayAfter(attempt);
        const givingUp = this.stopped || Date.now() + delay >= expiresAt;
        const next = givingUp ? 'it stays active and is retried once it expires' : `trying again in ${delay} ms`;
        this.options.onError(new JobQueueError(`could not record the outcome of ${this.options.queue} job ${job.id}; ${next}`, { cause: error }));
        if (givingUp) return;
        await this.pause(delay);
      }
    }
  }

  private async record(id: string, outcome: JobOutcome): Promise<void> {
    const { boss, queue } = this.options;
    if (outcome.status !== 'failed') {
      await boss.complete(queue, id, outcome);
      return;
    }
    if (!outcome.retry) await this.options.exhaustRetries(queue, id);
    await boss.fail(queue, id, outcome);
  }

  private async handBack(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    for (const id of ids) if (this.running.has(id)) this.abandoned.add(id);
    const outcome: JobOutcome = { status: 'failed', reason: 'the worker stopped before the job finished', retry: true };
    const { boss, queue, onError } = this.options;
    await Promise.all(
      ids.map((id) =>
        boss.fail(queue, id, outcome).catch((error: unknown) => {
          onError(new JobQueueError(`could not hand back ${queue} job ${id}`, { cause: error }));
        }),
      ),
    );
  }
}

/** Whether `promise` settles within `ms` (already settled counts, even for ms <= 0). */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  const timer = new AbortController();
  const settled = promise.then(
    () => true,
    () => true,
  );
  const late = sleep(Math.max(0, ms), false, { signal: timer.signal }).catch(() => false);
  try {
    return await Promise.race([settled, late]);
  } finally {
    timer.abort();
  }
}

/** The job's expiry as pg-boss reports it (`expireInSeconds`, or an interval object), else 15 minutes. */
function expirySecondsOf(job: FetchedJob): number {
  const value = (job as { expireInSeconds?: unknown; expireIn?: unknown }).expireInSeconds ?? (job as { expireIn?: unknown }).expireIn;
  // EXTRACT(epoch ...) is numeric: a string from pg, a number from PGlite.
  if (typeof value === 'number' || typeof value === 'string') {
    const seconds = Number(value);
    if (Number.isFinite(seconds) && seconds > 0) return seconds;
  }
  if (value && typeof value === 'object') {
    const { hours = 0, minutes = 0, seconds = 0 } = value as { hours?: number; minutes?: number; seconds?: number };
    const total = hours * 3600 + minutes * 60 + seconds;
    if (total > 0) return total;
  }
  return 900;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
