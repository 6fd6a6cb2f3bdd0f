import type { ErrorCode } from '../domain/errors.ts';
import type { FileKind, VersionStatus } from '../domain/file.ts';
import type { Locale } from '../domain/tenant.ts';
import { spokenDay, spokenFromDate } from './dates.ts';
import { germanPhrases } from './de.phrases.ts';
import { englishPhrases } from './en.phrases.ts';
import { spokenKind } from './file-kinds.ts';
import { spokenSize } from './sizes.ts';
import type { Phrases, SpokenItem } from './speech-phrases.ts';
import { speakableSentence, spokenFileName } from './spoken-text.ts';

export { spokenFileName } from './spoken-text.ts';

/** Never more results than this are said aloud. */
export const MAX_SPOKEN_RESULTS = 3;

const PHRASES: Record<Locale, Phrases> = { en: englishPhrases, de: germanPhrases };

/** The facts about a file that speech is made from. */
export interface SpokenFile {
  name: string;
  title: string | null;
  kind: FileKind;
  mimeType: string;
  size: number;
  createdAt: Date;
  versionCount: number;
  status: VersionStatus;
}

/** Settings for rendering speech. */
export interface SpeechOptions {
  /** IANA time zone for "today", "yesterday" and calendar dates; default UTC. */
  timeZone?: string;
}

/** The name to say: the title when there is one, else the file name, both cleaned for speech. */
export function spokenLabel(file: { name: string; title: string | null }): string {
  const fromTitle = file.title?.trim() ? spokenFileName(file.title) : '';
  return fromTitle || spokenFileName(file.name);
}

/**
 * What to say about search results: a blame-free request for more detail when
 * nothing matched; the file for one match; the distinguishing facts (kind,
 * month or day, size if still needed) for two or three; the top three and how
 * many more otherwise. `more` is how many matched beyond `hits` (a number) or
 * that an unknown number did (true). Never says more than three results.
 */
export function speakFindResults(
  locale: Locale,
  hits: readonly SpokenFile[],
  now: Date,
  more: boolean | number = false,
  options: SpeechOptions = {},
): string {
  const phrases = PHRASES[locale];
  if (hits.length === 0) return phrases.noMatch;
  const shown = hits.slice(0, MAX_SPOKEN_RESULTS);
  const rest = hits.length - shown.length + (typeof more === 'number' ? more : 0);
  if (more === true) return phrases.several(listItems(locale, shown, now, options));
  if (rest > 0) return phrases.many(listItems(locale, shown, now, options), shown.length + rest, rest);
  if (shown.length > 1) return phrases.choice(listItems(locale, shown, now, options));
  const hit = shown[0]!;
  const item: SpokenItem = {
    label: spokenLabel(hit),
    kind: spokenKind(locale, hit.kind, hit.mimeType),
    from: spokenFromDate(locale, hit.createdAt, now, options),
  };
  return joinSentences([phrases.one(item), phrases.status[hit.status]]);
}

/** A spoken find result: the file's facts, and the sentence that matched the query, if any. */
export interface SpokenHit extends SpokenFile {
  score: number;
  matched?: string;
}

/** A result wins clearly when its score is at least this many times the next one's. */
const CLEAR_WIN = 1.5;
/** The matched sentence is cut to about this many words. */
const MAX_MATCHED_WORDS = 30;

/**
 * What to say for a search: nothing found asks one useful question; a result that clearly
 * outscores the rest is said alone (with the sentence that answers a question about content);
 * otherwise up to three are named by what tells them apart, and the caller is asked to choose.
 */
export function speakFindAnswer(
  locale: Locale,
  hits: readonly SpokenHit[],
  now: Date,
  options: SpeechOptions & { more?: boolean; question?: boolean } = {},
): string {
  const phrases = PHRASES[locale];
  const [top, next] = hits;
  if (!top) return phrases.noMatch;
  const wins = !next || top.score >= next.score * CLEAR_WIN;
  if (!wins) return speakFindResults(locale, hits, now, options.more ?? false, options);
  const said = speakFindResults(locale, [top], now, false, options);
  const sentence = options.question && top.matched ? speakableSentence(top.matched.replace(/^… |…$/g, ''), MAX_MATCHED_WORDS) : '';
  return joinSentences([said, sentence ? phrases.says(sentence) : null]);
}

/** Results as list items, said only as precisely as needed to tell them apart. */
function listItems(locale: Locale, hits: readonly SpokenFile[], now: Date, options: SpeechOptions): SpokenItem[] {
  const base = hits.map((hit) => ({ hit, label: spokenLabel(hit), kind: spokenKind(locale, hit.kind, hit.mimeType) }));
  const key = (b: (typeof base)[number], granularity: 'day' | 'month') =>
    [b.label.toLowerCase(), b.kind.noun, spokenDay(locale, b.hit.createdAt, now, { ...options, granularity })].join('|');
  const granularity = hasDuplicates(base.map((b) => key(b, 'month'))) ? 'day' : 'month';
  const withSize = hasDuplicates(base.map((b) => key(b, 'day')));
  return base.map((b) => ({
    label: b.hit.status === 'unscanned' ? `${b.label} ${PHRASES[locale].unscannedNote}` : b.label,
    kind: b.kind,
    from: spokenFromDate(locale, b.hit.createdAt, now, { ...options, granularity }),
    ...(withSize ? { size: spokenSize(locale, b.hit.size) } : {}),
  }));
}

function hasDuplicates(keys: readonly string[]): boolean {
  return new Set(keys).size < keys.length;
}

/** A short, blame-free sentence for a failed tool call. */
export function speakError(locale: Locale, code: ErrorCode): string {
  return PHRASES[locale].errors[code] ?? PHRASES[locale].errors.internal;
}

function joinSentences(sentences: ReadonlyArray<string | null>): string {
  return sentences.filter((s): s is string => Boolean(s)).join(' ');
}
