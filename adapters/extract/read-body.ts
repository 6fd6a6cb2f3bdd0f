import type { Readable } from 'node:stream';
import type { Extraction, Extractor } from '../../src/ports/extractor.port.ts';
import { ExtractionRejected } from './extraction-errors.ts';

/** What every family extractor receives besides the bytes. */
export interface ExtractInfo {
  mimeType: string;
  size: number;
  maxTextBytes: number;
  /** The tenant's language: the first OCR model tried. */
  locale?: 'en' | 'de';
  /** A private directory for this job's temporary files (page renders, attachments); removed by the parent. */
  scratchDir?: string;
  /**
   * Called when a file turns out to need OCR: the isolated child tells its parent
   * to allow the longer OCR time limit. Returns the epoch ms by which OCR must
   * stop and return what it has read.
   */
  beginOcr?: () => number;
}

/**
 * Buffer a body, refusing it with `too_large` past `maxBytes`. The parsers we use
 * (pdf.js, SheetJS, mammoth) need the whole file in memory; the cap bounds that.
 */
export async function readBody(body: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    total += buffer.length;
    if (total > maxBytes) {
      body.destroy();
      throw new ExtractionRejected('too_large', `The file is larger than ${maxBytes} bytes`);
    }
    chunks.push(buffer);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

/** Wrap a whole-buffer extraction function as a port `Extractor`. */
export function bufferExtractor(
  mimeTypes: readonly string[],
  maxInputBytes: number,
  extractBuffer: (data: Buffer, info: ExtractInfo) => Promise<Extraction>,
): Extractor {
  return {
    mimeTypes,
    async extract(body, info) {
      const data = await readBody(body, maxInputBytes);
      return extractBuffer(data, info);
    },
  };
}
