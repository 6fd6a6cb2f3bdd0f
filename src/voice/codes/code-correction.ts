/**
 * From a reading to the codes it may be: the code itself when every word was
 * understood and the check matches, otherwise every valid code one word away
 * (at most CODE_LENGTH of them). The caller looks each up by keyed hash and
 * corrects only when exactly one of them is a live code. Pure.
 */
import type { Locale } from '../../domain/tenant.ts';
import { CODE_LENGTH, DATA_WORDS, isValidCode, type AccessCode } from './code-format.ts';
import { readPositions, type PositionReading } from './code-parser.ts';
import { CODE_WORD_COUNT } from './code-words.ts';

/** The most codes one reading can lead to: one per position. The guessing bound counts this as the reach of one attempt. */
export const MAX_CORRECTION_CANDIDATES = CODE_LENGTH;

export interface CodeCandidates {
  /** The code as read, when it is complete and its check matches. */
  exact: AccessCode | null;
  /**
   * Valid codes within one substituted word of the reading, when it is not
   * exact: one per position when every word was understood but the check does
   * not match; the one that fills the gap when a single word was not understood;
   * none otherwise (two or more words lost, a word missing or added).
   */
  corrections: AccessCode[];
}

/** The weight of each position in the check (data words 1..5, the check word -1). */
function weight(position: number): number {
  return position < DATA_WORDS ? position + 1 : CODE_WORD_COUNT - 1;
}

/** x^-1 modulo the (prime) word count. */
function inverse(x: number): number {
  let result = 1;
  let base = ((x % CODE_WORD_COUNT) + CODE_WORD_COUNT) % CODE_WORD_COUNT;
  for (let e = CODE_WORD_COUNT - 2; e > 0; e >>= 1) {
    if (e & 1) result = (result * base) % CODE_WORD_COUNT;
    base = (base * base) % CODE_WORD_COUNT;
  }
  return result;
}

/** The value at `position` that makes the weighted sum of `values` 0, the others fixed. */
function solveFor(values: readonly number[], position: number): number {
  const others = values.reduce((sum, v, i) => (i === position ? sum : (sum + weight(i) * v) % CODE_WORD_COUNT), 0);
  return (((CODE_WORD_COUNT - others) % CODE_WORD_COUNT) * inverse(weight(position))) % CODE_WORD_COUNT;
}

/** The code a reading names exactly, and the codes one word away from it. */
export function candidateCodes(reading: readonly PositionReading[]): CodeCandidates {
  if (reading.length !== CODE_LENGTH) return { exact: null, corrections: [] };
  const unknown = reading.flatMap((r, i) => (r === null ? [i] : []));
  const values = reading.map((r) => r?.value ?? 0);
  if (unknown.length === 0) {
    if (isValidCode(values)) return { exact: Object.freeze(values), corrections: [] };
    const corrections = values.map((_, position) => {
      const corrected = [...values];
      corrected[position] = solveFor(values, position);
      return Object.freeze(corrected);
    });
    return { exact: null, corrections };
  }
  if (unknown.length === 1) {
    const position = unknown[0] as number;
    const filled = [...values];
    filled[position] = solveFor(values, position);
    return { exact: null, corrections: [Object.freeze(filled)] };
  }
  return { exact: null, corrections: [] };
}

/** Read a typed or heard code and list what it may be (see CodeCandidates). */
export function readCode(text: string, locale: Locale): CodeCandidates & { positions: PositionReading[] } {
  const positions = readPositions(text, locale);
  return { ...candidateCodes(positions), positions };
}
