import type { Locale } from '../domain/tenant.ts';

/** The largest number `cardinalWords` will say. */
export const MAX_SPOKEN_NUMBER = 999_999_999;

/** English words for 0-19; index = value. */
export const EN_SMALL = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
  'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
] as const;
/** English tens; index = tens digit. */
export const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'] as const;

/** German words for 0-19; index = value. */
export const DE_SMALL = [
  'null', 'eins', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun', 'zehn',
  'elf', 'zwölf', 'dreizehn', 'vierzehn', 'fünfzehn', 'sechzehn', 'siebzehn', 'achtzehn', 'neunzehn',
] as const;
/** German tens; index = tens digit. */
export const DE_TENS = ['', '', 'zwanzig', 'dreißig', 'vierzig', 'fünfzig', 'sechzig', 'siebzig', 'achtzig', 'neunzig'] as const;

/**
 * A whole number from 0 to 999,999,999 in words, as a person says it.
 *
 * English: hyphenated tens, no "and" ("one hundred five", "twenty-four").
 * German: one word below a million, with the common spoken forms "hundert" and
 * "tausend" rather than "einhundert"/"eintausend"; a final 1 is "eins"
 * ("hunderteins"), inside compounds "ein" ("einundzwanzig"); millions are
 * separate words ("zwei Millionen dreihunderttausend").
 * Throws a RangeError outside that range or for a non-integer.
 */
export function cardinalWords(n: number, locale: Locale): string {
  if (!Number.isInteger(n) || n < 0 || n > MAX_SPOKEN_NUMBER) {
    throw new RangeError(`cardinalWords: ${n} is not a whole number from 0 to ${MAX_SPOKEN_NUMBER}`);
  }
  return locale === 'de' ? germanCardinal(n) : englishCardinal(n);
}

/** A day-of-month style ordinal in digits: "23rd" / "23." (synthesisers read both well). */
export function ordinalDigits(n: number, locale: Locale): string {
  if (locale === 'de') return `${n}.`;
  const lastTwo = n % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${n}th`;
  const suffix = ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

function englishCardinal(n: number): string {
  if (n === 0) return 'zero';
  const millions = Math.floor(n / 1_000_000);
  const thousands = Math.floor(n / 1000) % 1000;
  const rest = n % 1000;
  const parts: string[] = [];
  if (millions) parts.push(`${englishBelow1000(millions)} million`);
  if (thousands) parts.push(`${englishBelow1000(thousands)} thousand`);
  if (rest) parts.push(englishBelow1000(rest));
  return parts.join(' ');
}

function englishBelow1000(n: number): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const parts: string[] = [];
  if (hundreds) parts.push(`${EN_SMALL[hundreds]} hundred`);
  if (rest) parts.push(englishBelow100(rest));
  return parts.join(' ');
}

function englishBelow100(n: number): string {
  if (n < 20) return EN_SMALL[n]!;
  const unit = n % 10;
  return unit ? `${EN_TENS[Math.floor(n / 10)]}-${EN_SMALL[unit]}` : EN_TENS[Math.floor(n / 10)]!;
}

/** How a trailing 1 is said: alone ("eins"), before a noun ("ein"), before a feminine noun ("eine"). */
type GermanOne = 'eins' | 'ein' | 'eine';

function germanCardinal(n: number): string {
  if (n === 0) return 'null';
  const millions = Math.floor(n / 1_000_000);
  const thousands = Math.floor(n / 1000) % 1000;
  const rest = n % 1000;
  const parts: string[] = [];
  if (millions === 1) parts.push('eine Million');
  else if (millions) parts.push(`${germanBelow1000(millions, 'eine')} Millionen`);
  let below = '';
  if (thousands === 1) below += 'tausend';
  else if (thousands) below += `${germanBelow1000(thousands, 'ein')}tausend`;
  if (rest) below += germanBelow1000(rest, 'eins');
  if (below) parts.push(below);
  return parts.join(' ');
}

function germanBelow1000(n: number, one: GermanOne): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  let words = '';
  if (hundreds === 1) words += 'hundert';
  else if (hundreds) words += `${DE_SMALL[hundreds]}hundert`;
  if (rest) words += germanBelow100(rest, one);
  return words;
}

function germanBelow100(n: number, one: GermanOne): string {
  if (n === 1) return one;
  if (n < 20) return DE_SMALL[n]!;
  const unit = n % 10;
  const tens = DE_TENS[Math.floor(n / 10)]!;
  if (!unit) return tens;
  return `${unit === 1 ? 'ein' : DE_SMALL[unit]}und${tens}`;
}
