import PgBoss from 'pg-boss';
import type { Database, Transaction } from '../../src/ports/database.port.ts';
import { JOB_NAMES, type JobName, type JobOutcome, type JobPayload, type JobQueue } from '../../src/ports/job-queue.port.ts';
import { SCHEDULED_TASKS, type ScheduledTask, type Scheduler } from '../../src/ports/scheduler.port.ts';
import { pgBossDb } from './pg-boss.db.ts';
import { assertSchemaName, pgBossSql } from './pg-boss.sql.ts';
import { JobQueueError, QueueWorker, type FetchedJob } from './pg-boss.worker.ts';

/** Called once for a job that ended failed: tries used up, not retryable, or lost too often. */
export type DeadLetterHandler = (name: JobName, payload: JobPayload, reason: string) => Promise<void>;

export interface PgBossJobQueueOptions {
  /** Where jobs live: the server pool or PGlite. A dedicated pool on a server keeps queue faults away from requests. */
  database: Database;
  /** Schema of pg-boss's tables. Default `pgboss`; tests use one per test. */
  schema?: string;
  /**
   * Create (or upgrade) pg-boss's schema and the queues on start; default true. False for a
   * database role that may not create tables: `PgBossJobQueue.install` then ran as the owner.
   */
  install?: boolean;
  /** Tries after the first run; a run lost with its process counts as a try. Default 3. */
  retryLimit?: number;
  /** Base delay before a retry, in whole seconds; try n waits about delay·2^(n-1) to delay·2^n. Default 5. */
  retryDelaySeconds?: number;
  /** Whether the retry delay doubles with each try (pg-boss's backoff has no ceiling). Default true. */
  retryBackoff?: boolean;
  /** A job still running after this long is presumed dead with its process and retried. Default 900. */
  expireInSeconds?: number;
  /** Per-queue override of `expireInSeconds`; must exceed the longest honest run of that job. */
  expireInSecondsByQueue?: Partial<Record<JobName, number>>;
  /** How often an idle worker looks for jobs (minimum 0.5). Jobs sent from this process wake it at once. Default 2. */
  pollingIntervalSeconds?: number;
  /** How often expired jobs are looked for (minimum 1); recovery after a crash takes up to expiry plus this. Default 30. */
  maintenanceIntervalSeconds?: number;
  /** Runs for each job reaching `<name>_dead`; without it dead jobs stay there for inspection. */
  onDeadLetter?: DeadLetterHandler;
  /** Faults that no caller can receive (maintenance, recording an outcome). Default: console.error. */
  onError?: (error: Error) => void;
  /** Backoff of a worker whose database calls fail (fetch, recording an outcome). Default 250 ms doubling to 10 s. */
  faultBackoff?: { initialMs: number; maxMs: number };
  /**
   * Run pg-boss's cron clock in this process (needed where `schedule` is used): every
   * `cronMonitorSeconds` (default 30) it queues the runs of schedules whose tick has come.
   */
  cron?: { monitorSeconds?: number };
}

/** pg-boss's own queue through which cron ticks are sent (created at install: the runtime role cannot). */
const CRON_SEND_QUEUE = '__pgboss__send-it';

/**
 * JobQueue on pg-boss v10, over the Database port (Postgres server or PGlite).
 * Queue `<name>` uses pg-boss's `short` policy with the version id as singleton key,
 * retries with exponential backoff, and dead-letters into `<name>_dead`. Jobs live in the
 * caller's database, so a job can be sent inside the caller's transaction (`sendInTransaction`).
 */
export class PgBossJobQueue implements JobQueue, Scheduler {
  private readonly boss: PgBoss;
  private readonly db: PgBoss.Db;
  private readonly sql: ReturnType<typeof pgBossSql>;
  /** Workers by pg-boss queue (`scan`, `scan_dead`, ...), with the job name whose queues they need. */
  private readonly workers = new Map<string, { name: JobName; worker: QueueWorker; cron?: string }>();
  private readonly taskQueues = new Map<string, Promise<void>>();
  private readonly queues = new Map<string, Promise<void>>();
  private creating: Promise<void> = Promise.resolve();
  private readonly onError: (error: Error) => void;
  private started: Promise<void> | undefined;

  constructor(private readonly options: PgBossJobQueueOptions) {
    const schema = assertSchemaName(options.schema ?? 'pgboss');
    this.sql = pgBossSql(schema);
    this.onError = options.onError ?? ((error) => console.error(error));
    this.db = pgBossDb(options.database);
    this.boss = new PgBoss({
      db: this.db,
      schema,
      migrate: options.install ?? true,
      schedule: options.cron !== undefined,
      ...(options.cron ? { cronMonitorIntervalSeconds: options.cron.monitorSeconds ?? 30, cronWorkerIntervalSeconds: Math.min(5, options.cron.monitorSeconds ?? 5) } : {}),
      supervise: true,
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
    });
    // pg-boss reports maintenance failures as 'error' events; unheard, they would crash the process.
    this.boss.on('error', (error) => this.onError(error));
  }

