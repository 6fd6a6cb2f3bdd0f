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
  queue: string;
  concurrency: number;
  pollingIntervalMs: number;
  handler: (job: FetchedJob) => Promise<JobOutcome>;
  /** Spend the job's remaining tries, so that the next `fail` is final. */
  exhaustRetries: (queue: string, id: string) => Promise<void>;
  onError: (error: Error) => void;
}

/**
 * Runs one queue's jobs, `concurrency` at a time, with pg-boss's fetch/complete/fail.
 *
 * We drive pg-boss (v10) ourselves instead of `boss.work()` because its worker
 * does not await `complete`/`fail` (a database error there is an unhandled
 * rejection), fetches in batches that must all finish before the next fetch, and
 * drains on stop in 500 ms steps. Here a slot is refilled as soon as it frees up.
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

  constructor(private readonly options: QueueWorkerOptions) {}

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
    this.notify();
    const idle = await settlesWithin(this.loop ?? Promise.resolve(), graceMs);
    const drained = idle && (await settlesWithin(Promise.all(this.running.values()), deadline - Date.now()));
    this.stopped = true;
    if (!drained) await this.handBack([...this.running.keys()]);
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      this.woken = false;
      const free = this.options.concurrency - this.running.size;
      if (free > 0) {
        const jobs = await this.options.boss.fetch<unknown>(this.options.queue, { batchSize: free, includeMetadata: true });
        // A fetch that outlived stop's grace period: these jobs are not ours to run any more.
        if (this.stopped) return this.handBack(jobs.map((job) => job.id));
        for (const job of jobs) this.track(job);
      }
      await this.idle();
    }
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
    if (this.abandoned.delete(job.id)) return;
    try {
      await this.record(job.id, outcome);
    } catch (error) {
      // The job stays active and is retried once it expires.
      this.options.onError(new JobQueueError(`could not record the outcome of ${this.options.queue} job ${job.id}`, { cause: error }));
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

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
