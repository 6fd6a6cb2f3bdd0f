import { describe, expect, it } from 'vitest';
import {
  checkValue, CODE_LENGTH, codeFromKeypadDigits, DATA_WORDS, formatKeypad, generateCode, isValidCode, keypadDigits, secureRandomIndex,
} from '../../../../src/voice/codes/code-format.ts';
import { CODE_WORD_COUNT } from '../../../../src/voice/codes/code-words.ts';

/** A deterministic source for generateCode: the values in turn. */
function scripted(values: number[]): (bound: number) => number {
  let i = 0;
  return (bound) => {
    const value = values[i++ % values.length] as number;
    if (value >= bound) throw new Error('scripted value out of range');
    return value;
  };
}

const SAMPLE_CODES = [
  generateCode(scripted([0, 0, 0, 0, 0])),
  generateCode(scripted([408, 408, 408, 408, 408])),
  generateCode(scripted([1, 2, 3, 4, 5])),
  generateCode(scripted([17, 300, 99, 408, 0])),
  generateCode(scripted([200, 201, 202, 203, 204])),
];

describe('code format', () => {
  it('the word count is prime, so the check catches every single error and swap', () => {
    for (let d = 2; d * d <= CODE_WORD_COUNT; d++) expect(CODE_WORD_COUNT % d).not.toBe(0);
    expect(CODE_LENGTH).toBe(DATA_WORDS + 1);
  });

  it.each([
    [[0, 0, 0, 0, 0], 0],
    [[1, 0, 0, 0, 0], 1],
    [[0, 0, 0, 0, 1], 5],
    [[1, 2, 3, 4, 5], (1 + 4 + 9 + 16 + 25) % CODE_WORD_COUNT],
    [[408, 408, 408, 408, 408], (408 * 15) % CODE_WORD_COUNT],
  ])('check value of %j is %i', (data, check) => {
    expect(checkValue(data)).toBe(check);
  });

  it('generated codes are valid and carry their check word last', () => {
    for (const code of SAMPLE_CODES) {
      expect(isValidCode(code)).toBe(true);
      expect(code[DATA_WORDS]).toBe(checkValue(code.slice(0, DATA_WORDS)));
    }
    for (let i = 0; i < 200; i++) expect(isValidCode(generateCode())).toBe(true);
  });

  it('every single wrong word, in every position and with every other value, fails the check', () => {
    for (const code of SAMPLE_CODES) {
      for (let position = 0; position < CODE_LENGTH; position++) {
        for (let value = 0; value < CODE_WORD_COUNT; value++) {
          if (value === code[position]) continue;
          const wrong = [...code];
          wrong[position] = value;
          expect(isValidCode(wrong)).toBe(false);
        }
      }
    }
  });

  it('every swap of two different words fails the check', () => {
    for (const code of SAMPLE_CODES) {
      for (let i = 0; i < CODE_LENGTH; i++) {
        for (let j = i + 1; j < CODE_LENGTH; j++) {
          if (code[i] === code[j]) continue;
          const swapped = [...code];
          [swapped[i], swapped[j]] = [swapped[j] as number, swapped[i] as number];
          expect(isValidCode(swapped), `swap ${i} and ${j} of ${code.join(' ')}`).toBe(false);
        }
      }
    }
  });

  it.each([
    [[1, 2, 3, 4, 5], 'length 5'],
    [[1, 2, 3, 4, 5, 55, 0], 'length 7'],
    [[1, 2, 3, 4, 409, 0], 'a value past the list'],
    [[1, 2, 3, 4, -1, 0], 'a negative value'],
    [[1, 2, 3, 4, 1.5, 0], 'a fraction'],
  ])('%j is not a code (%s)', (code) => {
    expect(isValidCode(code)).toBe(false);
  });

  it('the keypad form is six three-digit groups and reads back to the same code', () => {
    const code = generateCode(scripted([7, 120, 408, 0, 33]));
    expect(formatKeypad(code)).toMatch(/^007 120 408 000 033 \d{3}$/);
    expect(keypadDigits(code)).toBe(formatKeypad(code).replace(/ /g, ''));
    expect(codeFromKeypadDigits(keypadDigits(code))).toEqual(code);
    for (const code of SAMPLE_CODES) expect(codeFromKeypadDigits(keypadDigits(code))).toEqual(code);
  });

  it.each(['', '12345678901234567', '1234567890123456789', '00700a408000033000', '007120408000033001', '999000000000000000'])('keypad digits %j are not a code', (digits) => {
    expect(codeFromKeypadDigits(digits)).toBeNull();
  });

  it('secure random indexes stay in range, reach both ends and refuse a bad bound', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const value = secureRandomIndex(3);
      expect(value === 0 || value === 1 || value === 2).toBe(true);
      seen.add(value);
    }
    expect(seen.size).toBe(3);
    expect(secureRandomIndex(1)).toBe(0);
    expect(() => secureRandomIndex(0)).toThrow(RangeError);
    expect(() => secureRandomIndex(2 ** 33)).toThrow(RangeError);
  });
});
