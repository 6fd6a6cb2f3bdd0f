/** `npm run eval:search`: relevance per query class for our engine on PGlite and the Postgres server, and MiniSearch. */
import { PgliteDatabase } from '../../adapters/postgres/pglite.database.ts';
import { PgDatabase, quoteIdent } from '../../adapters/postgres/pg.database.ts';
import { migrate } from '../../adapters/postgres/migrate.ts';
import { postgresAvailable, TEST_DATABASE_URL } from '../support/services.ts';
import { evaluateMiniSearch, evaluatePostgres, formatScores, loadCorpus, type EngineScores, type Scores } from './evaluate.ts';
import { describeCorpus } from './corpus-summary.ts';

const columns: Record<string, Scores> = {};
const pct = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? 0;
const report = (name: string, scores: EngineScores) =>
  console.log(`${name}: search p50 ${pct(scores.latencies, 0.5).toFixed(1)} ms, p95 ${pct(scores.latencies, 0.95).toFixed(1)} ms; ${scores.probes} access probes, ${scores.leaks.length} leaks; ` +
    `index ${(scores.timings.index / 1000).toFixed(1)} s, queries ${(scores.timings.queries / 1000).toFixed(1)} s, probes ${(scores.timings.probes / 1000).toFixed(1)} s; CPU ${(scores.timings.cpu / 1000).toFixed(1)} s`);

let started = performance.now();
const corpus = await loadCorpus();
console.log(`${describeCorpus(corpus)}\nfiles generated and extracted in ${((performance.now() - started) / 1000).toFixed(1)} s`);

started = performance.now();
const lite = await PgliteDatabase.open();
await migrate(lite);
const onLite = await evaluatePostgres(lite, corpus);
await lite.close();
columns.pglite = onLite;
report(`pglite (${((performance.now() - started) / 1000).toFixed(1)} s)`, onLite);

if (await postgresAvailable()) {
  started = performance.now();
  const schema = `eval_search_${Date.now()}`;
  const admin = new PgDatabase({ connectionString: TEST_DATABASE_URL, maxConnections: 1 });
  await admin.exec(`create schema ${quoteIdent(schema)}`);
  const db = new PgDatabase({ connectionString: TEST_DATABASE_URL, schema, maxConnections: 4 });
  await migrate(db);
  const onServer = await evaluatePostgres(db, corpus);
  columns.postgres = onServer;
  report(`postgres (${((performance.now() - started) / 1000).toFixed(1)} s)`, onServer);
  await db.exec(`drop schema ${quoteIdent(schema)} cascade`);
  await db.close();
  await admin.close();
} else {
  console.log(`postgres: skipped (no server at ${TEST_DATABASE_URL})`);
}
columns.minisearch = evaluateMiniSearch(corpus);
console.log(formatScores(columns));
for (const [name, scores] of Object.entries(columns)) {
  for (const f of scores.failures) console.log(`${name} miss: "${f.query}" wanted ${f.expected}, got ${f.got.join(' | ') || 'nothing'}`);
  for (const m of scores.answers.misses) console.log(`${name} answer miss: "${m.query}" wanted "${m.answer}" in matched, got "${m.matched}"`);
  for (const leak of (scores as Partial<EngineScores>).leaks ?? []) console.log(`${name} LEAK: ${leak}`);
}
