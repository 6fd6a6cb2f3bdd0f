/** A code's words in a language, and its written word form. */
import type { Locale } from '../../domain/tenant.ts';
import type { AccessCode } from './code-format.ts';
import { CODE_WORDS } from './code-words.ts';

/** The words of a code in `locale`. */
export function codeWords(code: AccessCode, locale: Locale): string[] {
  const words = CODE_WORDS[locale];
  return code.map((value) => {
    const word = words[value];
    if (word === undefined) throw new RangeError(`no ${locale} code word has the value ${value}`);
    return word;
  });
}

/** The written form: lower-case words joined by hyphens ("tiger-mango-river-lemon-olive-candle"). */
export function formatCode(code: AccessCode, locale: Locale): string {
  return codeWords(code, locale).join('-');
}
