/**
 * The spoken access code: five random words and a check word, each one of
 * CODE_WORD_COUNT (409, a prime) values, so the code space is 409^5 (about 43 bits;
 * see README.md for why that length). The same code has a word form per language
 * ("tiger-mango-river-lemon-olive-candle") and a keypad form of six three-digit
 * groups ("112 034 398 200 017 441"), one group per word. Pure, apart from the
 * randomness of `generateCode`.
 *
 * The check: with weights 1..5 for the data words and -1 for the check word, a
 * code is valid when the weighted sum of its values is 0 modulo 409. One wrong
 * word changes the sum by (weight x difference), never 0 modulo a prime, and so
 * does swapping any two words (their weights differ), so both are always caught.
 */
import { CODE_WORD_COUNT } from './code-words.ts';

/** Random words per code. */
export const DATA_WORDS = 5;
/** Words per code, the check word included. */
export const CODE_LENGTH = DATA_WORDS + 1;
/** Digits per word in the keypad form. */
export const KEYPAD_GROUP_DIGITS = 3;

/** A code as the values of its words, data words first, check word last. */
export type AccessCode = readonly number[];

/** A source of uniform random integers in [0, bound). */
export type RandomIndex = (bound: number) => number;

/** The check word's value for the data words. */
export function checkValue(dataWords: readonly number[]): number {
  const sum = dataWords.reduce((total, value, i) => total + (i + 1) * value, 0);
  return sum % CODE_WORD_COUNT;
}

/** Whether a code has the right length, values in range and a matching check word. */
export function isValidCode(code: readonly number[]): boolean {
  if (code.length !== CODE_LENGTH || !code.every((v) => Number.isInteger(v) && v >= 0 && v < CODE_WORD_COUNT)) return false;
  return checkValue(code.slice(0, DATA_WORDS)) === code[DATA_WORDS];
}

/** A new code from a cryptographically secure source (by default `crypto.getRandomValues`). */
export function generateCode(random: RandomIndex = secureRandomIndex): AccessCode {
  const data = Array.from({ length: DATA_WORDS }, () => random(CODE_WORD_COUNT));
  return Object.freeze([...data, checkValue(data)]);
}

/** Random 32-bit words fetched from `crypto.getRandomValues` in batches (one call per 1,024 values, not one per word). */
const pool = new Uint32Array(1024);
let poolNext = pool.length;

function nextRandomWord(): number {
  if (poolNext === pool.length) {
    globalThis.crypto.getRandomValues(pool);
    poolNext = 0;
  }
  const value = pool[poolNext] as number;
  pool[poolNext++] = 0; // a value is used once; do not leave it in memory
  return value;
}

/** A uniform integer in [0, bound) from `crypto.getRandomValues`, by rejection sampling (no modulo bias). */
export function secureRandomIndex(bound: number): number {
  if (!Number.isInteger(bound) || bound < 1 || bound > 2 ** 32) throw new RangeError(`bound must be an integer from 1 to 2^32, not ${bound}`);
  const limit = 2 ** 32 - (2 ** 32 % bound);
  for (;;) {
    const value = nextRandomWord();
    if (value < limit) return value % bound;
  }
}

/**
 * The code as 18 digits, one three-digit group per word: the form to hash for
 * storage (the same whatever language the code was heard in) and to type on a keypad.
 */
export function keypadDigits(code: AccessCode): string {
  return code.map((value) => String(value).padStart(KEYPAD_GROUP_DIGITS, '0')).join('');
}

/** The keypad form for display: "112 034 398 200 017 441". */
export function formatKeypad(code: AccessCode): string {
  return code.map((value) => String(value).padStart(KEYPAD_GROUP_DIGITS, '0')).join(' ');
}

/** Read the canonical keypad digits back; null unless they are a valid code. */
export function codeFromKeypadDigits(digits: string): AccessCode | null {
  if (!new RegExp(`^\\d{${CODE_LENGTH * KEYPAD_GROUP_DIGITS}}$`).test(digits)) return null;
  const code = Array.from({ length: CODE_LENGTH }, (_, i) => Number(digits.slice(i * KEYPAD_GROUP_DIGITS, (i + 1) * KEYPAD_GROUP_DIGITS)));
  return isValidCode(code) ? Object.freeze(code) : null;
}
