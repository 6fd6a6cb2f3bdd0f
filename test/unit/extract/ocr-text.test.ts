import { describe, expect, it } from 'vitest';
import { parseTesseractTsv, tidyOcrText } from '../../../adapters/extract/tesseract.ts';
import { wordAccuracy } from '../../fixtures/generate/ocr.fixture.ts';

const HEADER = 'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';
const word = (page: number, block: number, par: number, line: number, conf: number, text: string): string => `5\t${page}\t${block}\t${par}\t${line}\t1\t0\t0\t1\t1\t${conf}\t${text}`;

describe("Tesseract's TSV back to text", () => {
  it('keeps lines, puts a blank line between paragraphs, and averages word confidence per page', () => {
    const tsv = [
      HEADER,
      '1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t',
      word(1, 1, 1, 1, 96, 'Dr.'),
      word(1, 1, 1, 1, 94, 'Jens'),
      word(1, 1, 1, 1, 92, 'Krause'),
      word(1, 1, 1, 2, 90, 'Vertriebsleiter'),
      word(1, 2, 1, 1, 80, 'Telefon'),
      word(1, 2, 1, 1, 70, '+49'),
      word(2, 1, 1, 1, 50, 'Seite'),
      word(2, 1, 1, 1, 60, 'zwei'),
    ].join('\n');
    expect(parseTesseractTsv(tsv)).toEqual([
      { text: 'Dr. Jens Krause\nVertriebsleiter\n\nTelefon +49', words: 6, confidence: 87 },
      { text: 'Seite zwei', words: 2, confidence: 55 },
    ]);
  });

  it('yields nothing for an empty page and ignores rows that are not words', () => {
    expect(parseTesseractTsv(`${HEADER}\n1\t1\t0\t0\t0\t0\t0\t0\t9\t9\t-1\t\n`)).toEqual([]);
  });

  it.each([
    ['petra.schulz@ example.de', 'petra.schulz@example.de'],
    ['petra.schulz @example.de', 'petra.schulz@example.de'],
    ['mail: a @ b.de', 'mail: a@b.de'],
    ['no address here', 'no address here'],
  ])('joins an e-mail address Tesseract split at the @: %s', (raw, tidy) => {
    expect(tidyOcrText(raw)).toBe(tidy);
  });
});

describe('word accuracy', () => {
  it.each([
    ['the same words', 'The same, words.', 1],
    ['one two three four', 'one too three four', 0.75],
    ['one two three four', 'one two four', 0.75],
    ['one two', 'one two three four five six', 0],
  ])('%s / %s', (source, recognised, expected) => {
    expect(wordAccuracy(source, recognised)).toBeCloseTo(expected, 5);
  });
});
