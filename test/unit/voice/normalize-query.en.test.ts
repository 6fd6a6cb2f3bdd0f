import { describe, expect, it } from 'vitest';
import type { FileKind } from '../../../src/domain/file.ts';
import { normalizeSpokenQuery } from '../../../src/voice/normalize-query.ts';

type Row = [spoken: string, text: string, kinds?: FileKind[]];

const check = ([spoken, text, kinds = []]: Row) => {
  const result = normalizeSpokenQuery(spoken, 'en');
  expect(result.text).toBe(text);
  expect(result.kinds).toEqual(kinds);
  expect(result.terms).toEqual(text === '' ? [] : text.split(' '));
};

describe('normalizeSpokenQuery (en): fillers and politeness', () => {
  it.each<Row>([
    ['um could you pull up the q two financial report please', 'q2 financial report'],
    ["i'm looking for the q2 report thank you", 'q2 report'],
    ['hi um i need the contract for smith and jones', 'contract smith jones'],
    ['do you have the terms and conditions', 'terms conditions'],
    ['where is the acme proposal', 'acme proposal'],
    ["what's the price list", 'price list'],
    ['can you find me the onboarding guide real quick', 'onboarding guide'],
    ['uh so could i get the lease agreement', 'lease agreement'],
    ['I would like to see the board minutes, please.', 'board minutes'],
    ['okay and also the uh travel policy you know', 'travel policy'],
    ['Smith\'s contract', 'smith contract'],
    ['the Müller offer', 'müller offer'],
    ['contract with mr smith', 'contract smith'],
    ['open invoices', 'open invoices'],
    ['check request form', 'check request form'],
    ['pull up report report', 'report'],
    ['um', ''],
    ['please', ''],
    ['', ''],
    ['   ', ''],
  ])('%s -> "%s"', (...row) => check(row));
});

describe('normalizeSpokenQuery (en): quarters and halves', () => {
  it.each<Row>([
    ['Q2 financial report', 'q2 financial report'],
    ['q two financial report', 'q2 financial report'],
    ['cue two sales pipeline', 'q2 sales pipeline'],
    ['queue 2 sales pipeline', 'q2 sales pipeline'],
    ['Q-3 numbers', 'q3 numbers'],
    ['the second quarter report', 'q2 report'],
    ['2nd quarter report', 'q2 report'],
    ['fourth quarter', 'q4'],
    ['quarter four numbers', 'q4 numbers'],
    ['q two twenty twenty four', 'q2 2024'],
    ['the report from q two of twenty twenty four', 'report q2 2024'],
    ['q five report', 'q 5 report'],
    ['h two plan', 'h2 plan'],
    ['aitch one forecast', 'h1 forecast'],
    ['first half forecast', 'h1 forecast'],
    ['second half of twenty twenty five', 'h2 2025'],
    ['h three', 'h 3'],
  ])('%s -> "%s"', (...row) => check(row));
});

describe('normalizeSpokenQuery (en): spelled letters', () => {
  it.each<Row>([
    ['the n d a from acme', 'nda acme'],
    ['n.d.a. acme', 'nda acme'],
    ['N D A', 'nda'],
    ['send me the p o for acme', 'po acme'],
    ['x y z analysis', 'xyz analysis'],
    // A leading "a" is read as the article: "a p o" is a PO, so "a b c" at the start loses its a.
    ['find a p o for acme', 'po acme'],
    ['the analysis a b c', 'analysis abc'],
    ['project x plan', 'project x plan'],
    ['h r policy', 'hr policy'],
  ])('%s -> "%s"', (...row) => check(row));
});

describe('normalizeSpokenQuery (en): numbers', () => {
  it.each<Row>([
    ['invoice forty four seventy one', 'invoice 4471'],
    ['invoice number forty four seventy one', 'invoice 4471'],
    ['invoice no. 4471', 'invoice 4471'],
    ['forty-four seventy-one', '4471'],
    ['budget twenty twenty five', 'budget 2025'],
    ['two thousand twenty four budget', '2024 budget'],
    ['nineteen ninety nine archive', '1999 archive'],
    ['four hundred club', '400 club'],
    ['a hundred day plan', '100 day plan'],
    ['room one oh one', 'room 101'],
    ['order one two three four five', 'order 12345'],
    ['the one from may', ''],
    ['the newest one', 'newest'],
    ['contract 2.5', 'contract 2.5'],
    ['page five and six', 'page 5 6'],
  ])('%s -> "%s"', (...row) => check(row));
});

