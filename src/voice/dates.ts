import type { Locale } from '../domain/tenant.ts';
import { ordinalDigits } from './number-words.ts';

const MONTHS: Record<Locale, readonly string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  de: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
};

/** How a date is said. */
export interface DateSpeechOptions {
  /** IANA time zone in which "today" and the calendar day are judged; default UTC. */
  timeZone?: string;
  /** How precisely to say a date that is not today or yesterday; default 'day'. */
  granularity?: 'day' | 'month';
}

/** A day on the calendar of some time zone. */
export interface CalendarDay {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of an instant in a time zone. Throws a RangeError for an unknown zone. */
export function calendarDay(date: Date, timeZone = 'UTC'): CalendarDay {
  if (timeZone === 'UTC') return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(date);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

type Relation = 'today' | 'yesterday' | 'other';

function relation(day: CalendarDay, today: CalendarDay): Relation {
  const diff = (Date.UTC(today.year, today.month - 1, today.day) - Date.UTC(day.year, day.month - 1, day.day)) / 86_400_000;
  return diff === 0 ? 'today' : diff === 1 ? 'yesterday' : 'other';
}

/** "May 23rd", "May 23rd, 2024", "May", "May 2024" / "23. Mai", "23. Mai 2024", "Mai", "Mai 2024". */
function absolute(locale: Locale, day: CalendarDay, today: CalendarDay, granularity: 'day' | 'month'): string {
  const month = MONTHS[locale][day.month - 1]!;
  const otherYear = day.year !== today.year;
  if (granularity === 'month') return otherYear ? `${month} ${day.year}` : month;
  if (locale === 'de') return `${ordinalDigits(day.day, 'de')} ${month}${otherYear ? ` ${day.year}` : ''}`;
  return `${month} ${ordinalDigits(day.day, 'en')}${otherYear ? `, ${day.year}` : ''}`;
}

/** A date as a short noun phrase: "today", "yesterday", "May 23rd", "May 23rd, 2024" / "heute", "gestern", "23. Mai", "23. Mai 2024". */
export function spokenDay(locale: Locale, date: Date, now: Date, options: DateSpeechOptions = {}): string {
  const timeZone = options.timeZone ?? 'UTC';
  const day = calendarDay(date, timeZone);
  const today = calendarDay(now, timeZone);
  const rel = relation(day, today);
  if (rel === 'today') return locale === 'de' ? 'heute' : 'today';
  if (rel === 'yesterday') return locale === 'de' ? 'gestern' : 'yesterday';
  return absolute(locale, day, today, options.granularity ?? 'day');
}

/** When something happened: "today", "yesterday", "on May 23rd", "on May 23rd, 2024" / "heute", "gestern", "am 23. Mai", "am 23. Mai 2024". */
export function spokenOnDate(locale: Locale, date: Date, now: Date, options: DateSpeechOptions = {}): string {
  const said = spokenDay(locale, date, now, options);
  if (isRelative(locale, said)) return said;
  if (locale === 'de') return options.granularity === 'month' ? `im ${said}` : `am ${said}`;
  return options.granularity === 'month' ? `in ${said}` : `on ${said}`;
}

/** Where something is from: "from today", "from May 23rd", "from May" / "von heute", "vom 23. Mai", "vom Mai". */
export function spokenFromDate(locale: Locale, date: Date, now: Date, options: DateSpeechOptions = {}): string {
  const said = spokenDay(locale, date, now, options);
  if (locale === 'de') return isRelative(locale, said) ? `von ${said}` : `vom ${said}`;
  return `from ${said}`;
}

function isRelative(locale: Locale, said: string): boolean {
  return locale === 'de' ? said === 'heute' || said === 'gestern' : said === 'today' || said === 'yesterday';
}
