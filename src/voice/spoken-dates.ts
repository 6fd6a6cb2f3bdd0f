/**
 * Dates in a spoken query ("may fourteenth", "last week", "im Juni", "vom achtzehnten Juni",
 * "gestern") as a range of days, computed in the tenant's time zone. Pure: `now` and the zone
 * come in. The words found are returned so the caller can take them out of the search terms.
 */
import type { Locale } from '../domain/tenant.ts';
import { calendarDay } from './dates.ts';

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

const RELATIVE: Record<Locale, Record<string, 'today' | 'yesterday' | 'this week' | 'last week' | 'this month' | 'last month'>> = {
  en: { today: 'today', yesterday: 'yesterday', 'this week': 'this week', 'last week': 'last week', 'this month': 'this month', 'last month': 'last month' },
  de: { heute: 'today', gestern: 'yesterday', 'diese woche': 'this week', 'letzte woche': 'last week', 'letzter woche': 'last week', 'diesen monat': 'this month', 'letzten monat': 'last month', 'letzter monat': 'last month' },
};

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/** The first date the tokens name, or null. */
export function readSpokenDates(tokens: readonly string[], locale: Locale, now: Date, timeZone = 'UTC'): SpokenDates | null {
  const today = calendarDay(now, timeZone);
  const base = utc(today.year, today.month, today.day);
  const day = 86_400_000;
  for (let i = 0; i < tokens.length; i++) {
    const two = `${tokens[i]} ${tokens[i + 1] ?? ''}`;
    const relative = RELATIVE[locale][two] ?? RELATIVE[locale][tokens[i]!];
    if (relative) {
      const used = RELATIVE[locale][two] ? [i, i + 1] : [i];
      const weekday = (base.getUTCDay() + 6) % 7;
      const monday = new Date(base.getTime() - weekday * day);
      switch (relative) {
        case 'today': return { from: base, to: base, used };
        case 'yesterday': return { from: new Date(base.getTime() - day), to: new Date(base.getTime() - day), used };
        case 'this week': return { from: monday, to: base, used };
        case 'last week': return { from: new Date(monday.getTime() - 7 * day), to: new Date(monday.getTime() - day), used };
        case 'this month': return { from: utc(today.year, today.month, 1), to: base, used };
        case 'last month': return { from: utc(today.year, today.month - 1, 1), to: utc(today.year, today.month, 0), used };
      }
    }
    const month = MONTHS[locale][tokens[i]!];
    if (month === undefined) continue;
    // The day before the month ("18 juni", "achtzehnten juni") or after it ("may fourteenth", "may 14th").
    const before = dayOf(tokens, i - 1, locale, -1);
    const after = locale === 'en' ? dayOf(tokens, i + 1, locale, 1) : null;
    const found = after ?? before;
    // A month later than this one is last year's (people ask about the past).
    const year = month > today.month || (month === today.month && found !== null && found.day > today.day) ? today.year - 1 : today.year;
    if (found) return { from: utc(year, month, found.day), to: utc(year, month, found.day), used: [...found.used, i].sort((a, b) => a - b) };
    return { from: utc(year, month, 1), to: utc(year, month + 1, 0), used: [i] };
  }
  return null;
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
