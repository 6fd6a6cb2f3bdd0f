/**
 * Whether the caller's words are a yes to a read-back question (VOICE.md, "Sharing
 * needs a spoken yes"). Anything that is not clearly a yes is a no: a "no", "wait",
 * "nein" or "stop" anywhere wins over a yes ("yes, no wait"), and words that are
 * neither do not count as consent. Pure.
 */
import type { Locale } from '../domain/tenant.ts';

const YES: Readonly<Record<Locale, readonly string[]>> = {
  en: ['yes', 'yeah', 'yep', 'yup', 'sure', 'ok', 'okay', 'correct', 'right', 'please', 'go ahead', 'do it', 'send it', 'share it', 'that is right', "that's right", 'absolutely', 'definitely', 'of course', 'affirmative', 'uh huh', 'yes please'],
  de: ['ja', 'jawohl', 'jap', 'genau', 'gerne', 'gern', 'bitte', 'richtig', 'okay', 'ok', 'einverstanden', 'mach das', 'machen sie das', 'schick', 'schicken sie', 'senden sie', 'klar', 'natürlich', 'sicher', 'in ordnung', 'passt', 'stimmt'],
};

const NO: Readonly<Record<Locale, readonly string[]>> = {
  en: ['no', 'nope', 'nah', 'not', "don't", 'dont', 'do not', 'wait', 'stop', 'cancel', 'hold on', 'hang on', 'never mind', 'nevermind', 'wrong', 'later', 'negative', 'actually'],
  de: ['nein', 'nee', 'ne', 'nicht', 'kein', 'keine', 'warte', 'warten', 'moment', 'halt', 'stopp', 'stop', 'abbrechen', 'falsch', 'später', 'doch nicht', 'lieber nicht'],
};

export type Consent = 'yes' | 'no';

function words(text: string): string[] {
  return text.toLowerCase().normalize('NFC').replace(/[^\p{L}\p{N}'\s]+/gu, ' ').split(/\s+/).filter(Boolean);
}

function contains(tokens: readonly string[], phrase: string): boolean {
  const parts = phrase.split(' ');
  for (let i = 0; i + parts.length <= tokens.length; i++) if (parts.every((p, j) => tokens[i + j] === p)) return true;
  return false;
}

/** `yes` only for a clear yes with no word of refusal or hesitation, in the tenant's language or English. */
export function consentOf(utterance: string, locale: Locale): Consent {
  const tokens = words(utterance);
  const languages: Locale[] = locale === 'en' ? ['en'] : [locale, 'en'];
  if (languages.some((l) => NO[l].some((phrase) => contains(tokens, phrase)))) return 'no';
  return languages.some((l) => YES[l].some((phrase) => contains(tokens, phrase))) ? 'yes' : 'no';
}
