/**
 * OCR for the pages of a PDF that have no text layer (scans, photographed
 * documents, "print to image" exports): each such page is rendered by poppler's
 * `pdftoppm` at the resolution of its scan (150-300 dpi; capped so no render is larger than
 * `MAX_RENDER_SIDE` pixels whatever the page size) and read by Tesseract. Pages
 * whose embedded images declare more than `maxImagePixels` are not rendered at all
 * (`pdfimages -list` reads the image dictionaries without decoding them). OCR stops
 * at `maxOcrPages` or the deadline and says how far it got.
 */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExtractLimits } from './extract-limits.ts';
import { remainingMs } from './ocr-summary.ts';
import { modelsFor, recognise, type OcrLocale, type OcrPage } from './tesseract.ts';
import { runTool, toolAvailable } from './tool-process.ts';

type PdfOcrLimits = Pick<ExtractLimits, 'maxOcrPages' | 'maxImagePixels' | 'toolMemoryMb' | 'toolTimeoutMs'>;

const DPI = 300;
const MIN_SCAN_DPI = 150;
/** 300 dpi on A4 is 2480 x 3508; larger pages are rendered at a lower resolution. */
const MAX_RENDER_SIDE = 4200;

export interface PdfOcrResult {
  /** OCR text by page number (1-based). */
  texts: Map<number, string>;
  pages: OcrPage[];
  models: string | null;
  /** Pages not OCRed and why: limit, deadline, image_too_large, unreadable. */
  skipped: Record<string, number>;
}

interface PageImages {
  /** Pixels of the largest image on the page. */
  pixels: number;
  /** Highest resolution an image is shown at on the page (the scan's own dpi). */
  ppi: number;
}

/** The images of each page, from `pdfimages -list` (page num type width height color comp bpc enc interp object ID x-ppi y-ppi ...), read without decoding them. */
async function pageImages(file: string, first: number, last: number, limits: PdfOcrLimits): Promise<Map<number, PageImages>> {
  const run = await runTool('pdfimages', ['-list', '-f', String(first), '-l', String(last), file], { timeoutMs: limits.toolTimeoutMs, maxMemoryMb: limits.toolMemoryMb });
  const pages = new Map<number, PageImages>();
  for (const line of run.stdout.toString('latin1').split('\n').slice(2)) {
    const cells = line.trim().split(/\s+/);
    const page = Number(cells[0]);
    const pixels = Number(cells[3]) * Number(cells[4]);
    const ppi = Math.max(Number(cells[12]) || 0, Number(cells[13]) || 0);
    if (!Number.isFinite(page) || !Number.isFinite(pixels)) continue;
    const known = pages.get(page) ?? { pixels: 0, ppi: 0 };
    pages.set(page, { pixels: Math.max(known.pixels, pixels), ppi: Math.max(known.ppi, ppi) });
  }
  return pages;
}

/** Page sizes in points, from `pdfinfo -f -l` ("Page    3 size: 595.28 x 841.89 pts"). */
async function pageSizes(file: string, first: number, last: number, limits: PdfOcrLimits): Promise<Map<number, number>> {
  const run = await runTool('pdfinfo', ['-f', String(first), '-l', String(last), file], { timeoutMs: limits.toolTimeoutMs, maxMemoryMb: limits.toolMemoryMb });
  const sides = new Map<number, number>();
  for (const match of run.stdout.toString('latin1').matchAll(/^Page\s+(\d+) size: ([\d.]+) x ([\d.]+)/gm)) {
    sides.set(Number(match[1]), Math.max(Number(match[2]), Number(match[3])));
  }
  return sides;
}

/** A scan is rendered at its own resolution (150-300 dpi; more invents no detail), other pages at 300 dpi; never past MAX_RENDER_SIDE. */
function dpiFor(longSidePoints: number | undefined, images: PageImages | undefined): number {
  const wanted = images !== undefined && images.ppi > 0 ? Math.max(MIN_SCAN_DPI, Math.min(DPI, Math.round(images.ppi))) : DPI;
  if (longSidePoints === undefined || !(longSidePoints > 0)) return wanted;
  return Math.max(36, Math.min(wanted, Math.floor((MAX_RENDER_SIDE * 72) / longSidePoints)));
}

/** OCR the listed pages (1-based, ascending) of the PDF in `data`. */
export async function ocrPdfPages(
  data: Buffer,
  pageNumbers: readonly number[],
  options: { dir: string; locale: OcrLocale; deadline: number | undefined; limits: PdfOcrLimits },
): Promise<PdfOcrResult> {
  const { dir, limits } = options;
  const result: PdfOcrResult = { texts: new Map(), pages: [], models: null, skipped: {} };
  const skip = (why: string, count = 1): void => {
    result.skipped[why] = (result.skipped[why] ?? 0) + count;
  };
  const models = await modelsFor(options.locale);
  if (pageNumbers.length === 0) return result;
  if (models === null || !(await toolAvailable('pdftoppm', '-v'))) {
    skip('no_ocr_engine', pageNumbers.length);
    return result;
  }
  result.models = models;
  const chosen = pageNumbers.slice(0, limits.maxOcrPages);
  if (pageNumbers.length > chosen.length) skip('limit', pageNumbers.length - chosen.length);
  const file = path.join(dir, 'document.pdf');
  await writeFile(file, data, { mode: 0o600 });
  const first = chosen[0]!;
  const last = chosen[chosen.length - 1]!;
  const [images, sides] = await Promise.all([pageImages(file, first, last, limits), pageSizes(file, first, last, limits)]);
  for (const [index, page] of chosen.entries()) {
    const left = options.deadline === undefined ? Infinity : options.deadline - Date.now();
    if (left < 2000) {
      skip('deadline', chosen.length - index);
      break;
    }
    if ((images.get(page)?.pixels ?? 0) > limits.maxImagePixels) {
      skip('image_too_large');
      continue;
    }
    const timeoutMs = Math.min(limits.toolTimeoutMs, remainingMs(options.deadline, limits.toolTimeoutMs));
    const prefix = path.join(dir, `page-${page}`);
    const render = await runTool('pdftoppm', ['-f', String(page), '-l', String(page), '-r', String(dpiFor(sides.get(page), images.get(page))), '-gray', '-png', '-singlefile', file, prefix], {
      timeoutMs,
      maxMemoryMb: limits.toolMemoryMb,
    });
    if (render.code !== 0 || render.timedOut) {
      skip(render.timedOut ? 'render_timeout' : 'unreadable');
      continue;
    }
    try {
      const [read] = await recognise(`${prefix}.png`, models, { timeoutMs: Math.min(limits.toolTimeoutMs, remainingMs(options.deadline, limits.toolTimeoutMs)), maxMemoryMb: limits.toolMemoryMb, cwd: dir });
      const ocrPage = read ?? { text: '', words: 0, confidence: 0 };
      result.pages.push(ocrPage);
      result.texts.set(page, ocrPage.text);
    } catch (error) {
      skip((error as { reason?: string }).reason ?? 'unreadable');
    } finally {
      await rm(`${prefix}.png`, { force: true });
    }
  }
  await rm(file, { force: true });
  return result;
}
