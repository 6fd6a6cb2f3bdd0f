/**
 * Reading a code that was typed or heard: any case, spaces, hyphens or none,
 * filler words ("my code is", "ähm"), words or three-digit groups (digits typed
 * or said as words), and the slips word-matcher.ts allows. The result says, for
 * each of the six positions, which value was understood, or that it was not.
 * Correction (code-correction.ts) works from there. Pure.
 */
import type { Locale } from '../../domain/tenant.ts';
import { CODE_LENGTH, KEYPAD_GROUP_DIGITS } from './code-format.ts';
import { CODE_WORD_COUNT, CODE_WORDS } from './code-words.ts';
import { isNumberToken, spokenDigits } from './spoken-digits.ts';
import { matchWord, type MatchKind } from './word-matcher.ts';

/** How one position was understood. */
export type PositionReading = { value: number; kind: MatchKind | 'digits' } | null;

/** Longest input the parser looks at; a code in words is far shorter. */
export const MAX_CODE_INPUT_LENGTH = 300;

/** Words people and recognisers put around a code, ignored when reading it (never code words: tested). */
export const FILLER_WORDS: Readonly<Record<Locale, ReadonlySet<string>>> = {
  en: new Set(['um', 'uh', 'uhm', 'er', 'erm', 'ah', 'hmm', 'the', 'a', 'code', 'is', 'my', 'it', 'its', 's', 'dash', 'hyphen', 'space', 'then', 'okay', 'ok', 'so', 'yes', 'please', 'and']),
  de: new Set(['ahm', 'aehm', 'ah', 'aeh', 'hm', 'der', 'die', 'das', 'code', 'ist', 'lautet', 'mein', 'meine', 'bindestrich', 'strich', 'leerzeichen', 'dann', 'also', 'ja', 'okay', 'ok', 'und']),
};

/** Lower case, German letters spelled out in ASCII (ä -> ae), other accents dropped. */
export function normalizeCodeText(text: string): string {
  return text
    .slice(0, MAX_CODE_INPUT_LENGTH)
    .toLowerCase()
    .replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss')
    .normalize('NFKD').replace(/\p{M}/gu, '');
}

/** The tokens of a code: runs of letters and runs of digits; everything else separates. */
export function codeTokens(text: string): string[] {
  return normalizeCodeText(text).match(/[a-z]+|\d+/g) ?? [];
}

/**
 * Read a code. Returns one reading per position found, which is CODE_LENGTH
 * for a complete code; fewer or more mean a word was lost or added.
 */
export function readPositions(text: string, locale: Locale): PositionReading[] {
  const tokens = splitJoinedWords(codeTokens(text), locale);
  const positions: PositionReading[] = [];
  let numberRun: string[] = [];
  const flushNumbers = () => {
    if (numberRun.length === 0) return;
    positions.push(...digitGroups(numberRun, locale));
    numberRun = [];
  };
  for (const token of tokens) {
    // "and" and "und" belong to numbers ("four hundred and six", "vier und zwanzig") when inside a number run.
    if (isNumberToken(token, locale) || (numberRun.length > 0 && (token === 'and' || token === 'und'))) {
      numberRun.push(germanNumberSpelling(token, locale));
      continue;
    }
    flushNumbers();
    if (FILLER_WORDS[locale].has(token)) continue;
    const match = matchWord(token, locale) ?? (locale === 'de' ? matchWord(withoutUmlautE(token), locale) : null);
    positions.push(match);
  }
  flushNumbers();
  return positions;
}

/** Numbers are compared in a spelling without umlauts: "fuenf" -> "funf" is handled by the tables, "zwoelf" too. */
function germanNumberSpelling(token: string, locale: Locale): string {
  return locale === 'de' ? token.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u') : token;
}

/** "vaeter" -> "vater": a recogniser's umlaut plural, once its umlaut is gone, may be a list word. */
function withoutUmlautE(token: string): string {
  return token.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u');
}

/** A run of number tokens as three-digit groups; a run that does not divide into groups is one unknown position per group begun. */
function digitGroups(run: readonly string[], locale: Locale): PositionReading[] {
  // English "and" only joins ("four hundred and six" = "four hundred six"); German "und" builds numbers ("vier und siebzig").
  const digits = spokenDigits(locale === 'en' ? run.filter((t) => t !== 'and') : run, locale);
  if (digits === null) return [null];
  if (digits.length % KEYPAD_GROUP_DIGITS !== 0) return Array.from({ length: Math.ceil(digits.length / KEYPAD_GROUP_DIGITS) }, () => null);
  const groups: PositionReading[] = [];
  for (let i = 0; i < digits.length; i += KEYPAD_GROUP_DIGITS) {
    const value = Number(digits.slice(i, i + KEYPAD_GROUP_DIGITS));
    groups.push(value < CODE_WORD_COUNT ? { value, kind: 'digits' } : null);
  }
  return groups;
}

/**
 * Typed without spaces ("tigermangoriver..."): a token that is no word but splits
 * wholly into list words is replaced by them. Shortest-first search; list words
 * never being prefixes of one another in their first three letters keeps it small.
 */
function splitJoinedWords(tokens: readonly string[], locale: Locale): string[] {
  const words = new Set(CODE_WORDS[locale]);
  return tokens.flatMap((token) => {
    if (token.length < 8 || words.has(token) || /\d/.test(token)) return [token];
    return segment(token, words) ?? [token];
  });
}

function segment(token: string, words: ReadonlySet<string>): string[] | null {
  // best[i]: a split of token.slice(0, i) into words, if any
  const best: Array<string[] | null> = [[], ...Array.from({ length: token.length }, () => null)];
  for (let end = 1; end <= token.length; end++) {
    for (let start = Math.max(0, end - 9); start <= end - 4; start++) {
      const head = best[start];
      const piece = token.slice(start, end);
      if (head && words.has(piece)) {
        best[end] = [...head, piece];
        break;
      }
    }
  }
  const split = best[token.length];
  return split && split.length > 1 && split.length <= CODE_LENGTH ? split : null;
}
