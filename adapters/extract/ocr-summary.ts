import { guessLanguage } from './language-guess.ts';
import type { ExtractInfo } from './read-body.ts';
import type { OcrPage } from './tesseract.ts';

/** What the version's metadata says about OCR (`ocr: {...}`), for describe ("a scanned contract of four pages"). */
export interface OcrSummary {
  /** Pages (or images) that were OCRed. */
  pages: number;
  /** Pages that needed OCR, when more than were read (limits or time). */
  pagesNeeded?: number;
  /** 'en' or 'de' as read from the text, else the first model's language. */
  language: 'en' | 'de';
  /** Tesseract models used, in order: 'deu+eng'. */
  models: string;
  /** Mean word confidence, 0-100. */
  confidence: number;
  words: number;
  ms: number;
}

/** Summarise OCR pages; `pagesTotal` is how many needed OCR. */
export function ocrSummary(pages: readonly OcrPage[], models: string, text: string, extra: { pagesTotal: number; ms: number }): OcrSummary {
  const words = pages.reduce((sum, page) => sum + page.words, 0);
  const confidence = words === 0 ? 0 : pages.reduce((sum, page) => sum + page.confidence * page.words, 0) / words;
  const summary: OcrSummary = {
    pages: pages.length,
    language: guessLanguage(text) ?? (models.startsWith('deu') ? 'de' : 'en'),
    models,
    confidence: Math.round(confidence * 10) / 10,
    words,
    ms: extra.ms,
  };
  if (extra.pagesTotal > pages.length) summary.pagesNeeded = extra.pagesTotal;
  return summary;
}

/** Milliseconds left before `deadline` (epoch ms), or `fallback` without one; never below one second. */
export function remainingMs(deadline: number | undefined, fallback: number): number {
  return Math.max(1000, deadline === undefined ? fallback : deadline - Date.now());
}

/** OCR without an isolated child's budget (tests, benchmarks) may take this long per file. */
const IN_PROCESS_OCR_BUDGET_MS = 10 * 60_000;

/** Start the OCR phase of a job: the deadline by which OCR returns what it has read. */
export function ocrDeadline(info: Pick<ExtractInfo, 'beginOcr'>): number {
  return info.beginOcr?.() ?? Date.now() + IN_PROCESS_OCR_BUDGET_MS;
}