  /**
   * Create (or upgrade) pg-boss's schema and every pipeline queue, as a role allowed to create
   * tables; the runtime queue can then start with `install: false` as a role that may not.
   */
  static async install(database: Database, schema = 'pgboss'): Promise<void> {
    const queue = new PgBossJobQueue({ database, schema, install: true });
    await queue.boss.start();
    try {
      for (const name of JOB_NAMES) await queue.ensureQueue(name);
      for (const task of SCHEDULED_TASKS) await queue.ensureTaskQueue(task);
      if (!(await queue.boss.getQueue(CRON_SEND_QUEUE))) await queue.boss.createQueue(CRON_SEND_QUEUE);
    } finally {
      await queue.boss.stop({ graceful: false, close: false });
    }
  }

  async start(): Promise<void> {
    this.started ??= (async () => {
      await this.boss.start();
      // Every queue, not only those worked here: a send inside a transaction cannot create one.
      for (const name of JOB_NAMES) await this.ensureQueue(name);
      await Promise.all([...this.workers.keys()].map((queue) => this.launch(queue)));
    })();
    this.started.catch(() => (this.started = undefined)); // a failed start may be tried again
    await this.started;
  }

  async send(name: JobName, payload: JobPayload): Promise<void> {
    if (!this.started) throw new JobQueueError('PgBossJobQueue.send called before start()');
    await this.started;
    await this.ensureQueue(name);
    const waiting = await this.options.database.query(this.sql.pendingRetry, [name, payload.versionId]);
    if (waiting.rows.length > 0) return;
    const data = { tenantId: payload.tenantId, versionId: payload.versionId };
    const id = await this.boss.send(name, data, { singletonKey: payload.versionId });
    if (id) this.workers.get(name)?.worker.notify();
  }

  async sendInTransaction(tx: Transaction, name: JobName, payload: JobPayload): Promise<void> {
    if (!this.started) throw new JobQueueError('PgBossJobQueue.sendInTransaction called before start()');
    await this.started;
    const waiting = await tx.query(this.sql.pendingRetry, [name, payload.versionId]);
    if (waiting.rows.length > 0) return;
    const data = { tenantId: payload.tenantId, versionId: payload.versionId };
    const db: PgBoss.Db = { executeSql: async (text, values) => ({ rows: (await tx.query(text, values ?? [])).rows }) };
    const id = await this.boss.send(name, data, { singletonKey: payload.versionId, db });
    // The job is visible to fetches only once the transaction commits.
    if (id) tx.afterCommit(() => this.workers.get(name)?.worker.notify());
  }

  async retryNow(name: JobName): Promise<number> {
    const { rowCount } = await this.options.database.query(this.sql.retryNow, [name]);
    if (rowCount > 0) this.workers.get(name)?.worker.notify();
    return rowCount;
  }

