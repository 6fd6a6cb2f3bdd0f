/**
 * The Postgres-server half of relevance.test.ts, in its own process so it runs alongside the
 * PGlite half (PGlite occupies the test's event loop; the server's client would starve there).
 * Protocol, one line each: it migrates a fresh schema, waits for "go" on stdin (the parent has
 * made and extracted the files by then, so they come from the cache), evaluates, writes the
 * scores as one JSON line on stdout, then waits for "drop" (all passed) or "keep" (kept for
 * inspection, like every server test schema) and exits.
 */
import { createInterface } from 'node:readline';
import { testDatabase } from '../support/db.ts';
import { evaluatePostgres, loadCorpus } from './evaluate.ts';

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const next = async () => String((await lines.next()).value ?? '');

const server = await testDatabase(import.meta.url, 'postgres');
try {
  if ((await next()) !== 'go') throw new Error('relevance child: expected "go"');
  const scores = await evaluatePostgres(server.db, await loadCorpus());
  process.stdout.write(`${JSON.stringify({ scores })}\n`);
  await server.cleanup((await next()) === 'drop');
} catch (error) {
  process.stdout.write(`${JSON.stringify({ error: error instanceof Error ? error.stack : String(error) })}\n`);
  await server.cleanup(false);
  process.exitCode = 1;
}
process.stdin.destroy();
