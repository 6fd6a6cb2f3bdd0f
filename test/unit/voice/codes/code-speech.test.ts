import { describe, expect, it } from 'vitest';
import { readCode } from '../../../../src/voice/codes/code-correction.ts';
import { generateCode } from '../../../../src/voice/codes/code-format.ts';
import { spokenCode, spokenKeypad } from '../../../../src/voice/codes/code-speech.ts';
import { codeWords } from '../../../../src/voice/codes/code-text.ts';

/** Values 0, 1, 2, 3, 4 and the check 40 (= 1x0 + 2x1 + 3x2 + 4x3 + 5x4). */
const code = generateCode(((next) => () => next++)(0));

describe('speaking a code', () => {
  it.each(['en', 'de'] as const)('%s: the paused form says the six words in two groups of three', (locale) => {
    const [a, b, c, d, e, f] = codeWords(code, locale);
    expect(spokenCode(code, locale)).toBe(`${a}, ${b}, ${c}. ${d}, ${e}, ${f}.`);
    expect(spokenCode(code, locale, 'plain')).toBe(`${a} ${b} ${c} ${d} ${e} ${f}`);
  });

  it.each([
    ['en', 'zero zero zero, zero zero one, zero zero two, zero zero three, zero zero four, zero four zero.'],
    ['de', 'null null null, null null eins, null null zwo, null null drei, null null vier, null vier null.'],
  ] as const)('%s: the keypad form says every digit, in groups', (locale, speech) => {
    expect(code.join(' ')).toBe('0 1 2 3 4 40');
    expect(spokenKeypad(code, locale)).toBe(speech);
  });

  it.each(['en', 'de'] as const)('%s: what the agent says reads back as the same code', (locale) => {
    for (let i = 0; i < 20; i++) {
      const any = generateCode();
      expect(readCode(spokenCode(any, locale), locale).exact).toEqual(any);
      expect(readCode(spokenKeypad(any, locale), locale).exact).toEqual(any);
    }
  });
});
