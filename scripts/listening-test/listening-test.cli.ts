/** Command line of listening-test.ts: test the shipped English list and rewrite the committed results. */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ENGLISH_CODE_WORDS } from '../../src/voice/codes/en.words.ts';
import { accuracy, confusions, failingWords, MIN_CORRECT, runListeningTest } from './listening-test.ts';
import { parseDroppedTsv, resultsTsv, summaryMarkdown } from './results-files.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** word -> CMUdict pronunciations, from the committed excerpt. */
export async function committedPronunciations(): Promise<Map<string, string[]>> {
  const text = await readFile(path.join(root, 'src/voice/codes/evidence/en.pronunciations.tsv'), 'utf8');
  const map = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [word = '', phones = ''] = line.split('\t');
    map.set(word, [...(map.get(word) ?? []), phones]);
  }
  return map;
}

/** Evenly spaced words of the list, so a sample covers its whole range. */
export function sampleOf(words: readonly string[], n: number): string[] {
  if (n >= words.length) return [...words];
  return Array.from({ length: n }, (_, i) => words[Math.floor((i * words.length) / n)] as string);
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { sample: { type: 'string' } } });
  const sample = values.sample ? sampleOf(ENGLISH_CODE_WORDS, Number(values.sample)) : [...ENGLISH_CODE_WORDS];
  const report = await runListeningTest({
    words: sample, grammarWords: ENGLISH_CODE_WORDS, pronunciations: await committedPronunciations(),
    onProgress: (done, total) => { if (done % 100 === 0 || done === total) process.stdout.write(`  ${done}/${total} utterances\r`); },
  });
  const { overall, byCondition } = accuracy(report);
  console.log(`\n${sample.length} words: ${(100 * overall).toFixed(1)} % of utterances recognised`, byCondition);
  console.log(`confusions: ${confusions(report).map((c) => `${c.spoken}->${c.heard} (${c.condition})`).join(', ') || 'none'}`);
  console.log(`words below ${MIN_CORRECT} conditions: ${failingWords(report).map((r) => r.word).join(', ') || 'none'}`);
  if (values.sample) return;
  const results = path.join(import.meta.dirname, 'results');
  const dropped = parseDroppedTsv(await readFile(path.join(root, 'src/voice/codes/evidence/listening-dropped.en.tsv'), 'utf8').catch(() => 'header\n'));
  await writeFile(path.join(results, 'en.results.tsv'), resultsTsv(report));
  await writeFile(path.join(results, 'en.summary.md'), summaryMarkdown(report, dropped, Math.max(0, ...dropped.map((d) => d.round)) + 1, MIN_CORRECT));
}
