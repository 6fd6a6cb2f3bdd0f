import { ACCEPTED_TYPES, extensionOf } from '../domain/file-types.ts';

/** Longest spoken file name, in words; longer names are cut. */
export const MAX_NAME_WORDS = 8;

const URL = /\b(?:https?:\/\/|www\.)\S+/gi;
const UUID = /\b[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\b/gi;
/** Hex runs long enough to be a hash or an id (a mix of digits and letters, 12+ characters). */
const HEX_ID = /\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{12,}\b/gi;

/** Removes what must never be read aloud: URLs, UUIDs, hashes and long hex ids. */
export function scrubForSpeech(text: string): string {
  return text.replace(URL, ' ').replace(UUID, ' ').replace(HEX_ID, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * A file name as it should be said: without its extension, copy markers
 * ("(1)"), separators (underscores, hyphens, dots between words) and anything
 * unspeakable (ids, hashes, URLs); camelCase split when the name has no other
 * separators; cut to eight words. "q2_financial-report.pdf" -> "q2 financial report".
 * May return "" when nothing speakable is left.
 */
export function spokenFileName(name: string): string {
  let spoken = name.normalize('NFC').trim();
  const extension = extensionOf(spoken);
  if (extension && ACCEPTED_TYPES[extension]) spoken = spoken.slice(0, -(extension.length + 1));
  spoken = spoken.replace(/\s*(?:\(\d+\)|\[\d+\])\s*$/, '');
  const separated = /[\s_.-]/.test(spoken);
  spoken = scrubForSpeech(spoken.replace(/_+/g, ' '));
  if (!separated) spoken = spoken.replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2');
  spoken = spoken
    .replace(/([\p{L}\p{N}])\.(?=\p{L})/gu, '$1 ')
    .replace(/[\-–—()[\]{}]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return truncateWords(spoken, MAX_NAME_WORDS);
}

/** The first `max` words of a text. */
export function truncateWords(text: string, max: number): string {
  const words = text.split(/\s+/).filter(Boolean);
  return words.slice(0, max).join(' ');
}

/**
 * The first sentence of a free text (such as a summary), ready to be said:
 * scrubbed, cut to at most `maxWords` words, ending in a full stop.
 * "" when nothing speakable is left.
 */
export function speakableSentence(text: string, maxWords: number): string {
  const clean = scrubForSpeech(text);
  // A full stop after a digit is a German ordinal ("am 23. Mai"), and one after a common
  // abbreviation ("Nr. 4471", "Dr. Weber") is part of the sentence, not its end.
  const end = clean.search(/(?<!\d)(?<!\b(?:Nr|No|Dr|Mr|Mrs|Ms|Prof|St|ca|bzw|inkl|zzgl|vs|etc|Abs|Art|Str|Tel|z\.B|u\.a|e\.g|i\.e))[.!?](?:\s|$)/);
  const first = end === -1 ? clean : clean.slice(0, end + 1);
  const words = first.split(' ').filter(Boolean);
  let cut = words.slice(0, maxWords).join(' ').replace(/[\s,;:–-]+$/, '');
  if (!cut) return '';
  if (!/[.!?]$/.test(cut)) cut += '.';
  return cut;
}
