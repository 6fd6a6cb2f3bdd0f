import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Extractor } from '../../src/ports/extractor.port.ts';
import { ExtractionRejected } from './extraction-errors.ts';
import { buildExtraction } from './extracted-text.ts';
import { DEFAULT_EXTRACT_LIMITS, type ExtractLimits } from './extract-limits.ts';
import { readImageHeader, type ImageHeader } from './image-header.ts';
import { IMAGE_MIME_TYPES } from './mime-types.ts';
import { ocrDeadline, ocrSummary, remainingMs } from './ocr-summary.ts';
import { bufferExtractor } from './read-body.ts';
import { withScratchDir } from './scratch-dir.ts';
import { modelsFor, recognise, type OcrPage } from './tesseract.ts';
import { keepFirstTiffPages, readTiffPages } from './tiff-pages.ts';
import { runTool, toolAvailable } from './tool-process.ts';

type ImageLimits = Pick<ExtractLimits, 'maxInputBytes' | 'maxPages' | 'maxOcrPages' | 'maxImagePixels' | 'toolMemoryMb' | 'toolTimeoutMs'>;

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'image/tiff': 'tif', 'image/heic': 'heic',
};

/** The pixels are checked before any decoder runs: a small file can decode to gigabytes. */
function checkHeader(header: ImageHeader, limits: ImageLimits): void {
  if (header.width <= 0 || header.height <= 0) throw new ExtractionRejected('corrupt', 'The image declares no size');
  const pixels = header.width * header.height;
  if (pixels > limits.maxImagePixels) {
    throw new ExtractionRejected('image_too_large', `The image has ${header.width} x ${header.height} pixels (limit ${limits.maxImagePixels})`);
  }
  if (header.pages > limits.maxPages) throw new ExtractionRejected('too_many_pages', `The image has more than ${limits.maxPages} pages`);
}

/** HEIC has no decoder in Tesseract's image library: libheif's `heif-convert` turns it into PNG first, when installed. */
async function heicToPng(source: string, dir: string, limits: ImageLimits): Promise<string> {
  if (!(await toolAvailable('heif-convert', '--version'))) throw new ExtractionRejected('unsupported', 'No HEIC decoder is installed');
  const target = path.join(dir, 'image.png');
  const run = await runTool('heif-convert', [source, target], { timeoutMs: limits.toolTimeoutMs, maxMemoryMb: limits.toolMemoryMb });
  if (run.timedOut) throw new ExtractionRejected('timeout', 'Decoding the HEIC image took too long');
  if (run.code !== 0) throw new ExtractionRejected('corrupt', 'The HEIC image cannot be decoded');
  return target;
}

/**
 * Photos, scans and business cards (PNG, JPEG, TIFF, WebP, GIF; HEIC where
 * libheif is installed): OCR with Tesseract in the tenant's language with the
 * other as fallback, lines kept so names, phone numbers and addresses stay
 * findable. A multi-page TIFF is cut to `maxOcrPages` before Tesseract sees it.
 */
export function createImageOcrExtractor(limits: ImageLimits = DEFAULT_EXTRACT_LIMITS): Extractor {
  return bufferExtractor(IMAGE_MIME_TYPES, limits.maxInputBytes, async (data, info) => {
    const header = readImageHeader(data, info.mimeType, limits.maxPages);
    checkHeader(header, limits);
    const models = await modelsFor(info.locale ?? 'en');
    if (models === null) throw new ExtractionRejected('unsupported', 'No OCR engine is installed');
    if (limits.maxOcrPages < 1) throw new ExtractionRejected('unsupported', 'OCR is turned off (OCR_MAX_PAGES=0)');
    let input = data;
    let truncated = false;
    if (header.format === 'tiff' && header.pages > limits.maxOcrPages) {
      input = keepFirstTiffPages(data, readTiffPages(data, limits.maxPages), limits.maxOcrPages);
      truncated = true;
    }
    const started = Date.now();
    const pages: OcrPage[] = await withScratchDir(info.scratchDir, async (dir) => {
      let file = path.join(dir, `image.${EXTENSIONS[info.mimeType] ?? 'img'}`);
      await writeFile(file, input, { mode: 0o600 });
      if (header.format === 'heic') file = await heicToPng(file, dir, limits);
      const pagesToRead = Math.min(header.pages, limits.maxOcrPages);
      const timeoutMs = Math.min(limits.toolTimeoutMs * pagesToRead, remainingMs(ocrDeadline(info), limits.toolTimeoutMs * pagesToRead));
      return recognise(file, models, { timeoutMs, maxMemoryMb: limits.toolMemoryMb, cwd: dir });
    });
    const text = pages.map((page) => page.text).join('\n\n');
    return buildExtraction(text, {
      maxTextBytes: info.maxTextBytes,
      truncated,
      metadata: {
        width: header.width,
        height: header.height,
        pages: header.format === 'tiff' ? header.pages : undefined,
        ocr: ocrSummary(pages, models, text, { pagesTotal: header.pages, ms: Date.now() - started }),
      },
    });
  });
}
