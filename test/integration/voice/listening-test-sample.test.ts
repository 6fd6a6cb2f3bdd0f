/**
 * A small, fast sample of the listening test (scripts/listening-test/): eight
 * shipped English code words, spoken by espeak-ng in the four conditions,
 * through the telephone channel, recognised by pocketsphinx against the whole
 * list. Every step is deterministic (sox -R, per-utterance CMN), so the sample
 * must hear exactly what the committed results say; a change in the tools or the
 * script shows here before anyone trusts a stale results file.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODEL_DIR } from '../../../scripts/listening-test/constrained-recogniser.ts';
import { committedPronunciations, sampleOf } from '../../../scripts/listening-test/listening-test.cli.ts';
import { MIN_CORRECT, runListeningTest } from '../../../scripts/listening-test/listening-test.ts';
import { ENGLISH_CODE_WORDS } from '../../../src/voice/codes/en.words.ts';
import { serviceAvailable } from '../../support/services.ts';

const SERVICE = 'espeak-ng, sox and pocketsphinx_batch with the en-us model (listening test)';
const available = await serviceAvailable(SERVICE, async () => {
  for (const command of [['espeak-ng', '--version'], ['sox', '--version']]) execFileSync(command[0] as string, command.slice(1), { stdio: 'ignore' });
  execFileSync('/bin/sh', ['-c', 'command -v pocketsphinx_batch'], { stdio: 'ignore' });
  accessSync(path.join(MODEL_DIR, 'en-us', 'mdef'));
  return true;
});
const title = available ? 'listening test sample' : `listening test sample [skipped: ${SERVICE} not installed]`;

/** word -> condition -> what the committed full run heard. */
function committedResults(): Map<string, Record<string, string>> {
  const [header, ...rows] = readFileSync(new URL('../../../scripts/listening-test/results/en.results.tsv', import.meta.url), 'utf8').split('\n').filter(Boolean);
  const conditions = (header as string).split('\t').slice(2);
  return new Map(rows.map((row) => {
    const [word, , ...heard] = row.split('\t');
    return [word as string, Object.fromEntries(conditions.map((c, i) => [c, heard[i] === '-' ? '' : (heard[i] as string)]))];
  }));
}

describe.skipIf(!available)(title, () => {
  it('eight shipped words are heard as the committed results say, each in at least 3 of 4 conditions', { timeout: 120_000 }, async () => {
    const sample = sampleOf(ENGLISH_CODE_WORDS, 8);
    const report = await runListeningTest({ words: sample, grammarWords: ENGLISH_CODE_WORDS, pronunciations: await committedPronunciations() });
    const committed = committedResults();
    for (const result of report.words) {
      expect(result.correct, `${result.word}: ${JSON.stringify(result.heard)}`).toBeGreaterThanOrEqual(MIN_CORRECT);
      expect(result.heard, result.word).toEqual(committed.get(result.word));
    }
  });
});