describe('normalizeSpokenQuery (en): type words become filters', () => {
  it.each<Row>([
    ['uh can you find the spreadsheet', '', ['spreadsheet']],
    ['the excel file with the budget', 'budget', ['spreadsheet']],
    ['q two sales pipeline spreadsheet', 'q2 sales pipeline', ['spreadsheet']],
    ['the csv export', 'export', ['spreadsheet']],
    ['the pdf', '', ['document']],
    ['q2 financial report pdf', 'q2 financial report', ['document']],
    ['word document about onboarding', 'onboarding', ['document']],
    ['text file notes', 'notes', ['text']],
    ['the recording of the call with miller', 'call miller', ['audio']],
    ['voice memo from john', 'john', ['audio']],
    ['photos of the site', 'site', ['image']],
    ['the screenshot or the pdf', '', ['image', 'document']],
    ['spreadsheets and more spreadsheets', 'more', ['spreadsheet']],
  ])('%s -> "%s" %j', (...row) => check(row));
});

/** Spoken, normalised text, then for one term the raw words and written forms kept next to it. */
type OriginalsRow = [spoken: string, text: string, term: string, originals: string[] | undefined];
const checkOriginals = ([spoken, text, term, originals]: OriginalsRow) => {
  const result = normalizeSpokenQuery(spoken, 'en');
  expect(result.text).toBe(text);
  expect(result.originals[term]).toEqual(originals);
  for (const key of Object.keys(result.originals)) expect(result.terms).toContain(key);
};

describe('normalizeSpokenQuery (en): amounts in words', () => {
  it.each<OriginalsRow>([
    ['twelve thousand four hundred dollars', '12400 dollars', '12400', ['12,400', 'twelve', 'thousand', 'four', 'hundred']],
    ['the invoice for twelve thousand four hundred dollars', 'invoice 12400 dollars', '12400', ['12,400', 'twelve', 'thousand', 'four', 'hundred']],
    ['three point five million', '3500000', '3500000', ['3.5', '3,500,000', 'three', 'five', 'million']],
    ['budget of two and a half thousand', 'budget 2500', '2500', ['2.5', '2,500', 'two', 'thousand']],
    ['one and a half million euros', '1500000 euros', '1500000', ['1.5', '1,500,000', 'million']],
    ['five hundred thousand dollars', '500000 dollars', '500000', ['500,000', 'five', 'hundred', 'thousand']],
    ['fifteen grand', '15000', '15000', ['15,000', 'fifteen', 'grand']],
    ['twelve hundred bucks', '1200 dollars', 'dollars', ['bucks']],
    ['a hundred and twenty dollars', '120 dollars', '120', ['hundred', 'twenty']],
    ['version three point two', 'version 3.2', '3.2', ['three', 'two']],
    ['zero point five percent', '0.5 percent', '0.5', ['zero', 'five']],
    // Not amounts: "point" between words, a run of two numbers before "point", "grand" as a word.
    ['the point of sale report', 'point sale report', 'point', undefined],
    ['twenty twenty four point five', '2024 point 5', '2024', ['twenty', 'four']],
    ['the grand hotel', 'grand hotel', 'grand', undefined],
    ['12,400 dollars', '12,400 dollars', '12,400', undefined],
  ])('%s -> "%s"', (...row) => checkOriginals(row));
});

