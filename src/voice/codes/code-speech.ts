/**
 * A code as the agent says it (VOICE.md: said clearly, in the tenant's language).
 * The paused form reads the six words in two groups of three, with commas
 * between words and a full stop between the groups, which synthesisers turn
 * into short and long pauses; the keypad form says each digit, in groups. Pure.
 */
import type { Locale } from '../../domain/tenant.ts';
import { formatKeypad, type AccessCode } from './code-format.ts';
import { codeWords } from './code-text.ts';

/** `plain`: the words with spaces; `paused`: two groups of three, for reading aloud. */
export type CodeSpeechStyle = 'plain' | 'paused';

/** Words per spoken group in the paused form. */
const GROUP = 3;

/** Digits as said on a phone line: "zwo" rather than "zwei", which is too close to "drei". */
const SPOKEN_DIGITS: Readonly<Record<Locale, readonly string[]>> = {
  en: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'],
  de: ['null', 'eins', 'zwo', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun'],
};

/** The code's words to be spoken: "tiger, mango, river. lemon, olive, candle." */
export function spokenCode(code: AccessCode, locale: Locale, style: CodeSpeechStyle = 'paused'): string {
  const words = codeWords(code, locale);
  if (style === 'plain') return words.join(' ');
  const groups: string[] = [];
  for (let i = 0; i < words.length; i += GROUP) groups.push(words.slice(i, i + GROUP).join(', '));
  return `${groups.join('. ')}.`;
}

/** The keypad form to be spoken, digit by digit: "one one two, zero three four, ...". */
export function spokenKeypad(code: AccessCode, locale: Locale): string {
  const digits = SPOKEN_DIGITS[locale];
  const groups = formatKeypad(code).split(' ').map((group) => [...group].map((d) => digits[Number(d)]).join(' '));
  return `${groups.join(', ')}.`;
}
