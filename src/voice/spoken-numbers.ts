import type { Locale } from '../domain/tenant.ts';
import { DE_SMALL, DE_TENS, EN_SMALL, EN_TENS } from './number-words.ts';

type MorphKind = 'zero' | 'unit' | 'teen' | 'tens' | 'hundred' | 'thousand' | 'million' | 'and';
interface Morph {
  kind: MorphKind;
  value: number;
}

/** What may come right before each part of a number (null: the start of a number). */
type Grammar = Record<MorphKind, ReadonlyArray<MorphKind | null>>;
const SCALES: ReadonlyArray<MorphKind | null> = [null, 'unit', 'teen', 'tens', 'hundred'];
const EN_GRAMMAR: Grammar = {
  zero: [null],
  unit: [null, 'tens', 'hundred', 'thousand', 'million', 'and'],
  teen: [null, 'hundred', 'thousand', 'million', 'and'],
  tens: [null, 'hundred', 'thousand', 'million', 'and'],
  hundred: [null, 'unit', 'teen', 'tens', 'thousand', 'million'],
  thousand: SCALES,
  million: SCALES,
  and: ['hundred', 'thousand', 'million'],
};
// German puts units before tens ("vierundzwanzig"), so a unit never follows tens.
const DE_GRAMMAR: Grammar = {
  ...EN_GRAMMAR,
  unit: [null, 'hundred', 'thousand', 'million'],
  teen: [null, 'hundred', 'thousand', 'million'],
  and: ['unit'],
};

function table(small: readonly string[], tens: readonly string[]): Map<string, Morph> {
  const map = new Map<string, Morph>();
  small.forEach((word, value) => map.set(word, { kind: value === 0 ? 'zero' : value < 10 ? 'unit' : 'teen', value }));
  tens.forEach((word, i) => word && map.set(word, { kind: 'tens', value: i * 10 }));
  return map;
}

const EN_WORDS = table(EN_SMALL, EN_TENS);
EN_WORDS.set('hundred', { kind: 'hundred', value: 100 }).set('thousand', { kind: 'thousand', value: 1000 }).set('million', { kind: 'million', value: 1e6 });

const DE_PARTS = table(DE_SMALL, DE_TENS);
for (const [word, value] of [['ein', 1], ['eine', 1], ['zwo', 2], ['fuenf', 5]] as const) DE_PARTS.set(word, { kind: 'unit', value });
DE_PARTS.set('zwoelf', { kind: 'teen', value: 12 }).set('fuenfzehn', { kind: 'teen', value: 15 });
DE_PARTS.set('dreissig', { kind: 'tens', value: 30 }).set('fuenfzig', { kind: 'tens', value: 50 });
DE_PARTS.set('hundert', { kind: 'hundred', value: 100 }).set('tausend', { kind: 'thousand', value: 1000 });
DE_PARTS.set('million', { kind: 'million', value: 1e6 }).set('millionen', { kind: 'million', value: 1e6 }).set('und', { kind: 'and', value: 0 });
const DE_PARTS_LONGEST_FIRST = [...DE_PARTS.keys()].sort((a, b) => b.length - a.length);

/** Articles that count as 1 only right before a scale word ("a hundred", "eine Million"). */
const ARTICLES: Record<Locale, ReadonlySet<string>> = { en: new Set(['a']), de: new Set(['ein', 'eine', 'einen']) };
const SCALE_WORDS: Record<Locale, ReadonlySet<string>> = {
  en: new Set(['hundred', 'thousand', 'million']),
  de: new Set(['hundert', 'tausend', 'million', 'millionen']),
};
/** "the one from May": after these words "one" is a pronoun, not a number. */
const EN_PRONOUN_ONE_AFTER = new Set([
  'the', 'that', 'this', 'which', 'other', 'another', 'last', 'latest', 'newest', 'newer', 'older', 'oldest', 'new', 'old',
  'big', 'small', 'right', 'correct', 'same', 'every', 'each', 'any', 'no',
]);

class Chunk {
  total = 0;
  current = 0;
  last: MorphKind | null = null;
  /** The smallest scale word used so far; a scale may only follow bigger ones. */
  scale = Infinity;

  constructor(private readonly grammar: Grammar) {}

  clone(): Chunk {
    return Object.assign(new Chunk(this.grammar), this);
  }

  /** Adds one part; false (and unchanged) when the grammar does not allow it here. */
  add(m: Morph): boolean {
    if (!this.grammar[m.kind].includes(this.last)) return false;
    if (m.kind === 'hundred') {
      if (this.current >= 100) return false;
      this.current = (this.current || 1) * 100;
    } else if (m.kind === 'thousand' || m.kind === 'million') {
      if (m.value >= this.scale) return false;
      this.total += (this.current || 1) * m.value;
      this.current = 0;
      this.scale = m.value;
    } else {
      this.current += m.value;
    }
    this.last = m.kind;
    return true;
  }

