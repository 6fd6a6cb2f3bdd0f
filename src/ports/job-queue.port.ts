/** Named jobs of the processing pipeline. */
export type JobName = 'scan' | 'extract' | 'transcribe' | 'index';

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
  /** Run `handler` for jobs of `name`, `concurrency` at a time. */
  work(name: JobName, options: { concurrency: number }, handler: (payload: JobPayload) => Promise<JobOutcome>): Promise<void>;
  /** Start processing (creating queues as needed). */
  start(): Promise<void>;
  /** Stop taking jobs and wait for running ones up to `graceMs`. */
  stop(graceMs: number): Promise<void>;
}
