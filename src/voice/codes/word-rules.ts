/**
 * The properties every code word must have (VOICE.md, "Spoken access codes"),
 * as pure predicates shared by the word-list test and the curation script
 * (scripts/listening-test/curate-word-lists.ts), so that what the script selects
 * is exactly what the test proves.
 */
import type { Locale } from '../../domain/tenant.ts';
import { colognePhonetic } from './cologne-phonetic.ts';
import { doubleMetaphone } from './double-metaphone.ts';

/** Code words are plain lower-case ASCII, 4 to 9 letters, so they can be typed on any keyboard. */
export const WORD_PATTERN = /^[a-z]{4,9}$/;
/** Two code words differ in at least this many letters (Levenshtein). */
export const MIN_EDIT_DISTANCE = 3;
/** No two code words share their first this many letters, so a typed prefix names one word. */
export const UNIQUE_PREFIX_LENGTH = 3;

/** The phonetic keys of a word: Double Metaphone primary and alternate for English, Kölner Phonetik for German. */
export function phoneticKeys(word: string, locale: Locale): string[] {
  return locale === 'de' ? [colognePhonetic(word)] : [...new Set(doubleMetaphone(word))];
}

/** ARPAbet vowel phonemes (CMUdict, without stress marks): one per syllable. */
const ARPABET_VOWELS = new Set(['AA', 'AE', 'AH', 'AO', 'AW', 'AY', 'EH', 'ER', 'EY', 'IH', 'IY', 'OW', 'OY', 'UH', 'UW']);

/** Syllables of an English pronunciation in CMUdict notation ("T AY G ER" -> 2). */
export function englishSyllables(pronunciation: string): number {
  return pronunciation.trim().split(/\s+/).filter((phone) => ARPABET_VOWELS.has(phone.replace(/\d$/, ''))).length;
}

/** German spellings of one vowel sound (diphthongs and long vowels). */
const GERMAN_NUCLEI = /ai|au|ei|eu|äu|ie|aa|ee|oo/g;

/**
 * Syllables of a German word by its spelling: each vowel letter or diphthong is
 * one nucleus. Returns null where spelling does not decide it (other vowel pairs
 * such as the "ea" of Theater, a "y", a final "ie" as in Familie, "eum" as in
 * Museum), so that the word lists keep only words whose count is certain.
 */
export function germanSyllables(word: string): number | null {
  const lower = word.toLowerCase();
  if (/y|ie$|eum/.test(lower)) return null;
  const merged = lower.replace(GERMAN_NUCLEI, 'a');
  if (/[aeiouäöü]{2}/.test(merged)) return null;
  return (merged.match(/[aeiouäöü]/g) ?? []).length;
}

/**
 * Whether a blocklist rules a word out: an entry matches the word itself, an
 * entry ending in `*` every word that starts with it ("kill*"), and an entry
 * with `*` on both sides every word that contains it ("*mord*" for German
 * compounds such as "Ermordung").
 */
export function isBlocked(word: string, blocklist: readonly string[]): boolean {
  return blocklist.some((entry) => {
    if (entry.length > 2 && entry.startsWith('*') && entry.endsWith('*')) return word.includes(entry.slice(1, -1));
    return entry.endsWith('*') ? word.startsWith(entry.slice(0, -1)) : word === entry;
  });
}

/**
 * Whether an English word may be a plural: any word ending in "s" (the regular
 * plural, strict on purpose: it also rules out "bonus" so that a heard plural
 * can always be reduced to its list word), any ending in "men", or a listed
 * irregular plural.
 */
export function englishMayBePlural(word: string, irregularPlurals: ReadonlySet<string>): boolean {
  // "-men" is the plural of "-man" (gentlemen, fishermen) unless listed words say otherwise; a list word
  // ending so (specimen, abdomen) would need an exception here, and none is in the lists.
  return word.endsWith('s') || word.endsWith('men') || irregularPlurals.has(word);
}

/** Pairs of words closer than MIN_EDIT_DISTANCE. */
export function closePairs(words: readonly string[]): Array<[string, string, number]> {
  const pairs: Array<[string, string, number]> = [];
  for (let i = 0; i < words.length; i++) {
    for (let j = i + 1; j < words.length; j++) {
      const a = words[i] as string;
      const b = words[j] as string;
      // Lengths alone can prove the distance; skip the full computation then.
      if (Math.abs(a.length - b.length) >= MIN_EDIT_DISTANCE) continue;
      const distance = boundedEditDistance(a, b, MIN_EDIT_DISTANCE);
      if (distance < MIN_EDIT_DISTANCE) pairs.push([a, b, distance]);
    }
  }
  return pairs;
}

/** Groups of words sharing a key (first letters, or a phonetic key). */
export function sharedKeys(words: readonly string[], keysOf: (word: string) => readonly string[]): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const word of words) {
    for (const key of keysOf(word)) byKey.set(key, [...(byKey.get(key) ?? []), word]);
  }
  return new Map([...byKey].filter(([, group]) => group.length > 1));
}

/** Edit distance, or `limit` as soon as it is known to be at least `limit`. */
export function boundedEditDistance(a: string, b: string, limit: number): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = (row[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      const value = Math.min((row[j] as number) + 1, (next[j - 1] as number) + 1, substitution);
      next[j] = value;
      if (value < best) best = value;
    }
    if (best >= limit) return limit;
    row = next;
  }
  return Math.min(row[b.length] as number, limit);
}
