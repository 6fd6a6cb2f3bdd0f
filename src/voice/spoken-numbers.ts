import type { Locale } from '../domain/tenant.ts';
import { DE_SMALL, DE_TENS, EN_SMALL, EN_TENS, ordinalDigits } from './number-words.ts';

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

  /** One digit on its own ("four", "oh"). */
  get single(): boolean {
    return this.total === 0 && this.current < 10 && (this.last === 'unit' || this.last === 'zero');
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

/** Words that only join the parts of a spoken number; not worth matching on their own. */
export const NUMBER_CONNECTORS: ReadonlySet<string> = new Set(['and', 'a', 'oh', 'point', 'half', 'for', 'fore', 'und', 'komma']);

/** A number read from spoken words: tokens [start, end) say it. */
export interface SpokenNumber {
  start: number;
  end: number;
  /** As written for searching: "4471", "12400", "3500000", "3.5" / "3,5". */
  digits: string;
  /**
   * Other ways a document may write it: the grouped amount ("12,400" / "12.400"), the
   * decimal as said ("3.5" of "three point five million"), the reading without a slip
   * ("471" of "for four seven one"). Never the same as `digits`.
   */
  forms: string[];
}

/**
 * Each run of spoken number words, read as digits. Within a run, whole numbers are read as
 * people say them and consecutive numbers are written one after the other, the way digit
 * groups, years and phone-style numbers are spoken: "forty four seventy one" -> "4471",
 * "twenty twenty five" -> "2025", "one two three" -> "123", "four hundred" -> "400",
 * "zweitausendvierundzwanzig" -> "2024", "vier und zwanzig" -> "24". Amounts: "three point
 * five million" -> "3500000", "two and a half thousand" -> "2500", "drei komma fünf" -> "3,5",
 * "zweieinhalbtausend" -> "2500". A recogniser's "for" before spoken digits is the digit four
 * ("for four seven one" -> "4471"). Tokens must already be lower case and split on spaces
 * and hyphens.
 */
export function findSpokenNumbers(tokens: readonly string[], locale: Locale): SpokenNumber[] {
  const found: SpokenNumber[] = [];
  let i = 0;
  while (i < tokens.length) {
    const run = readRun(tokens, i, locale);
    const number = readAmount(tokens, i, locale, run) ?? readSlippedFour(tokens, i, locale) ?? readCompoundOrdinal(tokens, i, locale, run) ?? (run ? numberOfRun(run, i, locale) : null);
    if (number) {
      found.push(number);
      i = number.end;
    } else {
      i += 1;
    }
  }
  return found;
}

/** The tokens with each spoken number replaced by its digits (see findSpokenNumbers). */
export function replaceSpokenNumbers(tokens: readonly string[], locale: Locale): string[] {
  const out: string[] = [];
  let at = 0;
  for (const number of findSpokenNumbers(tokens, locale)) {
    out.push(...tokens.slice(at, number.start), number.digits);
    at = number.end;
  }
  out.push(...tokens.slice(at));
  return out;
}

/** A run of number words as a SpokenNumber; an amount with a scale word also grouped ("12,400"). */
function numberOfRun(run: Run, start: number, locale: Locale): SpokenNumber {
  const value = Number(run.digits);
  const forms = run.chunks === 1 && run.scaled && value >= 1000 ? [grouped(value, locale)] : [];
  return { start, end: run.end, digits: run.digits, forms };
}

const DECIMAL_POINT: Record<Locale, string> = { en: 'point', de: 'komma' };
const AMOUNT_SCALES: Record<Locale, ReadonlyMap<string, number>> = {
  en: new Map([['thousand', 1e3], ['million', 1e6], ['billion', 1e9]]),
  de: new Map([['tausend', 1e3], ['million', 1e6], ['millionen', 1e6], ['milliarde', 1e9], ['milliarden', 1e9]]),
};
const DE_HALVES = /^(.*?)einhalb(tausend)?$/;

/**
 * A number with a fraction: "three point five (million)", "two and a half (thousand)",
 * "drei komma fünf (millionen)", "zweieinhalb(tausend)", "anderthalb millionen".
 * With a scale word the value is whole ("3500000"); without one it is the decimal ("3.5", "3,5").
 */
function readAmount(tokens: readonly string[], start: number, locale: Locale, run: Run | null): SpokenNumber | null {
  let whole: number;
  let fraction: string;
  let at: number;
  const half = locale === 'de' ? germanHalf(tokens[start]!) : null;
  if (half) {
    [whole, fraction, at] = [half.whole, '5', start + 1];
    if (half.scale) return amount(start, at, whole, fraction, half.scale, [], locale);
  } else {
    if (!run || run.chunks !== 1) return null;
    whole = Number(run.digits);
    at = run.end;
    if (locale === 'en' && tokens[at] === 'grand' && run.scaled === false) {
      // "fifteen grand": thousands of the currency.
      return { start, end: at + 1, digits: String(whole * 1000), forms: [grouped(whole * 1000, locale)] };
    }
    if (locale === 'en' && tokens[at] === 'and' && tokens[at + 1] === 'a' && tokens[at + 2] === 'half') {
      fraction = '5';
      at += 3;
    } else if (tokens[at] === DECIMAL_POINT[locale]) {
      fraction = '';
      let next = at + 1;
      for (let digit = singleDigit(tokens[next], locale); digit !== null; digit = singleDigit(tokens[next], locale)) {
        fraction += digit;
        next += 1;
      }
      if (!fraction) return null;
      at = next;
    } else {
      return null;
    }
  }
  const scale = AMOUNT_SCALES[locale].get(tokens[at] ?? '');
  return amount(start, scale ? at + 1 : at, whole, fraction, scale, [], locale);
}

function amount(start: number, end: number, whole: number, fraction: string, scale: number | undefined, forms: string[], locale: Locale): SpokenNumber | null {
  const separator = locale === 'de' ? ',' : '.';
  const decimal = `${whole}${separator}${fraction}`;
  if (!scale) return { start, end, digits: decimal, forms };
  const value = whole * scale + (Number(fraction) * scale) / 10 ** fraction.length;
  if (!Number.isSafeInteger(value)) return null;
  return { start, end, digits: String(value), forms: [decimal, grouped(value, locale), ...forms] };
}

/** "zweieinhalb" (2.5), "eineinhalb"/"anderthalb" (1.5), "zweieinhalbtausend" (2.5 thousand). */
function germanHalf(word: string): { whole: number; scale?: number } | null {
  if (word === 'anderthalb') return { whole: 1 };
  const match = DE_HALVES.exec(word);
  if (!match) return null;
  const whole = match[1] === 'ein' ? 1 : numberValue(match[1]!, 'de');
  if (whole === null || whole <= 0) return null;
  return match[2] ? { whole, scale: 1000 } : { whole };
}

function singleDigit(token: string | undefined, locale: Locale): string | null {
  if (token === undefined) return null;
  if (/^\d$/.test(token)) return token;
  const parts = partsOf(token, locale);
  return parts?.length === 1 && (parts[0]!.kind === 'unit' || parts[0]!.kind === 'zero') ? String(parts[0]!.value) : null;
}

/** "12,400" / "12.400": how documents group an amount. */
function grouped(value: number, locale: Locale): string {
  return String(value).replace(/\B(?=(\d{3})+$)/g, locale === 'de' ? '.' : ',');
}

/** Without "second": "a thirty second clip" is as likely as the 32nd. */
const EN_ORDINAL_UNITS: Readonly<Record<string, number>> = { first: 1, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9 };

/** "twenty first" -> "21st" (documents write "21st century", "the 43rd floor"); a lone "first" stays a word. */
function readCompoundOrdinal(tokens: readonly string[], start: number, locale: Locale, run: Run | null): SpokenNumber | null {
  const unit = locale === 'en' && run?.chunks === 1 && run.endsWithTens ? EN_ORDINAL_UNITS[tokens[run.end] ?? ''] : undefined;
  if (unit === undefined || !run) return null;
  return { start, end: run.end + 1, digits: ordinalDigits(Number(run.digits) + unit, 'en'), forms: [] };
}

/**
 * "for four seven one": a recogniser writes the first "four" of spoken digits as "for". Read so
 * only before exactly three digits said one by one, making the four-digit number that invoice
 * and order numbers usually are ("the invoice for four four seven one" keeps its preposition);
 * the reading without the slip stays as a form.
 */
function readSlippedFour(tokens: readonly string[], start: number, locale: Locale): SpokenNumber | null {
  if (locale !== 'en' || (tokens[start] !== 'for' && tokens[start] !== 'fore')) return null;
  const run = readRun(tokens, start + 1, locale);
  if (!run || !run.digitByDigit || run.digits.length !== 3) return null;
  return { start, end: run.end, digits: `4${run.digits}`, forms: [run.digits] };
}

interface Run {
  digits: string;
  end: number;
  /** How many whole numbers were written one after the other ("forty four seventy one": 2). */
  chunks: number;
  /** Every number was a single digit ("four seven one"). */
  digitByDigit: boolean;
  /** The last number used a scale word ("twelve thousand four hundred"). */
  scaled: boolean;
  /** The last word was a tens word ("twenty"), so an ordinal unit may follow ("twenty first"). */
  endsWithTens: boolean;
}

function readRun(tokens: readonly string[], start: number, locale: Locale): Run | null {
  const grammar = locale === 'de' ? DE_GRAMMAR : EN_GRAMMAR;
  const connector = locale === 'de' ? 'und' : 'and';
  const done: Chunk[] = [];
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
      if (chunk) done.push(chunk);
      chunk = fresh;
    }
    at += 1;
  }
  if (!chunk) return null;
  done.push(chunk);
  return {
    digits: done.map((c) => c.digits).join(''),
    end: at,
    chunks: done.length,
    digitByDigit: done.every((c) => c.single),
    scaled: chunk.scale !== Infinity || chunk.current >= 100,
    endsWithTens: chunk.last === 'tens',
  };
}

function isPronounOne(tokens: readonly string[], at: number): boolean {
  const before = tokens[at - 1];
  const after = tokens[at + 1];
  return before !== undefined && EN_PRONOUN_ONE_AFTER.has(before) && (after === undefined || !EN_WORDS.has(after));
}
