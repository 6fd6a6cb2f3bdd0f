import { afterAll, beforeAll } from 'vitest';
import { PgliteDatabase } from '../../adapters/postgres/pglite.database.ts';
import { PgBossJobQueue } from '../../adapters/queue/pg-boss.job-queue.ts';
import { jobQueueContract } from './job-queue.contract.ts';

let database: PgliteDatabase;
let tests = 0;

beforeAll(async () => {
  database = await PgliteDatabase.open();
});

afterAll(async () => {
  await database?.close();
});

// One in-memory PGlite for the file; each test gets its own pg-boss schema in it.
jobQueueContract('JobQueue contract: pg-boss on PGlite', {
  async fresh() {
    const schema = `pgboss_t${++tests}`;
    return async (settings) =>
      new PgBossJobQueue({ database, schema, ...settings, pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1 });
  },
});
