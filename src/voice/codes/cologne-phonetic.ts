/**
 * Kölner Phonetik (Hans Joachim Postel, "Die Kölner Phonetik", IBM-Nachrichten
 * 19, 1969): a digit key for a German word, so that words that sound alike
 * share it ("Meier", "Maier", "Mayr" -> 67). Pure.
 *
 * Each letter becomes a digit by its neighbours, repeated digits collapse into
 * one, then every 0 except a leading one is dropped. H and anything that is not
 * a letter contribute nothing.
 *
 * `voice-search` writes phonetic keys for search in `src/voice/`; this copy
 * serves the code word lists only (see README.md here) until the two are merged.
 */

const VOWELS = new Set(['A', 'E', 'I', 'J', 'O', 'U', 'Y', 'Ä', 'Ö', 'Ü']);
/** After these, C is hard only before these letters (inside a word). */
const C_HARD_INSIDE = new Set(['A', 'H', 'K', 'O', 'Q', 'U', 'X']);
/** An initial C is hard before these (the inside set plus L and R). */
const C_HARD_INITIAL = new Set([...C_HARD_INSIDE, 'L', 'R']);

/** The Kölner Phonetik key of `word` (digits only; empty for a word without letters). */
export function colognePhonetic(word: string): string {
  const letters = [...word.toUpperCase().replace(/ß/g, 'S')].filter((c) => /\p{L}/u.test(c));
  const digits: string[] = [];
  letters.forEach((letter, i) => {
    const code = letterCode(letter, letters[i - 1], letters[i + 1], i === 0);
    if (code) digits.push(code);
  });
  const collapsed = digits.join('').replace(/(\d)\1+/g, '$1');
  return collapsed.slice(0, 1) + collapsed.slice(1).replace(/0/g, '');
}

function letterCode(letter: string, previous: string | undefined, next: string | undefined, initial: boolean): string {
  if (VOWELS.has(letter)) return '0';
  switch (letter) {
    case 'H':
      return '';
    case 'B':
      return '1';
    case 'P':
      return next === 'H' ? '3' : '1';
    case 'D':
    case 'T':
      return next === 'C' || next === 'S' || next === 'Z' ? '8' : '2';
    case 'F':
    case 'V':
    case 'W':
      return '3';
    case 'G':
    case 'K':
    case 'Q':
      return '4';
    case 'C':
      return cCode(previous, next, initial);
    case 'X':
      return previous === 'C' || previous === 'K' || previous === 'Q' ? '8' : '48';
    case 'L':
      return '5';
    case 'M':
    case 'N':
      return '6';
    case 'R':
      return '7';
    case 'S':
    case 'Z':
      return '8';
    default:
      return ''; // letters outside German orthography
  }
}

function cCode(previous: string | undefined, next: string | undefined, initial: boolean): string {
  if (initial) return next !== undefined && C_HARD_INITIAL.has(next) ? '4' : '8';
  if (previous === 'S' || previous === 'Z') return '8';
  return next !== undefined && C_HARD_INSIDE.has(next) ? '4' : '8';
}
