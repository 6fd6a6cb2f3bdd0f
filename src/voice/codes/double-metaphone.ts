/**
 * Double Metaphone (Lawrence Philips, "The Double Metaphone Search Algorithm",
 * C/C++ Users Journal, June 2000): a primary and an alternate phonetic key for an
 * English (or anglicised) word, so that words that sound alike share a key.
 *
 * Ported to TypeScript from Titus Wormer's `double-metaphone` (MIT,
 * https://github.com/words/double-metaphone), split by letter, with the
 * original's four-character key length restored (Philips' keys are four long;
 * pass `maxLength: Infinity` for the untruncated form). Pure.
 *
 * `voice-search` writes phonetic keys for search in `src/voice/`; this copy
 * serves the code word lists only (see README.md here) until the two are merged.
 */
import { encodeC, encodeG } from './double-metaphone-cg.ts';
import { encodeJ, encodeL, encodeR, encodeS } from './double-metaphone-jlrs.ts';
import { encodeT, encodeW, encodeX, encodeZ } from './double-metaphone-twxz.ts';
import { add, isVowel, type MetaphoneState } from './double-metaphone-state.ts';

/** The primary and the alternate key; equal when the word has one reading. */
export type MetaphoneKeys = readonly [primary: string, alternate: string];

/** Both Double Metaphone keys of `word`, each at most `maxLength` characters (4 by default). */
export function doubleMetaphone(word: string, maxLength = 4): MetaphoneKeys {
  const state = initialState(word);
  while (state.index < state.length) encodeNext(state);
  return [state.primary.slice(0, maxLength), state.secondary.slice(0, maxLength)];
}

function initialState(word: string): MetaphoneState {
  const normalized = `${word.toUpperCase()}     `;
  const state: MetaphoneState = {
    normalized,
    chars: normalized.split(''),
    length: word.length,
    last: word.length - 1,
    index: 0,
    primary: '',
    secondary: '',
    slavoGermanic: /W|K|CZ|WITZ/.test(normalized),
    germanic: /^(VAN |VON |SCH)/.test(normalized),
  };
  // Skip the silent first letter of GN, KN, PN, WR, PS.
  if (/^(GN|KN|PN|WR|PS)/.test(normalized)) state.index++;
  // Initial X is pronounced Z, which maps to S (Xavier).
  if (state.chars[0] === 'X') {
    add(state, 'S');
    state.index++;
  }
  return state;
}

/** Letters that always map to one sound, with an optional doubled letter skipped. */
const SIMPLE: Readonly<Record<string, { sound: string; double: string }>> = {
  B: { sound: 'P', double: 'B' },
  F: { sound: 'F', double: 'F' },
  K: { sound: 'K', double: 'K' },
  N: { sound: 'N', double: 'N' },
  Q: { sound: 'K', double: 'Q' },
  V: { sound: 'F', double: 'V' },
};

function encodeNext(state: MetaphoneState): void {
  const char = state.chars[state.index] ?? '';
  const next = state.chars[state.index + 1];
  if (isVowel(char) || 'ÀÊÉ'.includes(char)) {
    // All initial vowels map to A; others are dropped.
    if (state.index === 0) add(state, 'A');
    state.index++;
    return;
  }
  const simple = SIMPLE[char];
  if (simple) {
    add(state, simple.sound);
    if (next === simple.double) state.index++;
    state.index++;
    return;
  }
  switch (char) {
    case 'Ç':
      add(state, 'S');
      state.index++;
      return;
    case 'Ñ':
      add(state, 'N');
      state.index++;
      return;
    case 'C':
      return encodeC(state);
    case 'D':
      return encodeD(state);
    case 'G':
      return encodeG(state);
    case 'H':
      return encodeH(state);
    case 'J':
      return encodeJ(state);
    case 'L':
      return encodeL(state);
    case 'M':
      return encodeM(state);
    case 'P':
      return encodeP(state);
    case 'R':
      return encodeR(state);
    case 'S':
      return encodeS(state);
    case 'T':
      return encodeT(state);
    case 'W':
      return encodeW(state);
    case 'X':
      return encodeX(state);
    case 'Z':
      return encodeZ(state);
    default:
      state.index++;
  }
}

function encodeD(state: MetaphoneState): void {
  const next = state.chars[state.index + 1];
  const nextnext = state.chars[state.index + 2];
  if (next === 'G') {
    if (nextnext === 'E' || nextnext === 'I' || nextnext === 'Y') {
      add(state, 'J'); // edge
      state.index += 3;
    } else {
      add(state, 'TK'); // Edgar
      state.index += 2;
    }
    return;
  }
  add(state, 'T');
  state.index += next === 'T' || next === 'D' ? 2 : 1;
}

function encodeH(state: MetaphoneState): void {
  const previous = state.chars[state.index - 1];
  const next = state.chars[state.index + 1];
  // Kept only when first and before a vowel, or between two vowels.
  if (isVowel(next) && (state.index === 0 || isVowel(previous))) {
    add(state, 'H');
    state.index++;
  }
  state.index++;
}

function encodeM(state: MetaphoneState): void {
  const previous = state.chars[state.index - 1];
  const next = state.chars[state.index + 1];
  // Doubled M, or the silent B of dumb, thumb, thumber.
  if (next === 'M' || (previous === 'U' && next === 'B' && (state.index + 1 === state.last || state.normalized.slice(state.index + 2, state.index + 4) === 'ER'))) {
    state.index++;
  }
  state.index++;
  add(state, 'M');
}

function encodeP(state: MetaphoneState): void {
  const next = state.chars[state.index + 1];
  if (next === 'H') {
    add(state, 'F');
    state.index += 2;
    return;
  }
  // Also campbell, raspberry.
  if (next === 'P' || next === 'B') state.index++;
  state.index++;
  add(state, 'P');
}
