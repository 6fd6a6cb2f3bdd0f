import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Database } from '../ports/database.port.ts';
import { PgDatabase } from '../../adapters/postgres/pg.database.ts';
import { PgliteDatabase } from '../../adapters/postgres/pglite.database.ts';
import { migrate } from '../../adapters/postgres/migrate.ts';
import { grantRuntimeRole, postureProblems, rolePosture, type RolePosture } from '../../adapters/postgres/database-roles.ts';
import { PgBossJobQueue } from '../../adapters/queue/pg-boss.job-queue.ts';

/** pg-boss's schema in the catalog's database. */
export const JOB_QUEUE_SCHEMA = 'pgboss';

/** The database refuses to serve as configured. */
export class DatabaseSetupError extends Error {
  override readonly name = 'DatabaseSetupError';
}

/**
 * The catalog's database, ready for requests: migrated and the job queue's schema installed by
 * the owner, the runtime role granted what it needs, and requests running as that role (which
 * row-level security binds). On a server: DATABASE_MIGRATION_URL is the owner and DATABASE_URL
 * the runtime role; without DATABASE_MIGRATION_URL both are DATABASE_URL, reported as a warning
 * (refused in production). Embedded: PGlite's superuser migrates, then the session switches to
 * `voicefiles_app`.
 */
export async function openDatabase(config: Config, logger: Logger): Promise<{ db: Database; posture: RolePosture }> {
  const { db, posture, applied } = config.databaseUrl ? await openServer(config, config.databaseUrl, logger) : await openEmbedded(config);
  logger.info({ engine: db.engine, applied, role: posture.role, schema: posture.schema }, 'database ready');
  const problems = postureProblems(posture);
  if (problems.length > 0 && config.nodeEnv === 'production') {
    await db.close();
    throw new DatabaseSetupError(`Refusing to start: ${problems.join('; ')}.`);
  }
  for (const problem of problems) logger.warn({ role: posture.role }, `row-level security is weakened: ${problem}`);
  return { db, posture };
}

async function openServer(config: Config, url: string, logger: Logger): Promise<{ db: Database; posture: RolePosture; applied: string[] }> {
  const connection = { connectTimeoutMs: config.database.connectTimeoutMs };
  const db = new PgDatabase({
    connectionString: url,
    maxConnections: config.database.poolSize,
    ...connection,
    onIdleError: (error) => logger.warn({ err: error }, 'an idle database connection failed; the pool replaces it'),
  });
  const owner = config.database.migrationUrl ? new PgDatabase({ connectionString: config.database.migrationUrl, maxConnections: 1, ...connection }) : db;
  try {
    const applied = await migrate(owner);
    await PgBossJobQueue.install(owner, JOB_QUEUE_SCHEMA);
    if (owner !== db) {
      // Granted first: a schema the role may not use is invisible to it (current_schema() skips it).
      const ownerPosture = await rolePosture(owner);
      const runtimeRole = await currentRole(db);
      if (ownerPosture.role !== runtimeRole) await grantRuntimeRole(owner, runtimeRole, JOB_QUEUE_SCHEMA);
      const posture = await rolePosture(db);
      if (ownerPosture.schema !== posture.schema) {
        throw new DatabaseSetupError(
          `DATABASE_URL resolves tables in schema "${posture.schema}" but the migrations ran in "${ownerPosture.schema}"; ` +
            `give the runtime role that search_path (alter role ${posture.role} set search_path = ${ownerPosture.schema}, public)`,
        );
      }
    }
    return { db, posture: await rolePosture(db), applied };
  } catch (error) {
    await db.close();
    throw error;
  } finally {
    if (owner !== db) await owner.close();
  }
}

async function currentRole(db: Database): Promise<string> {
  const { rows } = await db.query('select current_user::text as role');
  return String(rows[0]?.role);
}

async function openEmbedded(config: Config): Promise<{ db: Database; posture: RolePosture; applied: string[] }> {
  const db = await PgliteDatabase.open(path.join(path.resolve(config.dataDir), 'pglite'));
  try {
    const applied = await migrate(db);
    await PgBossJobQueue.install(db, JOB_QUEUE_SCHEMA);
    const role = await db.createRuntimeRole();
    await grantRuntimeRole(db, role, JOB_QUEUE_SCHEMA);
    await db.assumeRole(role);
    return { db, posture: await rolePosture(db), applied };
  } catch (error) {
    await db.close();
    throw error;
  }
}
