import type { Extractor } from '../../src/ports/extractor.port.ts';
import { createAudioMetadataExtractor } from './audio-metadata.extractor.ts';
import { createDocxExtractor } from './docx.extractor.ts';
import { ExtractionRejected } from './extraction-errors.ts';
import { withDefaultLimits, type ExtractLimits } from './extract-limits.ts';
import { createEmlExtractor } from './eml.extractor.ts';
import { createImageOcrExtractor } from './image-ocr.extractor.ts';
import { createMsgExtractor } from './msg.extractor.ts';
import { createOpenDocumentExtractor } from './opendocument.extractor.ts';
import { createRtfExtractor } from './rtf.extractor.ts';
import { createWord97Extractor } from './word97.extractor.ts';
import { createPdfExtractor } from './pdf.extractor.ts';
import { createSheetExtractor } from './sheet.extractor.ts';
import { createTextExtractor } from './text.extractor.ts';

/**
 * All family extractors behind one `Extractor`, chosen by MIME type. Runs the
 * parsers in the calling process: use it inside the isolated child, in tests and
 * in benchmarks; the server should use `createIsolatedExtractor`.
 */
export function createInProcessExtractor(overrides: Partial<ExtractLimits> = {}): Extractor {
  const limits = withDefaultLimits(overrides);
  const families = [
    createPdfExtractor(limits),
    createSheetExtractor(limits),
    createTextExtractor(limits),
    createDocxExtractor(limits),
    createAudioMetadataExtractor(limits),
    createImageOcrExtractor(limits),
    createEmlExtractor(limits),
    createMsgExtractor(limits),
    createOpenDocumentExtractor(limits),
    createRtfExtractor(limits),
    createWord97Extractor(limits),
  ];
  const byMime = new Map<string, Extractor>();
  for (const family of families) for (const mime of family.mimeTypes) byMime.set(mime, family);
  return {
    mimeTypes: [...byMime.keys()],
    async extract(body, info) {
      const family = byMime.get(info.mimeType);
      if (family === undefined) {
        body.destroy();
        throw new ExtractionRejected('unsupported', `No extractor for ${info.mimeType}`);
      }
      return family.extract(body, info);
    },
  };
}
