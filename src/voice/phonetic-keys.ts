/**
 * Phonetic keys for search: names that sound alike share a key (Schmidt/Schmit/Smith,
 * Müller/Mueller/Miller, Meier/Maier). Both algorithms for every word, whatever the tenant's
 * language, because names cross languages: Double Metaphone (English; primary and alternate
 * key, prefixed "m") and Kölner Phonetik (German; prefixed "k"). The implementations are the
 * ones the spoken codes use (src/voice/codes), tested against published keys.
 */
import { colognePhonetic } from './codes/cologne-phonetic.ts';
import { doubleMetaphone } from './codes/double-metaphone.ts';

/** The phonetic keys of one word; none for numbers, codes and words under three letters. */
export function phoneticKeys(word: string): string[] {
  if (!/^\p{L}{3,}$/u.test(word)) return [];
  const [primary, alternate] = doubleMetaphone(word);
  const cologne = colognePhonetic(word);
  const keys = new Set<string>();
  if (primary) keys.add(`m${primary.toLowerCase()}`);
  if (alternate) keys.add(`m${alternate.toLowerCase()}`);
  if (cologne.length >= 2) keys.add(`k${cologne}`);
  return [...keys];
}

/** The distinct phonetic keys of every word in a text (a file's name and title). */
export function phoneticKeysOf(text: string): string[] {
  const keys = new Set<string>();
  for (const match of text.toLowerCase().matchAll(/\p{L}+/gu)) for (const key of phoneticKeys(match[0])) keys.add(key);
  return [...keys];
}
