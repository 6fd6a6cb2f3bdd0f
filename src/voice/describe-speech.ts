import type { Locale } from '../domain/tenant.ts';
import { calendarDay, spokenOnDate, type DateSpeechOptions } from './dates.ts';
import { germanDescribePhrases } from './describe-phrases.de.ts';
import { englishDescribePhrases } from './describe-phrases.en.ts';
import type { DescribeFacts, SpokenContent } from './describe-facts.ts';
import { germanPhrases } from './de.phrases.ts';
import { englishPhrases } from './en.phrases.ts';
import { englishIndefinite, spokenKind, type SpokenKind } from './file-kinds.ts';
import { cardinalWords } from './number-words.ts';
import { spokenDuration } from './spoken-durations.ts';
import { spokenSize } from './sizes.ts';
import { scrubForSpeech, speakableSentence, spokenFileName } from './spoken-text.ts';

export type { DescribeFacts, SpokenContent } from './describe-facts.ts';

/** A model's or the text's sentence is cut to about this many words. */
const MAX_CONTENT_WORDS = 30;
const MAX_LISTED = 3;

/** The facts sentence, already in words: what it is, how long, from when. */
export interface DescribeWords {
  label: string;
  kind: SpokenKind;
  scanned: boolean;
  /** "twenty-four pages" / "vierundzwanzig Seiten" */
  pages?: string;
  /** "about four minutes" */
  duration?: string;
  /** "about two megabytes" */
  size: string;
  /** "on Tuesday", "today", "on May 23rd" / "am Dienstag" */
  when: string;
  /** The version number in words, when there is more than one. */
  version?: string;
  email?: { from?: string; attachments: number };
  attachmentOf?: { from?: string };
}

/** The sentences of a description in one language. */
export interface DescribePhrases {
  facts(words: DescribeWords): string;
  /** "It has three sheets: ..."; lists are at most three long and already joined. */
  sheets(count: number, names: string, columns: string | null): string;
  columns(columns: string): string;
  lead(sentence: string): string;
  headings(list: string): string;
  figures(list: string): string;
  /** "A, B and C" / "A, B und C". */
  list(items: readonly string[]): string;
}

const DESCRIBE: Record<Locale, DescribePhrases> = { en: englishDescribePhrases, de: germanDescribePhrases };
const STATUS = { en: englishPhrases.status, de: germanPhrases.status } as const;

/**
 * At most two sentences about a file: what it is, how long, from when (the version
 * and its day when there are several: "version three, updated on Tuesday"), then
 * either what it still is (being checked, blocked, rejected: the content of a file
 * that is not ready is never described) or what it says.
 */
export function speakFileDescription(locale: Locale, facts: DescribeFacts, now: Date, options: DateSpeechOptions = {}): string {
  const phrases = DESCRIBE[locale];
  const first = phrases.facts(wordsOf(locale, facts, now, options));
  const second = STATUS[locale][facts.status] ?? (facts.content ? contentSentence(phrases, facts.content) : null);
  return second ? `${first} ${second}` : first;
}

function wordsOf(locale: Locale, facts: DescribeFacts, now: Date, options: DateSpeechOptions): DescribeWords {
  const label = facts.title?.trim() ? spokenFileName(facts.title) || spokenFileName(facts.name) : spokenFileName(facts.name);
  const on = (date: Date) => spokenOnDay(locale, date, now, options);
  const pages = typeof facts.pages === 'number' && Number.isInteger(facts.pages) && facts.pages > 0 ? facts.pages : null;
  const duration = typeof facts.durationSeconds === 'number' && Number.isFinite(facts.durationSeconds) && facts.durationSeconds > 0 ? facts.durationSeconds : null;
  const mailDate = facts.email?.date ?? facts.attachmentOf?.date;
  return {
    label,
    kind: spokenKind(locale, facts.kind, facts.mimeType),
    scanned: facts.scanned === true && facts.kind !== 'image',
    ...(pages !== null ? { pages: pagesWords(locale, pages) } : {}),
    ...(duration !== null ? { duration: spokenDuration(locale, duration) } : {}),
    size: spokenSize(locale, facts.size),
    when: on(facts.version > 1 || !mailDate ? facts.uploadedAt : mailDate),
    ...(facts.version > 1 ? { version: numberWord(locale, facts.version) } : {}),
    ...(facts.email ? { email: { ...sender(facts.email.from), attachments: facts.email.attachments } } : {}),
    ...(facts.attachmentOf && facts.version === 1 ? { attachmentOf: sender(facts.attachmentOf.from) } : {}),
  };
}

