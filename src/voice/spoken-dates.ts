/**
 * Dates in a spoken query ("may fourteenth", "last week", "im Juni", "vom achtzehnten Juni",
 * "gestern") as a range of days, computed in the tenant's time zone. Pure: `now` and the zone
 * come in. The words found are returned so the caller can take them out of the search terms.
 */
import type { Locale } from '../domain/tenant.ts';
import { calendarDay, type CalendarDay } from './dates.ts';

export interface SpokenDates {
  from: Date;
  to: Date;
  /** Indexes of the tokens that said the date. */
  used: number[];
}

const MONTHS: Record<Locale, Record<string, number>> = {
  en: { january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12 },
  de: { januar: 1, jänner: 1, februar: 2, märz: 3, maerz: 3, april: 4, mai: 5, juni: 6, juli: 7, august: 8, september: 9, oktober: 10, november: 11, dezember: 12 },
};
const EN_UNITS = ['', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth'];
const EN_TEENS = ['tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth'];
const DE_ORDINALS = ['', 'ersten', 'zweiten', 'dritten', 'vierten', 'fünften', 'sechsten', 'siebten', 'achten', 'neunten', 'zehnten', 'elften', 'zwölften',
  'dreizehnten', 'vierzehnten', 'fünfzehnten', 'sechzehnten', 'siebzehnten', 'achtzehnten', 'neunzehnten', 'zwanzigsten'];
const DE_UNITS = ['', 'ein', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun'];

/** Ordinal words of days 1-31 in both languages (the "14th" / "14" forms are read separately). */
const ORDINALS: Record<Locale, Map<string, number>> = { en: new Map(), de: new Map() };
EN_UNITS.forEach((w, i) => i > 0 && ORDINALS.en.set(w, i));
EN_TEENS.forEach((w, i) => ORDINALS.en.set(w, 10 + i));
ORDINALS.en.set('twentieth', 20).set('thirtieth', 30).set('thirty first', 31);
for (let i = 1; i <= 9; i++) ORDINALS.en.set(`twenty ${EN_UNITS[i]}`, 20 + i);
DE_ORDINALS.forEach((w, i) => i > 0 && ORDINALS.de.set(w, i));
for (let i = 1; i <= 9; i++) ORDINALS.de.set(`${DE_UNITS[i]}undzwanzigsten`, 20 + i);
ORDINALS.de.set('dreißigsten', 30).set('einunddreißigsten', 31);

type Relative = 'today' | 'yesterday' | 'day before yesterday' | 'this week' | 'last week' | 'this month' | 'last month'
  | 'this quarter' | 'last quarter' | 'this year' | 'last year';

/** Phrases of relative dates, each with what it means. */
const RELATIVE: Record<Locale, Record<string, Relative>> = {
  en: {
    today: 'today', yesterday: 'yesterday', 'day before yesterday': 'day before yesterday',
    'this week': 'this week', 'last week': 'last week', 'past week': 'last week', 'previous week': 'last week',
    'this month': 'this month', 'last month': 'last month', 'past month': 'last month', 'previous month': 'last month',
    'this quarter': 'this quarter', 'last quarter': 'last quarter', 'previous quarter': 'last quarter',
    'this year': 'this year', 'last year': 'last year', 'past year': 'last year', 'previous year': 'last year',
  },
  de: {
    heute: 'today', gestern: 'yesterday', vorgestern: 'day before yesterday',
    ...forms(['diese', 'dieser'], 'woche', 'this week'), ...forms(['letzte', 'letzter', 'vorige', 'voriger', 'vergangene', 'vergangener'], 'woche', 'last week'),
    ...forms(['diesen', 'diesem'], 'monat', 'this month'), ...forms(['letzten', 'letzter', 'letztem', 'vorigen', 'vorigem', 'vergangenen', 'vergangenem'], 'monat', 'last month'),
    ...forms(['dieses', 'diesem'], 'quartal', 'this quarter'), ...forms(['letztes', 'letzten', 'letztem', 'vorigen', 'voriges', 'vorigem', 'vergangenen', 'vergangenes', 'vergangenem'], 'quartal', 'last quarter'),
    ...forms(['dieses', 'diesem'], 'jahr', 'this year'), ...forms(['letztes', 'letzten', 'letztem', 'voriges', 'vorigen', 'vorigem', 'vergangenes', 'vergangenen', 'vergangenem'], 'jahr', 'last year'),
  },
};
const RELATIVE_LONGEST_FIRST: Record<Locale, string[][]> = {
  en: Object.keys(RELATIVE.en).map((p) => p.split(' ')).sort((a, b) => b.length - a.length),
  de: Object.keys(RELATIVE.de).map((p) => p.split(' ')).sort((a, b) => b.length - a.length),
};

/** Whether a relative date ("this week", "last friday") starts at `at`: request phrases must not take its first word. */
export function relativeDateAt(tokens: readonly string[], at: number, locale: Locale): boolean {
  if (RELATIVE_LONGEST_FIRST[locale].some((words) => words.every((word, k) => tokens[at + k] === word))) return true;
  return LAST[locale].has(tokens[at] ?? '') && WEEKDAYS[locale][tokens[at + 1] ?? ''] !== undefined;
}

function forms(adjectives: readonly string[], noun: string, meaning: Relative): Record<string, Relative> {
  return Object.fromEntries(adjectives.map((adjective) => [`${adjective} ${noun}`, meaning]));
}

/** "last friday", "letzten Freitag": the most recent such day before today. */
const WEEKDAYS: Record<Locale, Record<string, number>> = {
  en: { monday: 0, tuesday: 1, wednesday: 2, thursday: 3, friday: 4, saturday: 5, sunday: 6 },
  de: { montag: 0, dienstag: 1, mittwoch: 2, donnerstag: 3, freitag: 4, samstag: 5, sonnabend: 5, sonntag: 6 },
};
const LAST: Record<Locale, ReadonlySet<string>> = { en: new Set(['last', 'past', 'previous']), de: new Set(['letzten', 'letzter', 'vorigen', 'vergangenen']) };

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const DAY_MS = 86_400_000;

/** The first date the tokens name, or null. */
export function readSpokenDates(tokens: readonly string[], locale: Locale, now: Date, timeZone = 'UTC'): SpokenDates | null {
  const today = calendarDay(now, timeZone);
  const base = utc(today.year, today.month, today.day);
  for (let i = 0; i < tokens.length; i++) {
    const phrase = RELATIVE_LONGEST_FIRST[locale].find((words) => words.every((word, k) => tokens[i + k] === word));
    if (phrase) return { ...relativeRange(RELATIVE[locale][phrase.join(' ')]!, today, base), used: phrase.map((_, k) => i + k) };
    const weekday = LAST[locale].has(tokens[i]!) ? WEEKDAYS[locale][tokens[i + 1] ?? ''] : undefined;
    if (weekday !== undefined) {
      const back = ((base.getUTCDay() + 6) % 7) - weekday;
      const day = new Date(base.getTime() - (back > 0 ? back : back + 7) * DAY_MS);
      return { from: day, to: day, used: [i, i + 1] };
    }
    const month = MONTHS[locale][tokens[i]!];
    if (month === undefined) continue;
    // The day before the month ("18 juni", "achtzehnten juni", "the fourteenth of may") or after it
    // ("may fourteenth", "may the 14th"); a year may follow ("june 2024", "14. mai 2024").
    const of = locale === 'en' && tokens[i - 1] === 'of';
    const before = dayOf(tokens, of ? i - 2 : i - 1, locale, -1);
    const the = locale === 'en' && tokens[i + 1] === 'the';
    const after = locale === 'en' ? dayOf(tokens, the ? i + 2 : i + 1, locale, 1) : null;
    const found = after ? { ...after, used: the ? [i + 1, ...after.used] : after.used } : before ? { ...before, used: of ? [...before.used, i - 1] : before.used } : null;
    const yearAt = Math.max(i, ...(found?.used ?? [])) + 1;
    const yearAfterOf = locale === 'en' && tokens[yearAt] === 'of' ? yearAt + 1 : yearAt;
    const spokenYear = /^(19|20)\d\d$/.test(tokens[yearAfterOf] ?? '') ? Number(tokens[yearAfterOf]) : null;
    const yearUsed = spokenYear === null ? [] : yearAfterOf === yearAt ? [yearAt] : [yearAt, yearAfterOf];
    // Without a year, a month later than this one is last year's (people ask about the past).
    const year = spokenYear ?? (month > today.month || (month === today.month && found !== null && found.day > today.day) ? today.year - 1 : today.year);
    const used = [...(found?.used ?? []), i, ...yearUsed].sort((a, b) => a - b);
    if (found) return { from: utc(year, month, found.day), to: utc(year, month, found.day), used };
    return { from: utc(year, month, 1), to: utc(year, month + 1, 0), used };
  }
  return null;
}

function relativeRange(relative: Relative, today: CalendarDay, base: Date): { from: Date; to: Date } {
  const back = (days: number) => new Date(base.getTime() - days * DAY_MS);
  const monday = back((base.getUTCDay() + 6) % 7);
  const quarterStart = Math.floor((today.month - 1) / 3) * 3 + 1;
  switch (relative) {
    case 'today': return { from: base, to: base };
    case 'yesterday': return { from: back(1), to: back(1) };
    case 'day before yesterday': return { from: back(2), to: back(2) };
    case 'this week': return { from: monday, to: base };
    case 'last week': return { from: new Date(monday.getTime() - 7 * DAY_MS), to: new Date(monday.getTime() - DAY_MS) };
    case 'this month': return { from: utc(today.year, today.month, 1), to: base };
    case 'last month': return { from: utc(today.year, today.month - 1, 1), to: utc(today.year, today.month, 0) };
    case 'this quarter': return { from: utc(today.year, quarterStart, 1), to: base };
    case 'last quarter': return { from: utc(today.year, quarterStart - 3, 1), to: utc(today.year, quarterStart, 0) };
    case 'this year': return { from: utc(today.year, 1, 1), to: base };
    case 'last year': return { from: utc(today.year - 1, 1, 1), to: utc(today.year - 1, 12, 31) };
  }
}

function dayOf(tokens: readonly string[], at: number, locale: Locale, direction: 1 | -1): { day: number; used: number[] } | null {
  const word = tokens[at];
  if (word === undefined) return null;
  const digits = /^(\d{1,2})(?:st|nd|rd|th)?$/.exec(word);
  if (digits) {
    const tens = Number(digits[1]);
    // "june twenty first": the numbers step made "twenty" 20 and left "first".
    const unit = direction === 1 && (tens === 20 || tens === 30) ? ORDINALS[locale].get(tokens[at + 1] ?? '') : undefined;
    if (unit !== undefined && unit <= 9 && tens + unit <= 31) return { day: tens + unit, used: [at, at + 1] };
    return tens <= 31 ? { day: tens, used: [at] } : null;
  }
  if (direction === 1) {
    const pair = `${word} ${tokens[at + 1] ?? ''}`;
    if (ORDINALS[locale].has(pair)) return { day: ORDINALS[locale].get(pair)!, used: [at, at + 1] };
  } else {
    const pair = `${tokens[at - 1] ?? ''} ${word}`;
    if (ORDINALS[locale].has(pair)) return { day: ORDINALS[locale].get(pair)!, used: [at - 1, at] };
  }
  const single = ORDINALS[locale].get(word);
  return single === undefined ? null : { day: single, used: [at] };
}
