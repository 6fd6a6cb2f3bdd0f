/**
 * A tiny language guesser for the two launch languages: counts frequent function
 * words. Good enough to pick a search dictionary or a speech locale; not a
 * general language identifier.
 */
const STOP_WORDS: Readonly<Record<'en' | 'de', ReadonlySet<string>>> = {
  en: new Set([
    'the', 'and', 'of', 'to', 'is', 'in', 'that', 'it', 'for', 'was', 'with', 'on', 'as', 'are', 'be', 'this',
    'have', 'from', 'by', 'not', 'or', 'but', 'which', 'you', 'we', 'they', 'at', 'an', 'will', 'would', 'there', 'their',
  ]),
  de: new Set([
    'der', 'die', 'und', 'das', 'ist', 'nicht', 'ein', 'eine', 'zu', 'den', 'von', 'mit', 'sich', 'des', 'auf', 'für',
    'im', 'dem', 'auch', 'es', 'an', 'werden', 'aus', 'er', 'hat', 'dass', 'sie', 'nach', 'wird', 'bei', 'noch', 'wie',
  ]),
};

/** Words examined; the start of a document is representative enough. */
const SAMPLE_WORDS = 5000;
/** Below this many stop-word hits the sample is too small or not prose (a number table). */
const MIN_HITS = 5;

export type GuessedLanguage = 'en' | 'de';

/** 'en', 'de', or undefined when the text is too short, mixed or in another language. */
export function guessLanguage(text: string): GuessedLanguage | undefined {
  const hits = { en: 0, de: 0 };
  let words = 0;
  for (const match of text.matchAll(/\p{L}+/gu)) {
    const word = match[0].toLowerCase();
    if (STOP_WORDS.en.has(word)) hits.en += 1;
    if (STOP_WORDS.de.has(word)) hits.de += 1;
    words += 1;
    if (words >= SAMPLE_WORDS) break;
  }
  const [best, other] = hits.en >= hits.de ? (['en', 'de'] as const) : (['de', 'en'] as const);
  // A clear winner: enough evidence, and at least twice the other language's hits.
  if (hits[best] < MIN_HITS || hits[best] < 2 * hits[other]) return undefined;
  return best;
}
