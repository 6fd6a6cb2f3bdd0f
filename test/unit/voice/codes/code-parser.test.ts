import { describe, expect, it } from 'vitest';
import type { Locale } from '../../../../src/domain/tenant.ts';
import { readCode } from '../../../../src/voice/codes/code-correction.ts';
import { formatKeypad, generateCode, type AccessCode } from '../../../../src/voice/codes/code-format.ts';
import { codeTokens, FILLER_WORDS, readPositions } from '../../../../src/voice/codes/code-parser.ts';
import { spokenKeypad } from '../../../../src/voice/codes/code-speech.ts';
import { codeWords } from '../../../../src/voice/codes/code-text.ts';
import { CODE_WORDS } from '../../../../src/voice/codes/code-words.ts';
import { matchWord } from '../../../../src/voice/codes/word-matcher.ts';
import { boundedEditDistance, phoneticKeys } from '../../../../src/voice/codes/word-rules.ts';

const CODE: AccessCode = generateCode((bound) => 7 % bound);
const codes = [CODE, ...Array.from({ length: 10 }, () => generateCode())];

function typedBeginning(word: string, locale: Locale): string {
  const three = word.slice(0, 3);
  return FILLER_WORDS[locale].has(three) ? word.slice(0, 4) : three;
}

/** Ways a person or a recogniser may give back a code, as functions of its words (and digits). */
const FORMS: Record<Locale, Array<[string, (words: string[], code: AccessCode) => string]>> = {
  en: [
    ['spaces', (w) => w.join(' ')],
    ['upper case', (w) => w.join(' ').toUpperCase()],
    ['hyphens', (w) => w.join('-')],
    ['no separators', (w) => w.join('')],
    ['extra spaces and commas', (w) => `  ${w.join(' ,  ')} . `],
    ['capitalised', (w) => w.map((x) => x[0]?.toUpperCase() + x.slice(1)).join(' ')],
    ['fillers around it', (w) => `um my code is ${w.slice(0, 3).join(' ')} uh ${w.slice(3).join(' ')} please`],
    ['a plural', (w) => [`${w[0]}s`, ...w.slice(1)].join(' ')],
    // Three letters, or four when three spell a filler word: "the" of "thermal" is heard as "the" and dropped.
    ['a typed beginning', (w) => [w[0], typedBeginning(w[1] as string, 'en'), ...w.slice(2)].join(' ')],
    ['one letter off', (w) => [w[0], w[1], `${(w[2] as string).slice(0, -1)}q`, ...w.slice(3)].join(' ')],
    ['keypad digits', (_, c) => formatKeypad(c)],
    ['keypad digits run together', (_, c) => formatKeypad(c).replace(/ /g, '')],
    ['digits said as words', (_, c) => spokenKeypad(c, 'en')],
    ['words and digits mixed', (w, c) => [w[0], w[1], formatKeypad(c).split(' ')[2], ...w.slice(3)].join(' ')],
  ],
  de: [
    ['spaces', (w) => w.join(' ')],
    ['nouns capitalised', (w) => w.map((x) => x[0]?.toUpperCase() + x.slice(1)).join(' ')],
    ['hyphens', (w) => w.join('-')],
    ['no separators', (w) => w.join('')],
    ['fillers around it', (w) => `ähm der Code lautet ${w.join(' ')}`],
    ['a plural ending', (w) => [`${w[0]}en`, ...w.slice(1)].join(' ')],
    ['one letter off', (w) => [w[0], w[1], `${(w[2] as string).slice(0, -1)}q`, ...w.slice(3)].join(' ')],
    ['keypad digits', (_, c) => formatKeypad(c)],
    ['digits said as words', (_, c) => spokenKeypad(c, 'de')],
  ],
};

describe.each(['en', 'de'] as const)('reading codes (%s)', (locale) => {
  it.each(FORMS[locale])('%s', (_, form) => {
    for (const code of codes) {
      const text = form(codeWords(code, locale), code);
      expect(readCode(text, locale).exact, text).toEqual(code);
    }
  });

  it('no filler word is a code word, so ignoring them never loses a word', () => {
    const words = new Set(CODE_WORDS[locale]);
    expect([...FILLER_WORDS[locale]].filter((f) => words.has(f))).toEqual([]);
  });

  it('every code word reads as itself, and with a plural ending still as itself', () => {
    CODE_WORDS[locale].forEach((word, value) => {
      expect(matchWord(word, locale)).toEqual({ value, kind: 'exact' });
      expect(matchWord(`${word}${locale === 'en' ? 's' : 'en'}`, locale)?.value).toBe(value);
    });
  });
});

