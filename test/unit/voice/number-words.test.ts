import { describe, expect, it } from 'vitest';
import { cardinalWords, ordinalDigits } from '../../../src/voice/number-words.ts';

describe('cardinalWords in English', () => {
  it.each([
    [0, 'zero'],
    [1, 'one'],
    [7, 'seven'],
    [13, 'thirteen'],
    [20, 'twenty'],
    [24, 'twenty-four'],
    [99, 'ninety-nine'],
    [100, 'one hundred'],
    [105, 'one hundred five'],
    [340, 'three hundred forty'],
    [999, 'nine hundred ninety-nine'],
    [1000, 'one thousand'],
    [1001, 'one thousand one'],
    [2024, 'two thousand twenty-four'],
    [4471, 'four thousand four hundred seventy-one'],
    [21_000, 'twenty-one thousand'],
    [100_000, 'one hundred thousand'],
    [1_000_000, 'one million'],
    [2_300_000, 'two million three hundred thousand'],
    [999_999_999, 'nine hundred ninety-nine million nine hundred ninety-nine thousand nine hundred ninety-nine'],
  ])('%i -> %s', (n, words) => {
    expect(cardinalWords(n, 'en')).toBe(words);
  });
});

describe('cardinalWords in German', () => {
  it.each([
    [0, 'null'],
    [1, 'eins'],
    [11, 'elf'],
    [16, 'sechzehn'],
    [17, 'siebzehn'],
    [21, 'einundzwanzig'],
    [24, 'vierundzwanzig'],
    [30, 'dreißig'],
    [71, 'einundsiebzig'],
    [100, 'hundert'],
    [101, 'hunderteins'],
    [121, 'hunderteinundzwanzig'],
    [200, 'zweihundert'],
    [340, 'dreihundertvierzig'],
    [1000, 'tausend'],
    [1001, 'tausendeins'],
    [1100, 'tausendhundert'],
    [2024, 'zweitausendvierundzwanzig'],
    [4471, 'viertausendvierhunderteinundsiebzig'],
    [21_000, 'einundzwanzigtausend'],
    [101_000, 'hunderteintausend'],
    [1_000_000, 'eine Million'],
    [1_000_001, 'eine Million eins'],
    [2_300_000, 'zwei Millionen dreihunderttausend'],
    [101_000_000, 'hunderteine Millionen'],
    [999_999_999, 'neunhundertneunundneunzig Millionen neunhundertneunundneunzigtausendneunhundertneunundneunzig'],
  ])('%i -> %s', (n, words) => {
    expect(cardinalWords(n, 'de')).toBe(words);
  });
});

describe('cardinalWords range', () => {
  it.each([-1, 1.5, 1_000_000_000, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s', (n) => {
    expect(() => cardinalWords(n, 'en')).toThrow(RangeError);
    expect(() => cardinalWords(n, 'de')).toThrow(RangeError);
  });
});

describe('ordinalDigits', () => {
  it.each([
    [1, '1st', '1.'],
    [2, '2nd', '2.'],
    [3, '3rd', '3.'],
    [4, '4th', '4.'],
    [11, '11th', '11.'],
    [12, '12th', '12.'],
    [13, '13th', '13.'],
    [21, '21st', '21.'],
    [22, '22nd', '22.'],
    [23, '23rd', '23.'],
    [30, '30th', '30.'],
    [31, '31st', '31.'],
    [111, '111th', '111.'],
  ])('%i -> %s / %s', (n, en, de) => {
    expect(ordinalDigits(n, 'en')).toBe(en);
    expect(ordinalDigits(n, 'de')).toBe(de);
  });
});
