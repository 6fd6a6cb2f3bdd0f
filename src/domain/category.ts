/**
 * Categories of files (issue 10), assigned at processing from the name and the extracted text,
 * in English and German. Pure: a table of cue words per category, scored with the name weighted
 * above the text.
 */

export const CATEGORIES = ['invoice', 'offer', 'contract', 'report', 'minutes', 'policy', 'certificate', 'recording', 'spreadsheet'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Word stems that point to a category (matched at the start of a word, after folding umlauts). */
const CUES: Record<Exclude<Category, 'recording' | 'spreadsheet'>, readonly string[]> = {
  invoice: ['invoice', 'rechnung', 'faktura', 'amount due', 'zahlbar bis', 'rechnungsnummer', 'invoice number', 'gutschrift', 'credit note'],
  offer: ['offer', 'quote', 'quotation', 'angebot', 'kostenvoranschlag', 'proposal', 'estimate'],
  contract: ['contract', 'agreement', 'vertrag', 'vereinbarung', 'nda', 'non-disclosure', 'arbeitsvertrag', 'mietvertrag', 'terms and conditions', 'geheimhaltung'],
  report: ['report', 'bericht', 'quarterly', 'quartalsbericht', 'jahresbericht', 'annual report', 'analysis', 'auswertung'],
  minutes: ['minutes', 'protokoll', 'besprechungsprotokoll', 'sitzungsprotokoll', 'meeting notes', 'niederschrift', 'attendees', 'teilnehmer'],
  policy: ['policy', 'richtlinie', 'policies', 'guideline', 'leitlinie', 'datenschutzerklärung', 'privacy policy', 'code of conduct', 'verhaltenskodex', 'versicherungspolice'],
  certificate: ['certificate', 'zertifikat', 'bescheinigung', 'zeugnis', 'urkunde', 'certification', 'nachweis', 'attest'],
};

const NAME_WEIGHT = 5;
/** Only the start of the text is read: titles and headings carry the cue. */
const TEXT_WINDOW = 4000;

/** Lower-case, umlauts folded (ä -> ae), punctuation as spaces, padded: " rechnung nr 4471 ". */
function fold(value: string): string {
  return ` ${value
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

const FOLDED_CUES = Object.entries(CUES).map(([category, cues]) => ({ category: category as Category, cues: cues.map((cue) => fold(cue).trimEnd()) }));

/** Matches of cue stems at word starts. */
function hits(haystack: string, cue: string): number {
  let count = 0;
  for (let at = haystack.indexOf(cue); at !== -1; at = haystack.indexOf(cue, at + cue.length)) count++;
  return count;
}

/**
 * The category of a file from its name, kind and text, or null when nothing points to one.
 * Audio is a recording and a sheet a spreadsheet unless its words say more (an invoice kept as
 * a spreadsheet is an invoice).
 */
export function classifyCategory(input: { name: string; kind?: string; text?: string }): Category | null {
  const name = fold(input.name.replace(/\.[A-Za-z0-9]{1,8}$/, ''));
  const text = fold((input.text ?? '').slice(0, TEXT_WINDOW));
  let best: { category: Category; score: number } | null = null;
  for (const { category, cues } of FOLDED_CUES) {
    let score = 0;
    for (const cue of cues) score += NAME_WEIGHT * hits(name, cue) + Math.min(hits(text, cue), 5);
    if (score > 0 && (!best || score > best.score)) best = { category, score };
  }
  // One cue word deep in the text is not enough; a cue in the name (or a few in the text) is.
  if (best && best.score >= 2) return best.category;
  if (input.kind === 'audio') return 'recording';
  if (input.kind === 'spreadsheet') return 'spreadsheet';
  return null;
}

/** Tags as stored: trimmed, lower-case, inner spaces collapsed, duplicates dropped, in the given order. */
export function normalizeTags(tags: readonly string[]): { tags: string[]; invalid: string[] } {
  const out: string[] = [];
  const invalid: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim().toLowerCase().replace(/\s+/g, ' ');
    if (!/^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,49}$/u.test(tag)) invalid.push(raw);
    else if (!out.includes(tag)) out.push(tag);
  }
  return { tags: out, invalid };
}

export const MAX_TAGS = 20;