describe('reading codes: numbers said as words', () => {
  it.each([
    ['en', 'one one two zero three four', [112, 34]],
    ['en', 'one twelve oh thirty four', [112, 34]],
    ['en', 'one hundred twelve, thirty four, five', [112, 345]],
    ['en', 'four hundred and six', [406]],
    ['en', 'double one four', [114]],
    ['en', 'one seventy-four', [174]],
    ['en', '1 seventy four', [174]],
    ['en', 'nine nine nine', [null]],
    ['de', 'eins eins zwo null drei vier', [112, 34]],
    ['de', 'hundertzwölf vierunddreißig fünf', [112, 345]],
    ['de', 'eins vier und siebzig', [174]],
    ['de', 'vierhundertsechs', [406]],
    ['de', 'eins fünf fuenf', [155]],
    ['de', 'null null funf', [5]],
    ['de', 'eins fünf fuenf funf', [null, null]],
  ] as const)('%s: %j reads as the groups %j', (locale, text, groups) => {
    expect(readPositions(text, locale).map((p) => p?.value ?? null)).toEqual(groups);
  });
});

describe('reading codes: what cannot be read', () => {
  it('a word that is no code word leaves its position unknown, and one such word is filled by the check', () => {
    const words = codeWords(CODE, 'en');
    const read = readCode([...words.slice(0, 4), 'xylophonic', words[5]].join(' '), 'en');
    expect(read.positions[4]).toBeNull();
    expect(read.corrections).toEqual([CODE]);
  });

  it('a digit group past the list is unknown, and seventeen digits are no code', () => {
    const digits = formatKeypad(CODE).split(' ');
    expect(readCode(['999', ...digits.slice(1)].join(' '), 'en').corrections).toEqual([CODE]);
    expect(readCode(digits.join('').slice(1), 'en')).toMatchObject({ exact: null, corrections: [] });
  });

  it('tokens split on anything but letters and digits, and very long input is cut', () => {
    expect(codeTokens('Tiger_Mango/42;river')).toEqual(['tiger', 'mango', '42', 'river']);
    expect(codeTokens('a'.repeat(10_000))[0]?.length).toBeLessThanOrEqual(300);
  });
});

/** Spellings that sound the same, two or more letters from the original (so only the phonetic key can match them). */
const SOUND_ALIKE: Record<Locale, Array<[RegExp, string]>> = {
  en: [[/ph/, 'f'], [/tion$/, 'shun'], [/ck/, 'kk'], [/^c(?=[aou])/, 'k'], [/x/, 'ks'], [/qu/, 'kw'], [/ee/, 'ea'], [/y$/, 'ie'], [/ou/, 'ow']],
  de: [[/ph/, 'f'], [/v/, 'f'], [/tz/, 'z'], [/ei/, 'ai'], [/dt/, 't'], [/ck/, 'k'], [/ie/, 'i'], [/ss$/, 's'], [/x/, 'ks']],
};

describe.each(['en', 'de'] as const)('reading codes: sound-alike spellings (%s)', (locale) => {
  const variants = CODE_WORDS[locale].flatMap((word, value) =>
    SOUND_ALIKE[locale].map(([pattern, replacement]) => ({ word, value, heard: word.replace(pattern, replacement) }))
      .filter(({ word, heard }) => heard !== word && boundedEditDistance(word, heard, 2) >= 2 && phoneticKeys(heard, locale).some((k) => phoneticKeys(word, locale).includes(k))));

  it('there are sound-alikes to try', () => {
    expect(variants.length).toBeGreaterThanOrEqual(5);
  });

  it('each reads as its word, by sound', () => {
    for (const { value, heard } of variants) expect(matchWord(heard, locale), heard).toEqual({ value, kind: 'sound' });
  });
});
