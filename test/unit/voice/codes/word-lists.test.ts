/**
 * The code word lists themselves, against the properties VOICE.md asks for, each
 * proved from committed evidence (src/voice/codes/evidence/, sources in SOURCES.md).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../../../src/domain/tenant.ts';
import { CODE_WORD_COUNT, CODE_WORDS } from '../../../../src/voice/codes/code-words.ts';
import { NUMBER_WORDS } from '../../../../src/voice/codes/spoken-digits.ts';
import {
  closePairs, englishMayBePlural, englishSyllables, germanSyllables, isBlocked, phoneticKeys, sharedKeys, UNIQUE_PREFIX_LENGTH, WORD_PATTERN,
} from '../../../../src/voice/codes/word-rules.ts';

const data = (name: string) => readFileSync(new URL(`../../../../src/voice/codes/evidence/${name}`, import.meta.url), 'utf8');
const lines = (name: string) => data(name).split('\n').filter((l) => l && !l.startsWith('#'));
const tsv = (name: string) => lines(name).map((l) => l.split('\t'));

const englishCounts = new Map(tsv('en.frequency.tsv').map(([word, count]) => [word as string, Number(count)]));
const germanRanks = new Map<string, number>();
for (const [rank, word] of tsv('de.frequency.tsv')) if (!germanRanks.has((word as string).toLowerCase())) germanRanks.set((word as string).toLowerCase(), Number(rank));
const englishPronunciations = new Map<string, string[]>();
for (const [word, phones] of tsv('en.pronunciations.tsv')) englishPronunciations.set(word as string, [...(englishPronunciations.get(word as string) ?? []), phones as string]);
const germanPlurals = new Set(lines('de.plural-forms.txt'));
const irregularPlurals = new Set(lines('en.irregular-plurals.txt'));
const blocklists: Record<Locale, string[]> = { en: lines('blocklist.en.txt'), de: lines('blocklist.de.txt') };
const listeningResults = readFileSync(new URL('../../../../scripts/listening-test/results/en.results.tsv', import.meta.url), 'utf8');
/** word -> "3/4": how many of the listening test's conditions recognised it. */
const listening = new Map(listeningResults.split('\n').slice(1).filter(Boolean).map((l) => l.split('\t')).map(([word, correct]) => [word as string, correct as string]));

describe.each(['en', 'de'] as const)('the %s code word list', (locale) => {
  const words = CODE_WORDS[locale];

  it(`has ${CODE_WORD_COUNT} distinct words of 4 to 9 plain letters`, () => {
    expect(words).toHaveLength(CODE_WORD_COUNT);
    expect(new Set(words).size).toBe(words.length);
    expect(words.filter((w) => !WORD_PATTERN.test(w))).toEqual([]);
  });

  it('every word is common', () => {
    // English: a SUBTLEX-US count of 51 or more in 51 million words (one per million, Zipf 3.0); German: the 10,000 most frequent.
    if (locale === 'en') expect(words.filter((w) => !((englishCounts.get(w) ?? 0) >= 51))).toEqual([]);
    else expect(words.filter((w) => !((germanRanks.get(w) ?? Infinity) <= 10_000))).toEqual([]);
  });

  it('every word has two or three syllables', () => {
    const outside = locale === 'en'
      ? words.filter((w) => { const p = englishPronunciations.get(w) ?? []; return p.length === 0 || p.some((x) => englishSyllables(x) < 2 || englishSyllables(x) > 3); })
      : words.filter((w) => { const n = germanSyllables(w); return n === null || n < 2 || n > 3; });
    expect(outside).toEqual([]);
  });

  it('any two words differ in at least three letters (edit distance)', () => {
    expect(closePairs(words)).toEqual([]);
  });

  it('no two words share their first three letters', () => {
    expect(sharedKeys(words, (w) => [w.slice(0, UNIQUE_PREFIX_LENGTH)])).toEqual(new Map());
  });

  it(`no two words share a phonetic key (${locale === 'en' ? 'Double Metaphone, primary or alternate' : 'Kölner Phonetik'})`, () => {
    expect(sharedKeys(words, (w) => phoneticKeys(w, locale))).toEqual(new Map());
  });

  it('no word is a plural', () => {
    const plurals = locale === 'en' ? words.filter((w) => englishMayBePlural(w, irregularPlurals)) : words.filter((w) => germanPlurals.has(w));
    expect(plurals).toEqual([]);
  });

  it('no word is on the blocklist', () => {
    expect(words.filter((w) => isBlocked(w, blocklists[locale]))).toEqual([]);
  });

  it('no word is a number word (those are read as digits)', () => {
    expect(words.filter((w) => NUMBER_WORDS[locale].has(w))).toEqual([]);
  });
});

describe('the English list and its listening test', () => {
  it('ships only words that survived the listening test (recognised in at least 3 of 4 conditions)', () => {
    const failed = CODE_WORDS.en.filter((w) => !/^[34]\/4$/.test(listening.get(w) ?? ''));
    expect(failed).toEqual([]);
  });
});
