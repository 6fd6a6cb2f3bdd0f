import type { DescribedSheet, Describer, Description, DescribeSubject } from '../../src/ports/describer.port.ts';

/** Only the head of a long text is read: the lead, headings and early figures are there. */
const READ_CHARS = 20_000;
const MAX_HEADINGS = 3;
const MAX_FIGURES = 3;
const MAX_SHEETS = 5;
const MAX_COLUMNS = 5;
/** A lead longer than this is cut (transcripts often have no sentence ends at all). */
const MAX_LEAD_WORDS = 30;
const MIN_LEAD_WORDS = 5;

/** "Subject: ...", "From: ...": header lines of e-mails and of attachments' origin notes. */
const HEADER_LINE = /^(?:[A-Z][A-Za-z-]{1,24}|E-mail attachment):\s/;
const MARKDOWN_HEADING = /^#{1,6}\s+(.+?)\s*#*$/;
const NUMBERED_HEADING = /^(?:\d{1,2}(?:\.\d{1,2})*\.?|§\s*\d+|[IVX]{1,4}\.)\s+(\S.*)$/;
/**
 * Sentence ends; a full stop after a day number (a German ordinal, "23. Mai"), a single
 * capital ("J. Smith") or a common abbreviation ("Nr. 4471", "Dr. Weber") is not one.
 */
const SENTENCE_END = /(?<!\b\d{1,2})(?<!\b\p{Lu})(?<!\b(?:Nr|No|Dr|Mr|Mrs|Ms|Prof|St|ca|bzw|inkl|zzgl|vs|etc|Abs|Art|Str|Tel|z\.B|u\.a|e\.g|i\.e))[.!?](?=\s|$)/u;
const FIGURE =
  /(?:(?:[$€£]|\b(?:EUR|USD|GBP|CHF))\s?\d[\d.,]*\d?(?:\s?(?:million|billion|thousand|Mio\.?|Mrd\.?))?|\b\d[\d.,]*\d?\s?(?:%|percent|per cent|Prozent|EUR|USD|GBP|CHF|euros?|dollars?|Euro|€|\$)(?!\w))/giu;

/**
 * Describes a version from what extraction already found, without a network: the
 * first substantive sentence, headings (Markdown, numbered or short title lines),
 * sheet names and their headers, and key figures (amounts, percentages). Pure and
 * fast (well under a millisecond for the 20,000 characters it reads); never rejects.
 */
export class ExtractiveDescriber implements Describer {
  readonly id = 'extractive/1';

  async describe(subject: DescribeSubject): Promise<Description> {
    return describeExtractively(subject);
  }
}

/** The extractive description, synchronously. */
export function describeExtractively(subject: Pick<DescribeSubject, 'kind' | 'mimeType' | 'metadata' | 'text'>): Description {
  const text = subject.text.slice(0, READ_CHARS).replaceAll('\u0000', ' ');
  const sheets = sheetsOf(subject.metadata);
  const tabular = subject.kind === 'spreadsheet' || sheets.length > 0 || /^text\/(?:csv|tab-separated-values)/.test(subject.mimeType);
  const description: Description = { source: 'extractive' };
  if (sheets.length > 0) description.sheets = sheets;
  const figures = figuresOf(text);
  if (figures.length > 0) description.figures = figures;
  if (tabular) return description;
  const lines = text.split(/\r?\n/).map((line) => line.replace(/\s+/g, ' ').trim());
  const headings = headingsOf(lines);
  if (headings.length > 0) description.headings = headings;
  const lead = leadOf(lines, new Set(headings));
  if (lead) description.lead = lead;
  return description;
}

function sheetsOf(metadata: Readonly<Record<string, unknown>>): DescribedSheet[] {
  const columns = (header: unknown): string[] =>
    Array.isArray(header)
      ? header.map((cell) => String(cell ?? '').replace(/\s+/g, ' ').trim()).filter((cell) => cell.length > 0 && cell.length <= 40).slice(0, MAX_COLUMNS)
      : [];
  if (Array.isArray(metadata.sheetDetails)) {
    return (metadata.sheetDetails as Array<{ name?: unknown; header?: unknown }>)
      .slice(0, MAX_SHEETS)
      .map((sheet) => ({ name: typeof sheet.name === 'string' ? sheet.name : null, columns: columns(sheet.header) }));
  }
  if (Array.isArray(metadata.sheets)) return (metadata.sheets as unknown[]).slice(0, MAX_SHEETS).map((name) => ({ name: String(name), columns: [] }));
  if (Array.isArray(metadata.header)) {
    const found = columns(metadata.header);
    return found.length > 0 ? [{ name: null, columns: found }] : [];
  }
  return [];
}

function headingsOf(lines: readonly string[]): string[] {
  const found: string[] = [];
  for (const [i, line] of lines.entries()) {
    if (found.length >= MAX_HEADINGS) break;
    const heading = headingText(line, lines[i - 1] ?? '', lines[i + 1] ?? '');
    if (heading && !found.includes(heading)) found.push(heading);
  }
  return found;
}

/** The heading a line is, or null: Markdown, numbered ("3. Termination"), or a short title line standing alone. */
function headingText(line: string, before: string, after: string): string | null {
  if (!line || line.length > 80 || HEADER_LINE.test(line)) return null;
  const markdown = MARKDOWN_HEADING.exec(line);
  if (markdown) return markdown[1]!;
  const words = line.split(' ');
  if (words.length > 8 || /[.,;:!?]$/.test(line) || !/^[\p{Lu}\p{N}§]/u.test(line) || /\t/.test(line)) return null;
  const numbered = NUMBERED_HEADING.exec(line);
  if (numbered && /^\p{Lu}/u.test(numbered[1]!)) return numbered[1]!;
  const standsAlone = before === '' && (after === '' || after.length > line.length);
  const titled = words.filter((w) => /^[\p{Lu}\p{N}]/u.test(w)).length >= Math.ceil(words.length / 2);
  return standsAlone && titled && words.length >= 1 && /\p{L}{3}/u.test(line) ? line : null;
}

/** The first sentence of at least five words outside headings and header lines, cut to thirty words. */
function leadOf(lines: readonly string[], headings: ReadonlySet<string>): string | null {
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (const line of lines) {
    const skip = !line || HEADER_LINE.test(line) || headings.has(line) || headings.has(MARKDOWN_HEADING.exec(line)?.[1] ?? '') || headings.has(NUMBERED_HEADING.exec(line)?.[1] ?? '');
    if (skip) {
      if (current.length > 0) paragraphs.push(current.join(' '));
      current = [];
    } else current.push(line);
  }
  if (current.length > 0) paragraphs.push(current.join(' '));
  for (const paragraph of paragraphs) {
    let rest = paragraph;
    while (rest) {
      const end = rest.search(SENTENCE_END);
      const sentence = (end === -1 ? rest : rest.slice(0, end + 1)).trim();
      rest = end === -1 ? '' : rest.slice(end + 1).trim();
      const words = sentence.split(' ').filter((w) => /\p{L}/u.test(w));
      if (words.length >= MIN_LEAD_WORDS) return cutWords(sentence, MAX_LEAD_WORDS);
    }
  }
  return null;
}

function cutWords(sentence: string, max: number): string {
  const words = sentence.split(' ');
  if (words.length <= max) return sentence;
  return `${words.slice(0, max).join(' ').replace(/[\s,;:–-]+$/, '')}.`;
}

function figuresOf(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(FIGURE)) {
    const figure = match[0].trim().replace(/[.,]$/, '');
    if (!found.includes(figure)) found.push(figure);
    if (found.length >= MAX_FIGURES) break;
  }
  return found;
}
