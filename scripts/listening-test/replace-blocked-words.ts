/**
 * Replace the English code words that a later blocklist entry rules out, each in
 * its own place (every other word keeps its value), without a whole new curation:
 *
 *   node --import tsx scripts/listening-test/replace-blocked-words.ts [--skip word,word]
 *
 * Candidates come from the committed SUBTLEX-US excerpt (evidence/en.frequency.tsv),
 * most frequent first, through the same rules as the curation (candidate-words.ts;
 * Debian's wamerican is read when installed), minus the words earlier listening
 * tests dropped; a candidate must keep clear of every kept word. Each replacement
 * is heard by the listening test against the whole new list's grammar; one heard
 * in fewer than MIN_CORRECT conditions is recorded as dropped and the next is
 * tried. Then en.words.ts and en.pronunciations.tsv are rewritten; run
 * listening-test.ts afterwards to rewrite the committed results of the whole list.
 * Only before codes exist: a word's value changes meaning. Without wamerican the
 * candidates include British spellings and slang the curation would leave out: check
 * what it picks (and leave such words out of the dropped record, which only the
 * listening test's own failures belong in).
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ENGLISH_CODE_WORDS } from '../../src/voice/codes/en.words.ts';
import { isBlocked } from '../../src/voice/codes/word-rules.ts';
import { englishCandidates, selectGreedily } from './candidate-words.ts';
import { failingWords, runListeningTest } from './listening-test.ts';
import { droppedTsv, heardSummary, parseDroppedTsv } from './results-files.ts';
import { loadCmudict, loadSpellingList } from './word-sources.ts';

const root = path.resolve(import.meta.dirname, '../..');
const data = path.join(root, 'src/voice/codes/evidence');
const lines = async (name: string) => (await readFile(path.join(data, name), 'utf8')).split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));

const { values } = parseArgs({ options: { skip: { type: 'string', default: '' } } });
const skip = new Set(values.skip.split(',').filter(Boolean));
const blocklist = await lines('blocklist.en.txt');
const subtlex = (await lines('en.frequency.tsv')).map((l) => { const [word = '', count = '0'] = l.split('\t'); return { word, count: Number(count) }; });
const cmudict = await loadCmudict();
const spellingFile = '/usr/share/dict/american-english';
const spelling = existsSync(spellingFile) ? await loadSpellingList(spellingFile) : new Set(subtlex.map((e) => e.word));
const candidates = englishCandidates({ subtlex, cmudict, irregularPlurals: new Set(await lines('en.irregular-plurals.txt')), blocklist, spelling });
const droppedFile = path.join(data, 'listening-dropped.en.tsv');
const dropped = parseDroppedTsv(await readFile(droppedFile, 'utf8'));
const round = Math.max(0, ...dropped.map((d) => d.round)) + 1;

const words = [...ENGLISH_CODE_WORDS];
const blocked = words.map((w, i) => [w, i] as const).filter(([w]) => isBlocked(w, blocklist));
console.log(`blocked: ${blocked.map(([w, i]) => `${w} (${i})`).join(', ') || 'none'}`);
for (const [, index] of blocked) {
  for (;;) {
    const kept = words.filter((w, i) => i !== index && !isBlocked(w, blocklist));
    const out = new Set([...dropped.map((d) => d.word), ...skip, ...words]);
    // selectGreedily over kept + candidates: the kept words come first, so the first new word taken is the replacement.
    const next = selectGreedily([...kept, ...candidates.filter((w) => !out.has(w))], 'en', kept.length + 1)[kept.length];
    if (!next) throw new Error(`no candidate left for position ${index}`);
    words[index] = next;
    const report = await runListeningTest({ words: [next], grammarWords: words, pronunciations: cmudict });
    const result = report.words[0]!;
    if (failingWords(report).length === 0) { console.log(`${index}: ${next} (${result.correct}/4)`); break; }
    console.log(`${index}: ${next} dropped (${heardSummary(result)})`);
    dropped.push({ word: next, round, correct: result.correct, heard: heardSummary(result) });
    await writeFile(droppedFile, droppedTsv(dropped));
  }
}
const module = path.join(root, 'src/voice/codes/en.words.ts');
const source = await readFile(module, 'utf8');
const body = Array.from({ length: Math.ceil(words.length / 10) }, (_, line) =>
  `  /* ${String(line * 10).padStart(3, '0')} */ ${words.slice(line * 10, line * 10 + 10).map((w) => `'${w}',`).join(' ')}`).join('\n');
await writeFile(module, source.replace(/(Object\.freeze\(\[\n)[\s\S]*(\n\]\);)/, `$1${body}$2`));
const header = (await readFile(path.join(data, 'en.pronunciations.tsv'), 'utf8')).split('\n')[0];
const pronunciations = words.flatMap((w) => (cmudict.get(w) ?? []).map((p) => `${w}\t${p}`));
await writeFile(path.join(data, 'en.pronunciations.tsv'), `${header}\n${pronunciations.join('\n')}\n`);
console.log('written: en.words.ts, en.pronunciations.tsv; now run listening-test.ts for the results');
