/**
 * Which code word a heard or typed token stands for, allowing for the slips of
 * recognisers and people, tried in this order, the first that names a word
 * deciding: the word itself; a plural or inflected form; a typed beginning ("tig"
 * for "tiger"); a near spelling (one letter off); a word that sounds the same
 * (same phonetic key, "flour" for "flower"). The list's properties make each kind
 * of match name at most one word: pairwise edit distance 3 or more, unique first
 * three letters, no shared phonetic key; a token whose two phonetic keys name two
 * words is not understood. Pure.
 */
import type { Locale } from '../../domain/tenant.ts';
import { CODE_WORDS } from './code-words.ts';
import { boundedEditDistance, phoneticKeys, UNIQUE_PREFIX_LENGTH } from './word-rules.ts';

/** How a token was matched to a word. */
export type MatchKind = 'exact' | 'inflection' | 'spelling' | 'prefix' | 'sound';

export interface WordMatch {
  /** The word's value (its index in the list). */
  value: number;
  kind: MatchKind;
}

interface Lookup {
  byWord: Map<string, number>;
  byPrefix: Map<string, number>;
  byKey: Map<string, number>;
}

const lookups = new Map<Locale, Lookup>();

function lookupFor(locale: Locale): Lookup {
  let lookup = lookups.get(locale);
  if (!lookup) {
    const words = CODE_WORDS[locale];
    lookup = {
      byWord: new Map(words.map((w, i) => [w, i])),
      byPrefix: new Map(words.map((w, i) => [w.slice(0, UNIQUE_PREFIX_LENGTH), i])),
      byKey: new Map(words.flatMap((w, i) => phoneticKeys(w, locale).map((key) => [key, i] as const))),
    };
    lookups.set(locale, lookup);
  }
  return lookup;
}

/** Endings a recogniser or a person may add to a word: plurals and common inflections. */
const ENDINGS: Readonly<Record<Locale, readonly string[]>> = {
  en: ['es', 's', 'ed', 'ing', 'er'],
  de: ['en', 'n', 'e', 's', 'er', 'ern', 'nen'],
};

/** Shorter tokens are not matched by sound: their keys are too coarse ("at" would be "idea"). */
const MIN_SOUND_MATCH_LENGTH = 4;

/** The code word a token stands for, or null when it names none or several. */
export function matchWord(token: string, locale: Locale): WordMatch | null {
  const { byWord, byPrefix } = lookupFor(locale);
  const exact = byWord.get(token);
  if (exact !== undefined) return { value: exact, kind: 'exact' };
  const inflected = inflectionMatch(token, locale, byWord);
  if (inflected !== undefined) return { value: inflected, kind: 'inflection' };
  const prefixed = token.length >= UNIQUE_PREFIX_LENGTH ? byPrefix.get(token.slice(0, UNIQUE_PREFIX_LENGTH)) : undefined;
  if (prefixed !== undefined && (CODE_WORDS[locale][prefixed] as string).startsWith(token)) return { value: prefixed, kind: 'prefix' };
  const spelled = spellingMatch(token, locale);
  if (spelled !== undefined) return { value: spelled, kind: 'spelling' };
  if (token.length < MIN_SOUND_MATCH_LENGTH) return null;
  const sounds = soundMatches(token, locale);
  return sounds.size === 1 ? { value: [...sounds][0] as number, kind: 'sound' } : null;
}

function inflectionMatch(token: string, locale: Locale, byWord: Map<string, number>): number | undefined {
  if (locale === 'en' && token.endsWith('ies')) {
    const singular = byWord.get(`${token.slice(0, -3)}y`);
    if (singular !== undefined) return singular;
  }
  for (const ending of ENDINGS[locale]) {
    if (token.length > ending.length + 3 && token.endsWith(ending)) {
      const value = byWord.get(token.slice(0, -ending.length));
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

/** The one word within one edit of the token (there is never more than one). */
function spellingMatch(token: string, locale: Locale): number | undefined {
  const words = CODE_WORDS[locale];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (Math.abs(word.length - token.length) <= 1 && boundedEditDistance(token, word, 2) <= 1) return i;
  }
  return undefined;
}

function soundMatches(token: string, locale: Locale): Set<number> {
  const { byKey } = lookupFor(locale);
  const values = new Set<number>();
  for (const key of phoneticKeys(token, locale)) {
    const value = byKey.get(key);
    if (value !== undefined) values.add(value);
  }
  return values;
}