function sender(from: string | undefined): { from?: string } {
  if (!from) return {};
  // An address is said, not spelled: "petra at example dot com"; a name as it is.
  const spoken = from.includes('@') ? from.replace(/<[^>]*>/g, '').trim() || from : from;
  const words = spoken.includes('@') ? spoken.replace('@', ' at ').replace(/\./g, ' dot ') : spoken.replace(/\s*<[^>]*>\s*/g, ' ');
  const clean = scrubForSpeech(words).slice(0, 80).trim();
  return clean ? { from: clean } : {};
}

function contentSentence(phrases: DescribePhrases, content: SpokenContent): string | null {
  if (content.sentence) return speakableSentence(content.sentence, MAX_CONTENT_WORDS) || null;
  const sheets = (content.sheets ?? []).filter((s) => s.name || s.columns.length > 0);
  const speakable = (items: readonly string[]) => items.map((item) => scrubForSpeech(item)).filter(Boolean).slice(0, MAX_LISTED);
  if (sheets.length > 0) {
    const columns = speakable(sheets[0]!.columns);
    const joined = columns.length > 0 ? phrases.list(columns) : null;
    const names = speakable(sheets.map((s) => s.name ?? ''));
    if (sheets.length > 1 && names.length > 0) return phrases.sheets(sheets.length, phrases.list(names), joined);
    if (joined) return phrases.columns(joined);
  }
  if (content.lead) {
    const lead = speakableSentence(content.lead, MAX_CONTENT_WORDS);
    if (lead) return phrases.lead(lead);
  }
  const headings = speakable(content.headings ?? []);
  if (headings.length > 0) return phrases.headings(phrases.list(headings));
  const figures = speakable(content.figures ?? []);
  if (figures.length > 0) return phrases.figures(phrases.list(figures));
  return null;
}

function pagesWords(locale: Locale, pages: number): string {
  if (locale === 'de') return pages === 1 ? 'eine Seite' : `${numberWord(locale, pages)} Seiten`;
  return pages === 1 ? 'one page' : `${numberWord(locale, pages)} pages`;
}

/** Numbers a listener can take in are said as words; huge ones as digits. */
function numberWord(locale: Locale, n: number): string {
  return n <= 999_999 ? cardinalWords(n, locale) : String(n);
}

const WEEKDAYS: Record<Locale, readonly string[]> = {
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  de: ['Sonntag', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag'],
};

/** "today", "yesterday", "on Tuesday" within the last week, else "on May 23rd" / "am Dienstag", "am 23. Mai". */
export function spokenOnDay(locale: Locale, date: Date, now: Date, options: DateSpeechOptions = {}): string {
  const day = calendarDay(date, options.timeZone);
  const today = calendarDay(now, options.timeZone);
  const dayNumber = Date.UTC(day.year, day.month - 1, day.day);
  const diff = (Date.UTC(today.year, today.month - 1, today.day) - dayNumber) / 86_400_000;
  if (diff >= 2 && diff <= 6) {
    const weekday = WEEKDAYS[locale][new Date(dayNumber).getUTCDay()]!;
    return locale === 'de' ? `am ${weekday}` : `on ${weekday}`;
  }
  return spokenOnDate(locale, date, now, options);
}

/** How a file is named to a model describer: its spoken name, its kind with an article, and its length. */
export function fileForPrompt(locale: Locale, file: { name: string; title: string | null; kind: DescribeFacts['kind']; mimeType: string; pages?: number; durationSeconds?: number; sheetCount?: number }): { name: string; kind: string; facts: string } {
  const label = file.title?.trim() ? spokenFileName(file.title) || spokenFileName(file.name) : spokenFileName(file.name);
  const kind = spokenKind(locale, file.kind, file.mimeType);
  const article = locale === 'de' ? (kind.gender === 'f' ? 'eine' : 'ein') : englishIndefinite(kind.noun);
  const de = locale === 'de';
  const facts =
    file.pages && Number.isInteger(file.pages) && file.pages > 0
      ? de ? ` mit ${file.pages} Seiten` : ` with ${file.pages} pages`
      : file.durationSeconds && file.durationSeconds > 0
        ? de ? `, Dauer ${spokenDuration(locale, file.durationSeconds)}` : `, ${spokenDuration(locale, file.durationSeconds)} long`
        : file.sheetCount && file.sheetCount > 0
          ? de ? ` mit ${file.sheetCount} Blättern` : ` with ${file.sheetCount} sheets`
          : '';
  return { name: label || (de ? 'ohne Namen' : 'without a name'), kind: `${article} ${kind.noun}`, facts };
}
