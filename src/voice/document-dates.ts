/**
 * Dates written in a file's name or text, for date filters ("the minutes from May fourteenth"):
 * ISO (2025-05-14, 2025_05_14), German (14.05.2025, 14. Mai 2025) and English
 * (May 14, 2025; 14 May 2025). Day precision, as UTC midnights. Pure.
 */
const MONTHS: Record<string, number> = {
  january: 1, jan: 1, januar: 1, jänner: 1, february: 2, feb: 2, februar: 2, march: 3, mar: 3, märz: 3, maerz: 3,
  april: 4, apr: 4, may: 5, mai: 5, june: 6, jun: 6, juni: 6, july: 7, jul: 7, juli: 7, august: 8, aug: 8,
  september: 9, sep: 9, sept: 9, october: 10, oct: 10, oktober: 10, okt: 10, november: 11, nov: 11,
  december: 12, dec: 12, dezember: 12, dez: 12,
};
const MONTH_WORDS = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');
const PATTERNS: ReadonlyArray<{ re: RegExp; parts: (m: RegExpMatchArray) => [number, number, number] | null }> = [
  { re: /\b(20\d\d|19\d\d)[-_./](\d{1,2})[-_./](\d{1,2})(?!\d)/g, parts: (m) => [Number(m[1]), Number(m[2]), Number(m[3])] },
  { re: /\b(\d{1,2})\.\s?(\d{1,2})\.\s?(20\d\d|19\d\d)\b/g, parts: (m) => [Number(m[3]), Number(m[2]), Number(m[1])] },
  {
    re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th|\\.)?\\s+(${MONTH_WORDS})\\.?,?\\s+(20\\d\\d|19\\d\\d)\\b`, 'giu'),
    parts: (m) => [Number(m[3]), MONTHS[m[2]!.toLowerCase()] ?? 0, Number(m[1])],
  },
  {
    re: new RegExp(`\\b(${MONTH_WORDS})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(20\\d\\d|19\\d\\d)\\b`, 'giu'),
    parts: (m) => [Number(m[3]), MONTHS[m[1]!.toLowerCase()] ?? 0, Number(m[2])],
  },
];
const MAX_DATES = 50;

/** The distinct valid dates in `text`, in order of appearance, at most 50. */
export function datesInText(text: string): Date[] {
  const seen = new Map<number, Date>();
  for (const { re, parts } of PATTERNS) {
    for (const match of text.matchAll(re)) {
      const ymd = parts(match);
      if (!ymd) continue;
      const [y, m, d] = ymd;
      const date = new Date(Date.UTC(y, m - 1, d));
      if (m < 1 || m > 12 || date.getUTCDate() !== d || date.getUTCMonth() !== m - 1) continue;
      seen.set(date.getTime(), date);
      if (seen.size >= MAX_DATES) return [...seen.values()];
    }
  }
  return [...seen.values()];
}
