/**
 * The listening test's committed results: one TSV row per word (what was heard
 * in each condition) and a Markdown summary (accuracy, confused pairs, words
 * dropped while curating).
 */
import type { Condition } from './telephone-channel.ts';
import { conditionName } from './telephone-channel.ts';
import { accuracy, confusions, type ListeningReport, type WordResult } from './listening-test.ts';

/** A word the curation dropped after a listening-test run, with what was heard. */
export interface DroppedWord {
  word: string;
  /** The curation round whose run dropped it (1 = first). */
  round: number;
  correct: number;
  heard: string;
}

export function resultsTsv(report: ListeningReport): string {
  const names = report.conditions.map(conditionName);
  const rows = report.words.map((r) => [r.word, `${r.correct}/${names.length}`, ...names.map((n) => r.heard[n] || '-')].join('\t'));
  return `${['word', 'correct', ...names].join('\t')}\n${rows.join('\n')}\n`;
}

export function droppedTsv(dropped: readonly DroppedWord[]): string {
  const rows = dropped.map((d) => [d.word, d.round, d.correct, d.heard].join('\t'));
  return `${['word', 'round', 'correct', 'heard'].join('\t')}\n${rows.join('\n')}${rows.length ? '\n' : ''}`;
}

export function parseDroppedTsv(text: string): DroppedWord[] {
  return text.split('\n').slice(1).filter(Boolean).map((line) => {
    const [word = '', round = '0', correct = '0', heard = ''] = line.split('\t');
    return { word, round: Number(round), correct: Number(correct), heard };
  });
}

/** What one word was heard as, in the compact form used in the dropped list: `en-us@130:tiger en-us+f1@180:-`. */
export function heardSummary(result: WordResult): string {
  return Object.entries(result.heard).map(([condition, heard]) => `${condition}:${heard || '-'}`).join(' ');
}

export function summaryMarkdown(report: ListeningReport, dropped: readonly DroppedWord[], rounds: number, minCorrect: number): string {
  const names = report.conditions.map(conditionName);
  const { overall, byCondition } = accuracy(report);
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  const histogram = Array.from({ length: names.length + 1 }, (_, k) => names.length - k).map((k) => `| ${k}/${names.length} | ${report.words.filter((r) => r.correct === k).length} |`);
  const pairs = confusions(report);
  return [
    '# Listening test: English code words',
    '',
    'A proxy for a caller\'s ear on a phone line, not a measurement of one: espeak-ng is a formant synthesiser, pocketsphinx a',
    'small recogniser, and both differ from people. See README.md for the method. Regenerate with',
    '`node --import tsx scripts/listening-test/listening-test.ts` (the shipped list) or the curation script (the whole selection).',
    '',
    `- words: ${report.words.length}; conditions: ${names.join(', ')} (${describeConditions(report.conditions)})`,
    `- channel: 300-3400 Hz at 8 kHz, pink noise at ${report.snrDb} dB SNR; recogniser: pocketsphinx en-us, JSGF grammar of the ${report.words.length} words`,
    `- a word ships when it is recognised in at least ${minCorrect} of ${names.length} conditions; curation rounds: ${rounds}`,
    '',
    `## Accuracy: ${pct(overall)} of ${report.words.length * names.length} utterances`,
    '',
    '| condition | accuracy |',
    '| --- | --- |',
    ...names.map((n) => `| ${n} | ${pct(byCondition[n] ?? 0)} |`),
    '',
    '| recognised in | words |',
    '| --- | --- |',
    ...histogram,
    '',
    `## Confused pairs among the shipped words (${pairs.length})`,
    '',
    '| spoken | heard | condition |',
    '| --- | --- | --- |',
    ...pairs.map((p) => `| ${p.spoken} | ${p.heard} | ${p.condition} |`),
    '',
    `## Words dropped while curating (${dropped.length})`,
    '',
    'Each was replaced by the next candidate the list rules allowed, and the new list was tested again.',
    '',
    '| word | round | recognised | heard |',
    '| --- | --- | --- | --- |',
    ...dropped.map((d) => `| ${d.word} | ${d.round} | ${d.correct}/${names.length} | ${d.heard} |`),
    '',
  ].join('\n');
}

function describeConditions(conditions: readonly Condition[]): string {
  const voices = [...new Set(conditions.map((c) => c.voice))];
  const speeds = [...new Set(conditions.map((c) => c.speed))];
  return `voices ${voices.join(' and ')}, ${speeds.join(' and ')} words per minute`;
}
