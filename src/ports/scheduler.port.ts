import type { JobOutcome } from './job-queue.port.ts';

/** Named periodic tasks (DESIGN.md's lifecycle jobs: trash -> purge, retention, blob deletions). */
export const SCHEDULED_TASKS = ['lifecycle'] as const;
export type ScheduledTask = (typeof SCHEDULED_TASKS)[number];

/**
 * Durable periodic tasks: a cron schedule kept in the database, so that however many nodes run,
 * each tick queues one run, and a run asked for while one waits coalesces with it. Runs may
 * overlap on different nodes; tasks must be safe to run concurrently (skip locked rows).
 */
export interface Scheduler {
  /** Keep `cron` (five fields, UTC) for `task`, and run `handler` on this node for each queued run. */
  schedule(task: ScheduledTask, cron: string, handler: () => Promise<JobOutcome>): Promise<void>;
  /** Queue a run now (at once, not at the next tick); no-op while one is already waiting. */
  runNow(task: ScheduledTask): Promise<void>;
}
