/**
 * Finding the real services tests run against. When a service is missing a test
 * names the skip in its title (visible in the summary); under REQUIRE_SERVICES=1
 * (CI) a missing service fails the run instead.
 */
import net from 'node:net';

export const REQUIRE_SERVICES = process.env.REQUIRE_SERVICES === '1';

/** Postgres server used by integration and contract tests. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function tcpReachable(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Resolve whether a service is available. Returns true when it is; returns false
 * (after logging a named skip) when it is not and services are optional; throws
 * under REQUIRE_SERVICES=1.
 */
export async function serviceAvailable(name: string, probe: () => Promise<boolean>): Promise<boolean> {
  const ok = await probe().catch(() => false);
  if (ok) return true;
  if (REQUIRE_SERVICES) throw new Error(`REQUIRE_SERVICES=1 but ${name} is not available`);
  console.warn(`[skip] ${name} is not available here; tests that need it are skipped (set REQUIRE_SERVICES=1 to fail instead)`);
  return false;
}

export async function postgresAvailable(): Promise<boolean> {
  const url = new URL(TEST_DATABASE_URL);
  return serviceAvailable('PostgreSQL server', () => tcpReachable(url.hostname, Number(url.port || 5432)));
}