  addAll(parts: readonly Morph[]): boolean {
    return parts.every((m) => this.add(m));
  }

  get complete(): boolean {
    return this.last !== null && this.last !== 'and';
  }

  get digits(): string {
    return String(this.total + this.current);
  }
}

const germanCache = new Map<string, Morph[] | null>();

/** Splits a German number word into its parts ("vierundzwanzig" -> vier, und, zwanzig); null when it is not one valid number. */
function germanParts(word: string): Morph[] | null {
  const cached = germanCache.get(word);
  if (cached !== undefined) return cached;
  const parts: Morph[] = [];
  let at = 0;
  while (at < word.length) {
    const piece = DE_PARTS_LONGEST_FIRST.find((p) => word.startsWith(p, at));
    if (!piece) break;
    parts.push(DE_PARTS.get(piece)!);
    at += piece.length;
  }
  const fresh = new Chunk(DE_GRAMMAR);
  const valid = at === word.length && parts.length > 0 && fresh.addAll(parts) && fresh.complete;
  const result = valid ? parts : null;
  if (germanCache.size < 10_000) germanCache.set(word, result);
  return result;
}

/** The parts of one word that is a number on its own (not counting articles or connectors). */
function partsOf(word: string, locale: Locale): Morph[] | null {
  if (locale === 'en') {
    const m = EN_WORDS.get(word);
    return m ? [m] : null;
  }
  if (word === 'und' || ARTICLES.de.has(word)) return null;
  return germanParts(word);
}

/** The value of a single token: digits, or one number word ("two", "zwo"); null otherwise. */
export function numberValue(token: string, locale: Locale): number | null {
  if (/^\d+$/.test(token)) return Number(token);
  const parts = partsOf(token, locale);
  if (!parts) return null;
  const chunk = new Chunk(locale === 'de' ? DE_GRAMMAR : EN_GRAMMAR);
  return chunk.addAll(parts) ? Number(chunk.digits) : null;
}

/**
 * Replaces each run of spoken number words with digits. Within a run, whole
 * numbers are read as people say them and consecutive numbers are written one
 * after the other, the way digit groups, years and phone-style numbers are
 * spoken: "forty four seventy one" -> "4471", "twenty twenty five" -> "2025",
 * "one two three" -> "123", "four hundred" -> "400",
 * "zweitausendvierundzwanzig" -> "2024", "vier und zwanzig" -> "24".
 * Tokens must already be lower case and split on spaces and hyphens.
 */
export function replaceSpokenNumbers(tokens: readonly string[], locale: Locale): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    const run = readRun(tokens, i, locale);
    if (run) {
      out.push(run.digits);
      i = run.end;
    } else {
      out.push(tokens[i]!);
      i += 1;
    }
  }
  return out;
}

function readRun(tokens: readonly string[], start: number, locale: Locale): { digits: string; end: number } | null {
  const grammar = locale === 'de' ? DE_GRAMMAR : EN_GRAMMAR;
  const connector = locale === 'de' ? 'und' : 'and';
  const done: string[] = [];
  let chunk: Chunk | null = null;
  let at = start;
  while (at < tokens.length) {
    const word = tokens[at]!;
    const next = tokens[at + 1];
    if (word === connector && chunk && next !== undefined) {
      const parts = partsOf(next, locale);
      const joined: Chunk = chunk.clone();
      if (parts && joined.add({ kind: 'and', value: 0 }) && joined.addAll(parts)) {
        chunk = joined;
        at += 2;
        continue;
      }
      break;
    }
    let parts = partsOf(word, locale);
    let forceNew = false;
    if (!parts && ARTICLES[locale].has(word) && next !== undefined && SCALE_WORDS[locale].has(next)) {
      parts = [{ kind: 'unit', value: 1 }];
      forceNew = true;
    } else if (!parts && locale === 'en' && word === 'oh' && chunk && next !== undefined && partsOf(next, locale)) {
      parts = [{ kind: 'zero', value: 0 }];
    } else if (parts && locale === 'en' && word === 'one' && !chunk && isPronounOne(tokens, at)) {
      parts = null;
    }
    if (!parts) break;
    const continued: Chunk | null = chunk && !forceNew ? chunk.clone() : null;
    if (continued?.addAll(parts)) {
      chunk = continued;
    } else {
      const fresh = new Chunk(grammar);
      if (!fresh.addAll(parts)) break;
      if (chunk) done.push(chunk.digits);
      chunk = fresh;
    }
    at += 1;
  }
  if (!chunk) return null;
  done.push(chunk.digits);
  return { digits: done.join(''), end: at };
}

function isPronounOne(tokens: readonly string[], at: number): boolean {
  const before = tokens[at - 1];
  const after = tokens[at + 1];
  return before !== undefined && EN_PRONOUN_ONE_AFTER.has(before) && (after === undefined || !EN_WORDS.has(after));
}
