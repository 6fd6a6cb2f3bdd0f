/** `npm run eval:search`: relevance per query class for our engine on PGlite and the Postgres server, and MiniSearch. */
import { PgliteDatabase } from '../../adapters/postgres/pglite.database.ts';
import { PgDatabase, quoteIdent } from '../../adapters/postgres/pg.database.ts';
import { migrate } from '../../adapters/postgres/migrate.ts';
import { postgresAvailable, TEST_DATABASE_URL } from '../support/services.ts';
import { evaluateMiniSearch, evaluatePostgres, formatScores, type Scores } from './evaluate.ts';

const columns: Record<string, Scores> = {};
const pct = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? 0;

const lite = await PgliteDatabase.open();
await migrate(lite);
const onLite = await evaluatePostgres(lite);
await lite.close();
columns.pglite = onLite;
console.log(`pglite: search p50 ${pct(onLite.latencies, 0.5).toFixed(1)} ms, p95 ${pct(onLite.latencies, 0.95).toFixed(1)} ms`);

if (await postgresAvailable()) {
  const schema = `eval_search_${Date.now()}`;
  const admin = new PgDatabase({ connectionString: TEST_DATABASE_URL, maxConnections: 1 });
  await admin.exec(`create schema ${quoteIdent(schema)}`);
  const db = new PgDatabase({ connectionString: TEST_DATABASE_URL, schema, maxConnections: 2 });
  await migrate(db);
  const onServer = await evaluatePostgres(db);
  columns.postgres = onServer;
  console.log(`postgres: search p50 ${pct(onServer.latencies, 0.5).toFixed(1)} ms, p95 ${pct(onServer.latencies, 0.95).toFixed(1)} ms`);
  await db.exec(`drop schema ${quoteIdent(schema)} cascade`);
  await db.close();
  await admin.close();
} else {
  console.log(`postgres: skipped (no server at ${TEST_DATABASE_URL})`);
}
columns.minisearch = evaluateMiniSearch();
console.log(formatScores(columns));
for (const [name, scores] of Object.entries(columns)) {
  for (const f of scores.failures) console.log(`${name} miss: "${f.query}" wanted ${f.expected}, got ${f.got.join(' | ') || 'nothing'}`);
}
