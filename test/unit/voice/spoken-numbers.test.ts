import { describe, expect, it } from 'vitest';
import type { Locale } from '../../../src/domain/tenant.ts';
import { cardinalWords } from '../../../src/voice/number-words.ts';
import { numberValue, replaceSpokenNumbers } from '../../../src/voice/spoken-numbers.ts';

const words = (text: string) => text.split(' ');
const read = (text: string, locale: Locale) => replaceSpokenNumbers(words(text), locale).join(' ');

describe('replaceSpokenNumbers in English', () => {
  it.each([
    ['forty four seventy one', '4471'],
    ['twenty twenty five', '2025'],
    ['nineteen ninety nine', '1999'],
    ['two thousand twenty four', '2024'],
    ['two thousand and twenty four', '2024'],
    ['four hundred', '400'],
    ['a hundred', '100'],
    ['one hundred and five', '105'],
    ['twenty five hundred', '2500'],
    ['one two three four', '1234'],
    ['zero zero seven', '007'],
    ['four oh seven', '407'],
    ['twenty oh five', '2005'],
    ['five hundred thousand', '500000'],
    ['three million two hundred thousand', '3200000'],
    ['invoice forty four seventy one from acme', 'invoice 4471 from acme'],
    ['page five and six', 'page 5 and 6'],
    ['smith and jones', 'smith and jones'],
    ['oh the report', 'oh the report'],
    ['a report', 'a report'],
    ['the one from may', 'the one from may'],
    ['the one hundred day plan', 'the 100 day plan'],
    ['room one', 'room 1'],
    ['three point five million', '3500000'],
    ['two and a half thousand', '2500'],
    ['one and a half', '1.5'],
    ['version three point two', 'version 3.2'],
    ['fifteen grand', '15000'],
    ['invoice for four seven one', 'invoice 4471'],
    ['a table for two', 'a table for 2'],
    ['point three', 'point 3'],
  ])('%s -> %s', (spoken, expected) => {
    expect(read(spoken, 'en')).toBe(expected);
  });
});

describe('replaceSpokenNumbers in German', () => {
  it.each([
    ['zweitausendvierundzwanzig', '2024'],
    ['vierundvierzig einundsiebzig', '4471'],
    ['zwanzig fünfundzwanzig', '2025'],
    ['neunzehnhundertneunundneunzig', '1999'],
    ['vier und zwanzig', '24'],
    ['zwei tausend vierundzwanzig', '2024'],
    ['hundert fünf', '105'],
    ['vierhundert', '400'],
    ['eins zwei drei', '123'],
    ['zwo zwo', '22'],
    ['null acht neun', '089'],
    ['dreissig', '30'],
    ['fuenfzig', '50'],
    ['eine million', '1000000'],
    ['zwei millionen dreihunderttausend', '2300000'],
    ['ein angebot', 'ein angebot'],
    ['eine rechnung', 'eine rechnung'],
    ['müller und schmidt', 'müller und schmidt'],
    ['drei und vier', '3 und 4'],
    ['vierund', 'vierund'],
    ['zweizwei', 'zweizwei'],
    ['achtung', 'achtung'],
    ['rechnung vierundvierzig einundsiebzig von müller', 'rechnung 4471 von müller'],
    ['drei komma fünf millionen', '3500000'],
    ['zweieinhalbtausend', '2500'],
    ['zweieinhalb', '2,5'],
    ['anderthalb', '1,5'],
    ['eineinhalb millionen', '1500000'],
    ['einhalb', 'einhalb'],
    ['komma drei', 'komma 3'],
  ])('%s -> %s', (spoken, expected) => {
    expect(read(spoken, 'de')).toBe(expected);
  });
});

describe('numberValue', () => {
  it.each([
    ['two', 'en', 2],
    ['4', 'en', 4],
    ['twenty', 'en', 20],
    ['report', 'en', null],
    ['a', 'en', null],
    ['zwei', 'de', 2],
    ['zwo', 'de', 2],
    ['eins', 'de', 1],
    ['ein', 'de', null],
    ['vierundzwanzig', 'de', 24],
    ['quartal', 'de', null],
  ] as const)('%s (%s) -> %s', (token, locale, value) => {
    expect(numberValue(token, locale)).toBe(value);
  });
});

describe('reading back every number we say', () => {
  const samples = [...Array(2100).keys(), 9999, 10_001, 21_000, 99_999, 100_000, 101_000, 123_456, 700_007, 999_999, 1_000_000, 1_000_001, 2_300_000, 101_000_000, 123_456_789, 999_999_999];
  it.each(['en', 'de'] as const)('%s: cardinalWords then replaceSpokenNumbers gives the digits back', (locale) => {
    const wrong = samples.filter((n) => {
      const spoken = cardinalWords(n, locale).toLowerCase().split(/[\s-]+/);
      return replaceSpokenNumbers(spoken, locale).join(' ') !== String(n);
    });
    expect(wrong).toEqual([]);
  });
});
