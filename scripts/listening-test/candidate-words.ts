/**
 * Which words may become code words, and the greedy selection that keeps the
 * list's pairwise properties: most frequent first, a word is taken when its first
 * three letters, its phonetic keys and its spelling (edit distance) keep clear of
 * every word already taken. The predicates are src/voice/codes/word-rules.ts, the
 * same ones the word-list test checks.
 */
import type { Locale } from '../../src/domain/tenant.ts';
import { NUMBER_WORDS } from '../../src/voice/codes/spoken-digits.ts';
import {
  boundedEditDistance, englishMayBePlural, englishSyllables, germanSyllables, isBlocked, MIN_EDIT_DISTANCE, phoneticKeys,
  UNIQUE_PREFIX_LENGTH, WORD_PATTERN,
} from '../../src/voice/codes/word-rules.ts';

/** SUBTLEX-US count a word needs: 51 in 51 million words of subtitles, one per million words (Zipf 3.0). */
export const ENGLISH_MIN_COUNT = 51;

export interface EnglishEvidence {
  subtlex: ReadonlyArray<{ word: string; count: number }>;
  cmudict: ReadonlyMap<string, readonly string[]>;
  irregularPlurals: ReadonlySet<string>;
  blocklist: readonly string[];
  /** Debian's wamerican word list: a candidate must be in it in lower case (not only as a name). */
  spelling: ReadonlySet<string>;
}

/** English candidates, most frequent first. Also leaves out -ed, -ing and -ly forms (curation choice: base words read better). */
export function englishCandidates(evidence: EnglishEvidence): string[] {
  const out: string[] = [];
  for (const { word, count } of evidence.subtlex) {
    if (count < ENGLISH_MIN_COUNT) continue;
    if (!WORD_PATTERN.test(word) || /(ed|ing|ly)$/.test(word) || !evidence.spelling.has(word)) continue;
    if (englishMayBePlural(word, evidence.irregularPlurals) || isBlocked(word, evidence.blocklist) || NUMBER_WORDS.en.has(word)) continue;
    const pronunciations = evidence.cmudict.get(word);
    if (!pronunciations?.length || pronunciations.some((p) => englishSyllables(p) < 2 || englishSyllables(p) > 3)) continue;
    out.push(word);
  }
  return out;
}

export interface GermanEvidence {
  /** Most frequent first, in the list's own capitalisation. */
  frequency: readonly string[];
  /** Lower-cased plural forms of every noun in the dictionary. */
  pluralForms: ReadonlySet<string>;
  /** Lower-cased nominative singular lemmas of the dictionary's nouns. */
  singularNouns: ReadonlySet<string>;
  blocklist: readonly string[];
  /** Debian's wngerman word list: a candidate must be in it, capitalised or not (subtitles carry junk such as "istja"). */
  spelling: ReadonlySet<string>;
}

/**
 * German candidates: nouns first, then other words, each group most frequent
 * first (curation choice: nouns are easier to picture and remember). A noun is a
 * singular lemma of the dictionary whose most frequent spelling is capitalised
 * ("Vater", not the nominalised "haben"); a capitalised entry that is no singular
 * noun (a name, a plural) is left out, and so are the other words' past-tense
 * and inflected forms ending in -te, -ten, -test, -tet, -st.
 */
export function germanCandidates(evidence: GermanEvidence): string[] {
  const nouns: string[] = [];
  const others: string[] = [];
  const seen = new Set<string>();
  for (const entry of evidence.frequency) {
    const word = entry.toLowerCase();
    if (seen.has(word)) continue;
    seen.add(word);
    if (!WORD_PATTERN.test(word) || evidence.pluralForms.has(word) || isBlocked(word, evidence.blocklist) || NUMBER_WORDS.de.has(word)) continue;
    const syllables = germanSyllables(word);
    if (syllables === null || syllables < 2 || syllables > 3) continue;
    const capitalised = entry !== word;
    const isNoun = capitalised && evidence.singularNouns.has(word);
    if (capitalised && !isNoun) continue;
    if (!evidence.spelling.has(entry) && !evidence.spelling.has(word)) continue;
    if (!isNoun && /(te|ten|test|tet|st)$/.test(word)) continue;
    (isNoun ? nouns : others).push(word);
  }
  return [...nouns, ...others];
}

/** Take words in order while each keeps clear of all taken ones; stop at `size`. */
export function selectGreedily(candidates: readonly string[], locale: Locale, size: number): string[] {
  const taken: string[] = [];
  const prefixes = new Set<string>();
  const keys = new Set<string>();
  for (const word of candidates) {
    if (taken.length >= size) break;
    const prefix = word.slice(0, UNIQUE_PREFIX_LENGTH);
    const wordKeys = phoneticKeys(word, locale);
    if (prefixes.has(prefix) || wordKeys.some((key) => keys.has(key))) continue;
    if (taken.some((other) => boundedEditDistance(word, other, MIN_EDIT_DISTANCE) < MIN_EDIT_DISTANCE)) continue;
    taken.push(word);
    prefixes.add(prefix);
    for (const key of wordKeys) keys.add(key);
  }
  return taken;
}
