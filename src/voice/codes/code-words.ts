/** The code word lists by locale, and the size every list shares. */
import type { Locale } from '../../domain/tenant.ts';
import { GERMAN_CODE_WORDS } from './de.words.ts';
import { ENGLISH_CODE_WORDS } from './en.words.ts';

/**
 * Words per list. A prime, so that the check word catches every single wrong
 * word and every swap of two words (code-format.ts); the same in every language,
 * so that one code has a form in each and one keypad form.
 */
export const CODE_WORD_COUNT = 409;

/** The code words of each locale; a word's index is its value. */
export const CODE_WORDS: Readonly<Record<Locale, readonly string[]>> = { en: ENGLISH_CODE_WORDS, de: GERMAN_CODE_WORDS };
