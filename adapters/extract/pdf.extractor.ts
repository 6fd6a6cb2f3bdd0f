import { createRequire } from 'node:module';
import path from 'node:path';
// Must stay above the pdf-parse import: it snapshots the builtins pdf.js's polyfills replace.
import { restoreNativeBuiltins } from './native-builtins.ts';
import { InvalidPDFException, PasswordException, FormatError, PDFParse, type LoadParameters } from 'pdf-parse';
import type { Extractor } from '../../src/ports/extractor.port.ts';
import { ExtractionFailed, ExtractionRejected } from './extraction-errors.ts';
import { buildExtraction, TextCollector } from './extracted-text.ts';
import { DEFAULT_EXTRACT_LIMITS, type ExtractLimits } from './extract-limits.ts';
import { PDF_MIME_TYPES } from './mime-types.ts';
import { ocrDeadline, ocrSummary } from './ocr-summary.ts';
import { ocrPdfPages } from './pdf-ocr.ts';
import { bufferExtractor } from './read-body.ts';
import { withScratchDir } from './scratch-dir.ts';

/** Pages handed to pdf-parse per call, so extraction can stop once the text cap is reached. */
const PAGE_BATCH = 25;
/** A complete PDF ends with %%EOF; look for it this far from the end (trailing junk is common). */
const EOF_WINDOW = 4096;

// Predefined CMaps (CJK text) are read from pdfjs-dist's own folder: a local path, never a URL.
const CMAP_DIR = `${path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'cmaps')}/`;

/**
 * pdf.js options for untrusted input: no eval (a hostile Type 4 function or font
 * program cannot become code, CVE-2024-4367), no font-face or system fonts, no
 * worker-side fetch, no WASM image decoders, no XFA. pdf-parse passes these
 * straight through to `getDocument`.
 */
export function safePdfOptions(data: Uint8Array): LoadParameters {
  return {
    data,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    useWasm: false,
    enableXfa: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    cMapUrl: CMAP_DIR,
    cMapPacked: true,
    verbosity: 0,
  };
}

/** A truncated PDF lacks its trailer; pdf.js would try to rebuild it, we refuse instead. */
function assertComplete(data: Buffer): void {
  if (!data.subarray(0, 1024).includes('%PDF-')) throw new ExtractionRejected('corrupt', 'No PDF header');
  if (!data.subarray(Math.max(0, data.length - EOF_WINDOW)).includes('%%EOF')) {
    throw new ExtractionRejected('corrupt', 'No %%EOF marker: the PDF is truncated');
  }
}

function classify(error: unknown): Error {
  if (error instanceof ExtractionRejected) return error;
  if (error instanceof PasswordException) return new ExtractionRejected('encrypted', 'The PDF needs a password', { cause: error });
  if (error instanceof InvalidPDFException || error instanceof FormatError) {
    return new ExtractionRejected('corrupt', `The PDF is malformed: ${error.message}`, { cause: error });
  }
  return new ExtractionFailed('PDF extraction failed', { cause: error });
}

restoreNativeBuiltins();

const infoText = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/**
 * PDF text, page count, title and author via pdf-parse (pdf.js). The page count
 * comes from loading the document (xref and page tree root, no page content), so
 * `too_many_pages` is decided before any page is parsed. Pages without a text
 * layer are OCRed (pdf-ocr.ts); a mixed PDF gets OCR only where a page needs it.
 */
type PdfLimits = Pick<ExtractLimits, 'maxInputBytes' | 'maxPages' | 'maxOcrPages' | 'maxImagePixels' | 'toolMemoryMb' | 'toolTimeoutMs'>;

export function createPdfExtractor(limits: PdfLimits = DEFAULT_EXTRACT_LIMITS): Extractor {
  return bufferExtractor(PDF_MIME_TYPES, limits.maxInputBytes, async (data, info) => {
    assertComplete(data);
    // pdf.js takes ownership of (and may detach) the array it is given: hand it a copy.
    const parser = new PDFParse(safePdfOptions(new Uint8Array(data)));
    try {
      const started = Date.now();
      const document = await parser.getInfo();
      restoreNativeBuiltins(); // pdf.js loads its worker bundle (and its polyfills) on first use
      const pages = document.total;
      if (pages > limits.maxPages) {
        throw new ExtractionRejected('too_many_pages', `The PDF has ${pages} pages (limit ${limits.maxPages})`);
      }
      const texts: string[] = [];
      let bytes = 0;
      for (let first = 1; first <= pages && bytes < info.maxTextBytes; first += PAGE_BATCH) {
        const last = Math.min(pages, first + PAGE_BATCH - 1);
        const batch = await parser.getText({ first, last, pageJoiner: '' });
        for (const page of batch.pages) {
          texts.push(page.text.trim());
          bytes += Buffer.byteLength(page.text, 'utf8');
        }
      }
      // Pages without a text layer (or only whitespace) are scans: OCR them.
      const blank = texts.flatMap((text, index) => (text === '' ? [index + 1] : []));
      const ocr = await withScratchDir(info.scratchDir, (dir) =>
        ocrPdfPages(data, blank, { dir, locale: info.locale ?? 'en', deadline: blank.length > 0 ? ocrDeadline(info) : undefined, limits }),
      );
      const collector = new TextCollector(info.maxTextBytes);
      texts.forEach((text, index) => collector.push(`${ocr.texts.get(index + 1) ?? text}\n\n`));
      if (texts.length < pages || Object.keys(ocr.skipped).length > 0) collector.markTruncated();
      const { text, truncated } = collector.finish();
      const fields = (document.info ?? {}) as Record<string, unknown>;
      const ocrText = [...ocr.texts.values()].join('\n');
      return buildExtraction(text.trimEnd(), {
        maxTextBytes: info.maxTextBytes,
        truncated,
        metadata: {
          pages,
          pagesExtracted: texts.length,
          title: infoText(fields.Title),
          author: infoText(fields.Author),
          scanned: blank.length > 0 && blank.length === texts.length ? true : undefined,
          ocr:
            ocr.models === null && blank.length === 0
              ? undefined
              : { ...ocrSummary(ocr.pages, ocr.models ?? 'none', ocrText, { pagesTotal: blank.length, ms: Date.now() - started }), ...(Object.keys(ocr.skipped).length > 0 ? { skipped: ocr.skipped } : {}) },
        },
      });
    } catch (error) {
      throw classify(error);
    } finally {
      await parser.destroy().catch(() => undefined);
    }
  });
}
