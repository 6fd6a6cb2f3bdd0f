import type { Readiness } from '../transport/http/routes/ops.routes.ts';

/** A readiness check that has not answered by then counts as failed: a load balancer must not wait on a database that is away. */
export const READINESS_TIMEOUT_MS = 2000;

/**
 * `/health/ready`: ready once the database and storage answer, each within READINESS_TIMEOUT_MS.
 * The scanner is reported but does not decide readiness: without it, files wait (or pass
 * unscanned by policy) and requests are still served.
 */
export async function checkReadiness(probes: {
  database: () => Promise<boolean>;
  storage: () => Promise<boolean>;
  scanner: () => boolean | null;
}): Promise<Readiness> {
  const [database, storage] = await Promise.all([withTimeout(probes.database()), withTimeout(probes.storage())]);
  const scanner = probes.scanner();
  return { ready: database && storage, checks: { database, storage, ...(scanner === null ? {} : { scanner }) }, pipeline: true };
}

async function withTimeout(probe: Promise<boolean>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), READINESS_TIMEOUT_MS)));
  try {
    return await Promise.race([probe.catch(() => false), late]);
  } finally {
    clearTimeout(timer);
  }
}
