import { describe, expect, it } from 'vitest';
import { candidateCodes, MAX_CORRECTION_CANDIDATES, readCode } from '../../../../src/voice/codes/code-correction.ts';
import { CODE_LENGTH, generateCode, isValidCode, type AccessCode } from '../../../../src/voice/codes/code-format.ts';
import type { PositionReading } from '../../../../src/voice/codes/code-parser.ts';
import { CODE_WORD_COUNT } from '../../../../src/voice/codes/code-words.ts';
import { formatCode } from '../../../../src/voice/codes/code-text.ts';

const asReading = (values: readonly (number | null)[]): PositionReading[] => values.map((value) => (value === null ? null : { value, kind: 'exact' }));
const same = (a: AccessCode, b: AccessCode) => a.join() === b.join();
const codes = Array.from({ length: 25 }, () => generateCode());

describe('correction candidates', () => {
  it('a valid reading is exact and offers no correction (valid codes are two words apart)', () => {
    for (const code of codes) expect(candidateCodes(asReading(code))).toEqual({ exact: code, corrections: [] });
  });

  it('one wrong word: at most six candidates, all valid, each one word from the reading, the true code among them', () => {
    for (const code of codes) {
      for (let position = 0; position < CODE_LENGTH; position++) {
        const heard = [...code];
        heard[position] = ((code[position] as number) + 1 + position * 37) % CODE_WORD_COUNT;
        const { exact, corrections } = candidateCodes(asReading(heard));
        expect(exact).toBeNull();
        expect(corrections.length).toBeLessThanOrEqual(MAX_CORRECTION_CANDIDATES);
        expect(corrections.some((c) => same(c, code))).toBe(true);
        for (const candidate of corrections) {
          expect(isValidCode(candidate)).toBe(true);
          expect(candidate.filter((v, i) => v !== heard[i])).toHaveLength(1);
        }
      }
    }
  });

  it('one word not understood: exactly the true code', () => {
    for (const code of codes) {
      for (let position = 0; position < CODE_LENGTH; position++) {
        const heard: (number | null)[] = [...code];
        heard[position] = null;
        expect(candidateCodes(asReading(heard)).corrections).toEqual([code]);
      }
    }
  });

  it.each([
    ['two words not understood', [1, null, 3, null, 5, 6]],
    ['a word missing', [1, 2, 3, 4, 5]],
    ['a word too many', [1, 2, 3, 4, 5, 6, 7]],
    ['nothing', []],
  ])('%s: no candidates', (_, values) => {
    expect(candidateCodes(asReading(values))).toEqual({ exact: null, corrections: [] });
  });

  it('readCode reads text and corrects a misheard word', () => {
    const code = codes[0] as AccessCode;
    const words = formatCode(code, 'en').split('-');
    expect(readCode(words.join(' '), 'en').exact).toEqual(code);
    const otherWord = formatCode([((code[2] as number) + 5) % CODE_WORD_COUNT], 'en');
    const misheard = [...words.slice(0, 2), otherWord, ...words.slice(3)].join(' ');
    const read = readCode(misheard, 'en');
    expect(read.exact).toBeNull();
    expect(read.corrections.filter((c) => same(c, code))).toHaveLength(1);
  });
});
