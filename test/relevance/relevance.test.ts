/**
 * The relevance target of issue 8 on PGlite: top-1 of at least 0.95 overall and in every query
 * class, and above MiniSearch (fuzzy + prefix) overall. `npm run eval:search` prints the table
 * for both engines and the baseline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../support/db.ts';
import { evaluateMiniSearch, evaluatePostgres, formatScores } from './evaluate.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await testDatabase(import.meta.url, 'pglite');
});
afterAll(async () => {
  await db?.cleanup(true);
});

describe('relevance set (PGlite)', () => {
  it('puts the expected file first for at least 95% of the spoken queries, overall and per class, above MiniSearch', async () => {
    const ours = await evaluatePostgres(db.db);
    const baseline = evaluateMiniSearch();
    console.log(formatScores({ pglite: ours, minisearch: baseline }));
    for (const [cls, c] of Object.entries(ours.classes)) expect({ cls, top1: c.top1 >= 0.95 }).toEqual({ cls, top1: true });
    expect(ours.classes.overall!.top1).toBeGreaterThanOrEqual(0.95);
    expect(ours.classes.overall!.top1).toBeGreaterThan(baseline.classes.overall!.top1);
  }, 120_000);
});