describe('normalizeSpokenQuery (en): the words a term was read from are kept', () => {
  it.each<OriginalsRow>([
    ['invoice forty four seventy one', 'invoice 4471', '4471', ['forty', 'four', 'seventy']],
    ['four thousand four hundred seventy one', '4471', '4471', ['4,471', 'four', 'thousand', 'hundred', 'seventy']],
    ['invoice four four seven one', 'invoice 4471', '4471', ['four', 'seven']],
    ['cue two sales pipeline', 'q2 sales pipeline', 'q2', ['cue', 'two']],
    ['the second quarter report', 'q2 report', 'q2', ['second', 'quarter']],
    ['first half forecast', 'h1 forecast', 'h1', ['first', 'half']],
    ['four seasons venue', '4 seasons venue', '4', ['four']],
    ['twenty twenty five budget', '2025 budget', '2025', ['twenty', 'five']],
    // Single letters and stop words ("one") are never kept: they were no useful match on their own.
    ['the n d a', 'nda', 'nda', undefined],
    ['q2 report', 'q2 report', 'q2', undefined],
    ['invoice 4471', 'invoice 4471', '4471', undefined],
    ['the report', 'report', 'report', undefined],
  ])('%s -> "%s"', (...row) => checkOriginals(row));
});

describe('normalizeSpokenQuery (en): recogniser slips', () => {
  it.each<OriginalsRow>([
    // "for" heard for the first "four" of spoken digits; the reading without the slip stays.
    ['invoice for four seven one', 'invoice 4471', '4471', ['471', 'four', 'seven']],
    ['invoice fore four seven one', 'invoice 4471', '4471', ['471', 'four', 'seven']],
    // A preposition before four digits, an amount or one number stays a preposition.
    ['the invoice for four four seven one', 'invoice 4471', '4471', ['four', 'seven']],
    ['the invoice for twelve thousand dollars', 'invoice 12000 dollars', '12000', ['12,000', 'twelve', 'thousand']],
    ['a table for two', 'table 2', '2', ['two']],
  ])('%s -> "%s"', (...row) => checkOriginals(row));
});

describe('normalizeSpokenQuery (en): questions keep their content words', () => {
  it.each<[spoken: string, text: string, question: boolean]>([
    ['how much was the invoice forty four seventy one', 'invoice 4471', true],
    ['what does the lease say about the notice period', 'lease notice period', true],
    ['how many vacation days do we get', 'vacation days', true],
    ['how long does the warranty last', 'warranty last', true],
    ['when do fire extinguishers expire', 'fire extinguishers expire', true],
    ['who complained about slow delivery', 'complained slow delivery', true],
    ['which supplier delivers on fridays', 'supplier delivers fridays', true],
    ['um what is the hotel limit for travel', 'hotel limit travel', true],
    ['is there a clause about remote work', 'clause remote work', true],
    // Nothing but question and stop words: nothing to search (find says so).
    ['what is it', '', true],
    ['find the lease', 'lease', false],
    ['the invoice for twelve thousand dollars', 'invoice 12000 dollars', false],
  ])('%s -> "%s"', (spoken, text, question) => {
    const result = normalizeSpokenQuery(spoken, 'en');
    expect(result.text).toBe(text);
    expect(result.question).toBe(question);
  });
});

describe('normalizeSpokenQuery (en): letters spelled with a word for them', () => {
  it.each<Row>([
    ['e as in echo', 'e'],
    ['the n as in nancy d a', 'nda'],
    ['p as in peter o for acme', 'po acme'],
    ['p like in paul o', 'po'],
    ['b for bravo', 'b'],
    // The word must start with the letter, else it is a word of the query.
    ['e as in the report', 'e as report'],
    ['contract for acme', 'contract acme'],
  ])('%s -> "%s"', (...row) => check(row));
});

describe('normalizeSpokenQuery (en): ordinals in words', () => {
  it.each<OriginalsRow>([
    ['twenty first century report', '21st century report', '21st', ['twenty', 'first']],
    ['the forty third floor plan', '43rd floor plan', '43rd', ['forty', 'third']],
    ['one hundred twenty fifth street lease', '125th street lease', '125th', ['hundred', 'twenty', 'fifth']],
    // "second" is also the time unit; a lone ordinal stays a word; a date keeps its day.
    ['a thirty second clip', '30 second clip', '30', ['thirty']],
    ['first floor plan', 'first floor plan', 'first', undefined],
    ['the notes from june twenty first', 'notes', 'notes', undefined],
  ])('%s -> "%s"', (...row) => checkOriginals(row));
});
