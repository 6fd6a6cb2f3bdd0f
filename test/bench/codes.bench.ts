/**
 * Spoken codes: generate a million codes (collisions among them, all live at
 * once, and the rate), then read and correct codes as the redemption path
 * would. Baselines in the same run: crypto.randomUUID for generation, a Map
 * look-up of the exact written form for reading.
 */
import { randomUUID } from 'node:crypto';
import { readCode } from '../../src/voice/codes/code-correction.ts';
import { DATA_WORDS, formatKeypad, generateCode, type AccessCode } from '../../src/voice/codes/code-format.ts';
import { formatCode } from '../../src/voice/codes/code-text.ts';
import { CODE_WORD_COUNT, CODE_WORDS } from '../../src/voice/codes/code-words.ts';
import { now, printTable, ratio, type SectionReport } from './bench-kit.ts';

const GENERATED = 1_000_000;
const READ = 20_000;

/** A code's data words as one exact number (409^5 < 2^53), for counting collisions. */
function codeNumber(code: AccessCode): number {
  let n = 0;
  for (let i = 0; i < DATA_WORDS; i++) n = n * CODE_WORD_COUNT + (code[i] as number);
  return n;
}

function perSecond(count: number, ms: number): number {
  return Math.round((count / ms) * 1000);
}

export async function benchCodes(): Promise<SectionReport> {
  let started = now();
  const seen = new Set<number>();
  let collisions = 0;
  const sample: AccessCode[] = [];
  for (let i = 0; i < GENERATED; i++) {
    const code = generateCode();
    const key = codeNumber(code);
    if (seen.has(key)) collisions++;
    else seen.add(key);
    if (i < READ) sample.push(code);
  }
  const generateMs = now() - started;
  started = now();
  for (let i = 0; i < GENERATED; i++) randomUUID();
  const uuidMs = now() - started;
  // Birthday bound: n^2 / 2N expected collisions among n live codes in a space of N.
  const expected = GENERATED ** 2 / (2 * CODE_WORD_COUNT ** DATA_WORDS);

  const forms = sample.map((code, i) => {
    const words = formatCode(code, 'en').split('-');
    if (i % 4 === 1) return formatKeypad(code);
    if (i % 4 === 2) return words.join('').toUpperCase();
    if (i % 4 === 3) return [...words.slice(0, 2), (CODE_WORDS.en[((code[2] as number) + 1) % CODE_WORD_COUNT] as string), ...words.slice(3)].join(' ');
    return `my code is ${words.join(' ')}`;
  });
  started = now();
  let exact = 0;
  let corrected = 0;
  for (const text of forms) {
    const read = readCode(text, 'en');
    if (read.exact) exact++;
    else if (read.corrections.length > 0) corrected++;
  }
  const readMs = now() - started;
  const written = new Map(sample.map((code) => [formatCode(code, 'en'), code]));
  started = now();
  for (const code of sample) written.get(formatCode(code, 'en'));
  const mapMs = now() - started;

  const rows = [
    { metric: 'codes generated', value: GENERATED },
    { metric: 'collisions among them (all live at once)', value: collisions },
    { metric: 'expected collisions (birthday bound)', value: expected.toFixed(3) },
    { metric: 'generation rate', value: `${perSecond(GENERATED, generateMs)} codes/s` },
    { metric: 'crypto.randomUUID rate (baseline)', value: `${perSecond(GENERATED, uuidMs)} ids/s` },
    { metric: 'generation time vs randomUUID', value: ratio(generateMs / uuidMs) },
    { metric: 'codes read (words, digits, run together, one misheard word)', value: READ },
    { metric: 'read + correct rate', value: `${perSecond(READ, readMs)} codes/s` },
    { metric: 'read exactly / corrected', value: `${exact} / ${corrected}` },
    { metric: 'read time vs format + Map look-up (baseline)', value: ratio(readMs / mapMs) },
  ];
  printTable('spoken codes (numbers taken on a loaded machine are noise)', rows);
  return {
    figures: [
      { name: 'collisions among 1,000,000 live codes', value: String(collisions), target: '0 (expected ~0.03)', ok: collisions === 0 },
      { name: 'codes generated per second', value: String(perSecond(GENERATED, generateMs)) },
      { name: 'codes read and corrected per second', value: String(perSecond(READ, readMs)) },
    ],
  };
}
