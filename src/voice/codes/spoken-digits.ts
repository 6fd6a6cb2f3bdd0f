/**
 * Digits said as words, for codes read out as digits ("seven four", "seventy
 * four", "74" all give "74"; "four hundred six" gives "406"; "double seven" gives
 * "77"; German "vierundsiebzig", "zwo", "fünf"). Each number contributes its own
 * digits, so a caller may group the digits however they like. Pure.
 */
import type { Locale } from '../../domain/tenant.ts';
import { DE_SMALL, DE_TENS, EN_SMALL, EN_TENS } from '../number-words.ts';

/** German number words in the ASCII spelling the parser compares in (ä -> a, ö -> o, ü -> u, ß -> ss). */
function ascii(word: string): string {
  return word.replace(/ä/g, 'a').replace(/ö/g, 'o').replace(/ü/g, 'u').replace(/ß/g, 'ss');
}

const SMALL: Readonly<Record<Locale, ReadonlyMap<string, number>>> = {
  en: new Map([...EN_SMALL.map((w, i) => [w, i] as const), ['oh', 0], ['o', 0], ['nought', 0]]),
  de: new Map([
    ...DE_SMALL.map((w, i) => [ascii(w), i] as const),
    ['ein', 1], ['eine', 1], ['zwo', 2], ['fuenf', 5], ['zwoelf', 12], ['fuenfzehn', 15], ['sechzehn', 16], ['siebzehn', 17],
  ]),
};
const TENS: Readonly<Record<Locale, ReadonlyMap<string, number>>> = {
  en: new Map(EN_TENS.flatMap((w, i) => (w ? [[w, i * 10] as const] : []))),
  de: new Map([...DE_TENS.flatMap((w, i) => (w ? [[ascii(w), i * 10] as const] : [])), ['dreissig', 30], ['fuenfzig', 50]]),
};
const HUNDRED: Readonly<Record<Locale, string>> = { en: 'hundred', de: 'hundert' };
const AND: Readonly<Record<Locale, string>> = { en: 'and', de: 'und' };
const REPEAT: Readonly<Record<Locale, ReadonlyMap<string, number>>> = {
  en: new Map([['double', 2], ['triple', 3]]),
  de: new Map([['doppel', 2], ['doppelt', 2], ['doppelte', 2]]),
};

/** Number words, which the parser reads as digits and so may never be code words (tested). */
export const NUMBER_WORDS: Readonly<Record<Locale, ReadonlySet<string>>> = {
  en: new Set([...SMALL.en.keys(), ...TENS.en.keys(), HUNDRED.en, 'thousand', 'million', ...REPEAT.en.keys()]),
  de: new Set([...SMALL.de.keys(), ...TENS.de.keys(), HUNDRED.de, 'tausend', 'million', ...REPEAT.de.keys()]),
};

/** Whether a token is part of a spoken number (or a numeral). */
export function isNumberToken(token: string, locale: Locale): boolean {
  return /^\d+$/.test(token) || germanOrSimpleValue(token, locale) !== null || token === HUNDRED[locale] || REPEAT[locale].has(token);
}

/** A one-token number from 0 to 999 ("seven", "seventy", and in German also "vierhundertsechsundfunfzig"). */
function germanOrSimpleValue(token: string, locale: Locale): number | null {
  const simple = SMALL[locale].get(token) ?? TENS[locale].get(token);
  if (simple !== undefined) return simple;
  return locale === 'de' ? germanCompound(token) : null;
}

/** German numbers written as one word: [unit]hundert[rest], unit + "und" + tens. */
function germanCompound(token: string): number | null {
  const hundred = /^(\w*?)hundert(\w*)$/.exec(token);
  if (hundred) {
    const head = hundred[1] === '' ? 1 : SMALL.de.get(hundred[1] as string);
    const rest = hundred[2] === '' ? 0 : belowHundredGerman(hundred[2] as string);
    if (head === undefined || head < 1 || head > 9 || rest === null) return null;
    return head * 100 + rest;
  }
  return belowHundredGerman(token);
}

function belowHundredGerman(token: string): number | null {
  const simple = SMALL.de.get(token) ?? TENS.de.get(token);
  if (simple !== undefined) return simple;
  const compound = /^(\w+?)und(\w+)$/.exec(token);
  if (!compound) return null;
  const unit = SMALL.de.get(compound[1] as string);
  const tens = TENS.de.get(compound[2] as string);
  return unit !== undefined && unit >= 1 && unit <= 9 && tens !== undefined ? tens + unit : null;
}

/** The digits a number contributes: 7 -> "7", 74 -> "74", 406 -> "406". */
function digitsOf(value: number, atLeast: number): string {
  return String(value).padStart(atLeast, '0');
}

/**
 * The digit string of a run of number tokens, or null when a token is not part
 * of a number or the run does not read as one ("hundred" after a teen, say).
 */
export function spokenDigits(tokens: readonly string[], locale: Locale): string | null {
  let out = '';
  let i = 0;
  const value = (at: number) => (tokens[at] === undefined ? null : germanOrSimpleValue(tokens[at] as string, locale));
  while (i < tokens.length) {
    const token = tokens[i] as string;
    if (/^\d+$/.test(token)) {
      out += token;
      i++;
      continue;
    }
    const times = REPEAT[locale].get(token);
    if (times !== undefined) {
      const next = value(i + 1);
      if (next === null || next > 9) return null;
      out += String(next).repeat(times);
      i += 2;
      continue;
    }
    if (token === HUNDRED[locale]) {
      // "hundred" on its own: one hundred.
      const [rest, used] = belowHundredAfter(tokens, i + 1, locale);
      out += digitsOf(100 + rest, 3);
      i += 1 + used;
      continue;
    }
    const current = value(i);
    if (current === null) return null;
    if (current >= 1 && current <= 9 && tokens[i + 1] === HUNDRED[locale]) {
      const [rest, used] = belowHundredAfter(tokens, i + 2, locale);
      out += digitsOf(current * 100 + rest, 3);
      i += 2 + used;
      continue;
    }
    // "seventy four" (and German "vier und siebzig")
    const next = value(i + 1);
    if (current >= 20 && current <= 90 && current % 10 === 0 && next !== null && next >= 1 && next <= 9) {
      out += String(current + next);
      i += 2;
      continue;
    }
    if (locale === 'de' && current >= 1 && current <= 9 && tokens[i + 1] === AND.de) {
      const tens = value(i + 2);
      if (tens !== null && tens >= 20 && tens <= 90 && tens % 10 === 0) {
        out += String(tens + current);
        i += 3;
        continue;
      }
    }
    out += String(current);
    i++;
  }
  return out;
}

/** After "X hundred": an optional "and" and a number below 100. Returns [value, tokens used]. */
function belowHundredAfter(tokens: readonly string[], start: number, locale: Locale): [number, number] {
  let i = start;
  if (tokens[i] === AND[locale]) i++;
  const first = tokens[i] === undefined ? null : germanOrSimpleValue(tokens[i] as string, locale);
  if (first === null || first >= 100) return [0, 0];
  const second = tokens[i + 1] === undefined ? null : germanOrSimpleValue(tokens[i + 1] as string, locale);
  if (first >= 20 && first % 10 === 0 && second !== null && second >= 1 && second <= 9) return [first + second, i + 2 - start];
  return [first, i + 1 - start];
}
