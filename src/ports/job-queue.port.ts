import type { Transaction } from './database.port.ts';

/** Named jobs of the processing pipeline. */
export const JOB_NAMES = ['scan', 'extract', 'transcribe', 'index'] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface JobPayload {
  tenantId: string;
  versionId: string;
}

/** How a job handler ended; failures with `retry: true` are tried again with backoff. */
export type JobOutcome =
  | { status: 'done' }
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; reason: string; retry: boolean };

/** A durable queue of named, idempotent jobs. */
export interface JobQueue {
  /** Enqueue a job; the same (name, versionId) twice while one is pending is a no-op. */
  send(name: JobName, payload: JobPayload): Promise<void>;
  /**
   * Optional capability of a queue that lives in the caller's database: enqueue as part of the
   * caller's open transaction, so the job exists exactly when that transaction commits. Same
   * deduplication as `send`. Requires `start()` to have resolved.
   */
  sendInTransaction?(tx: Transaction, name: JobName, payload: JobPayload): Promise<void>;
  /** Optional: run the jobs of `name` that wait for a retry now instead of after their backoff; resolves to how many. */
  retryNow?(name: JobName): Promise<number>;
  /** Run `handler` for jobs of `name`, `concurrency` at a time. */
  work(name: JobName, options: { concurrency: number }, handler: (payload: JobPayload) => Promise<JobOutcome>): Promise<void>;
  /** Start processing (creating queues as needed). */
  start(): Promise<void>;
  /** Stop taking jobs and wait for running ones up to `graceMs`. */
  stop(graceMs: number): Promise<void>;
}
