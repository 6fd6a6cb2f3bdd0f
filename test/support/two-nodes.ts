import { randomBytes } from 'node:crypto';
import { clamdAvailable, startClamd, type TestClamd } from './clamd.ts';
import { createRoleSeparatedDatabase } from './role-separated-database.ts';
import { startTestServer, type TestServer } from './server.ts';
import { postgresAvailable, TEST_DATABASE_URL } from './services.ts';
import type { StartOptions } from '../../src/main.ts';

/** Two API nodes (each with its pipeline workers) on one Postgres database, as a scaled-out deployment runs them. */
export interface TwoNodes {
  a: TestServer;
  b: TestServer;
  clamd: TestClamd | null;
  /** The shared database's URL (runtime role), for listeners of its own. */
  databaseUrl: string;
  stop(): Promise<void>;
}

export const twoNodesAvailable = await postgresAvailable();

/** Start node A and node B sharing one fresh database (and a real clamd when it is installed). */
export async function startTwoNodes(
  options: { env?: Record<string, string>; envA?: Record<string, string>; envB?: Record<string, string>; startA?: StartOptions; startB?: StartOptions } = {},
): Promise<TwoNodes> {
  const clamd = (await clamdAvailable()) ? await startClamd() : null;
  const database = await createRoleSeparatedDatabase(TEST_DATABASE_URL, 'vf_nodes');
  const env = {
    DATABASE_URL: database.url,
    DATABASE_MIGRATION_URL: database.migrationUrl,
    VOICEFILES_ROOT_KEY: randomBytes(32).toString('base64url'),
    VOICEFILES_ADMIN_TOKEN: `vfadmin_${randomBytes(32).toString('base64url')}`,
    JOB_RETRY_DELAY_SECONDS: '1',
    ...(clamd ? { CLAMAV_URL: clamd.url } : {}),
    ...options.env,
  };
  const a = await startTestServer({ env: { ...env, ...options.envA }, ...(options.startA ? { start: options.startA } : {}) });
  const b = await startTestServer({ env: { ...env, ...options.envB }, ...(options.startB ? { start: options.startB } : {}) });
  return {
    a,
    b,
    clamd,
    databaseUrl: database.url,
    async stop() {
      await Promise.allSettled([a.stop(), b.stop()]);
      await database.drop();
      await clamd?.close();
    },
  };
}