  async work(name: JobName, options: { concurrency: number }, handler: (payload: JobPayload) => Promise<JobOutcome>): Promise<void> {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${options.concurrency}`);
    if (this.workers.has(name)) throw new JobQueueError(`a handler for ${name} jobs is already registered`);
    this.workers.set(name, { name, worker: this.worker(name, options.concurrency, (job) => handler(job.data as JobPayload)) });
    const onDeadLetter = this.options.onDeadLetter;
    if (onDeadLetter) {
      const worker = this.worker(deadLetterQueue(name), 1, async (job) => {
        await onDeadLetter(name, job.data as JobPayload, reasonOf(job.output));
        return { status: 'done' };
      });
      this.workers.set(deadLetterQueue(name), { name, worker });
    }
    if (this.started) {
      await this.started;
      await Promise.all([this.launch(name), onDeadLetter ? this.launch(deadLetterQueue(name)) : undefined]);
    }
  }

  /**
   * Keep the schedule in pg-boss (its `schedule` table; every node's cron clock sees it) and work
   * the task's queue here, one run at a time per node. The queue's `short` policy keeps at most
   * one run waiting, so ticks and `runNow` coalesce.
   */
  async schedule(task: ScheduledTask, cron: string, handler: () => Promise<JobOutcome>): Promise<void> {
    if (this.workers.has(task)) throw new JobQueueError(`a handler for ${task} runs is already registered`);
    const worker = this.worker(task, 1, () => handler());
    this.workers.set(task, { name: task as unknown as JobName, worker, cron });
    if (this.started) {
      await this.started;
      await this.launch(task);
    }
  }

  async runNow(task: ScheduledTask): Promise<void> {
    if (!this.started) throw new JobQueueError('PgBossJobQueue.runNow called before start()');
    await this.started;
    await this.ensureTaskQueue(task);
    const id = await this.boss.send(task, {}, { singletonKey: task });
    if (id) this.workers.get(task)?.worker.notify();
  }

  async stop(graceMs: number): Promise<void> {
    if (!this.started) return;
    await this.started.catch(() => undefined);
    await Promise.all([...this.workers.values()].map(({ worker }) => worker.stop(graceMs)));
    await this.boss.stop({ graceful: false, close: false });
  }

  private worker(queue: string, concurrency: number, handler: (job: FetchedJob) => Promise<JobOutcome>): QueueWorker {
    return new QueueWorker({
      boss: this.boss,
      db: this.db,
      queue,
      concurrency,
      pollingIntervalMs: Math.max(0.5, this.options.pollingIntervalSeconds ?? 2) * 1000,
      handler,
      exhaustRetries: async (name, id) => void (await this.options.database.query(this.sql.exhaustRetries, [name, id])),
      onError: this.onError,
      ...(this.options.faultBackoff ? { faultBackoff: this.options.faultBackoff } : {}),
    });
  }

  private async launch(queue: string): Promise<void> {
    const entry = this.workers.get(queue);
    if (!entry) return;
    if (entry.cron !== undefined) {
      await this.ensureTaskQueue(queue as ScheduledTask);
      await this.boss.schedule(queue, entry.cron, {}, { tz: 'UTC', singletonKey: queue });
      entry.worker.start();
      return;
    }
    await this.ensureQueue(entry.name);
    entry.worker.start();
  }

  /**
   * Create (or bring up to date) `name` and its dead-letter queue, once per process.
   * One at a time: each new queue attaches a partition to pg-boss's job table, and
   * concurrent attachments deadlock. Another node starting at the same moment may
   * still collide with us; Postgres then aborts one side, which tries again.
   */
  private ensureQueue(name: JobName): Promise<void> {
    let ready = this.queues.get(name);
    if (!ready) {
      ready = this.creating.then(() => retryOnDeadlock(() => this.createQueues(name)));
      this.creating = ready.catch(() => undefined);
      ready.catch(() => this.queues.delete(name));
      this.queues.set(name, ready);
    }
    return ready;
  }

  /** A scheduled task's queue: at most one run waiting, no retries (the next tick is the retry), no dead letters. */
  private ensureTaskQueue(task: ScheduledTask): Promise<void> {
    let ready = this.taskQueues.get(task);
    if (!ready) {
      ready = this.creating.then(() =>
        retryOnDeadlock(() => this.upsertQueue(task, { name: task, policy: 'short', retryLimit: 0, expireInSeconds: this.options.expireInSeconds ?? 900 })),
      );
      this.creating = ready.catch(() => undefined);
      ready.catch(() => this.taskQueues.delete(task));
      this.taskQueues.set(task, ready);
    }
    return ready;
  }

  private async createQueues(name: JobName): Promise<void> {
    const dead = deadLetterQueue(name);
    await this.upsertQueue(dead, { name: dead, policy: 'standard' });
    await this.upsertQueue(name, {
      name,
      policy: 'short',
      retryLimit: this.options.retryLimit ?? 3,
      retryDelay: this.options.retryDelaySeconds ?? 5,
      retryBackoff: this.options.retryBackoff ?? true,
      expireInSeconds: this.options.expireInSecondsByQueue?.[name] ?? this.options.expireInSeconds ?? 900,
      deadLetter: dead,
    });
  }

  private async upsertQueue(name: string, queue: PgBoss.Queue): Promise<void> {
    if (await this.boss.getQueue(name)) await this.boss.updateQueue(name, queue);
    else await this.boss.createQueue(name, queue);
  }
}

/** Name of the queue that receives `name`'s jobs after their last try. */
export function deadLetterQueue(name: JobName): string {
  return `${name}_dead`;
}

async function retryOnDeadlock(work: () => Promise<void>, attempts = 4): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const deadlock = (error as { code?: unknown }).code === '40P01';
      if (!deadlock || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
    }
  }
}

function reasonOf(output: unknown): string {
  if (output && typeof output === 'object') {
    const record = output as { reason?: unknown; value?: { message?: unknown } };
    if (typeof record.reason === 'string') return record.reason;
    if (typeof record.value?.message === 'string') return record.value.message;
  }
  return 'failed';
}
