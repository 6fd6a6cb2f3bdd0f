import { PgDatabase } from '../../adapters/postgres/pg.database.ts';
import { PgBossJobQueue } from '../../adapters/queue/pg-boss.job-queue.ts';
import { throwawaySchema } from '../support/pg-schema.ts';
import { postgresAvailable, TEST_DATABASE_URL } from '../support/services.ts';
import { jobQueueContract } from './job-queue.contract.ts';

const available = await postgresAvailable();

// Each test gets its own pg-boss schema; each queue opened in it is a node with its own pool.
jobQueueContract(
  'JobQueue contract: pg-boss on the PostgreSQL server',
  {
    async fresh(onTestFinished) {
      const schema = throwawaySchema('pgboss', onTestFinished);
      return async (settings) => {
        const database = new PgDatabase({ connectionString: TEST_DATABASE_URL, maxConnections: 4 });
        onTestFinished(() => database.close());
        return new PgBossJobQueue({ database, schema, ...settings, pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1 });
      };
    },
  },
  { skip: !available },
);
