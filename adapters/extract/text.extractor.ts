import type { Extractor } from '../../src/ports/extractor.port.ts';
import { ExtractionRejected } from './extraction-errors.ts';
import { buildExtraction } from './extracted-text.ts';
import { DEFAULT_EXTRACT_LIMITS, type ExtractLimits } from './extract-limits.ts';
import { TEXT_MIME_TYPES } from './mime-types.ts';
import { bufferExtractor } from './read-body.ts';
import { countLines, decodePrefix, detectEncoding } from './text-decoding.ts';

const TABULAR = new Set<string>(['text/csv', 'text/tab-separated-values']);
/** NUL bytes in a text file mean it is binary (UTF-16 is detected before this check). */
const BINARY_PROBE_BYTES = 8 * 1024;

/** The header row of a delimited file: the first line split on its most frequent delimiter. */
function headerOf(text: string, mimeType: string): string[] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiters = mimeType === 'text/tab-separated-values' ? ['\t'] : [',', ';', '\t'];
  const counts = delimiters.map((d) => firstLine.split(d).length);
  const delimiter = delimiters[counts.indexOf(Math.max(...counts))]!;
  return firstLine.split(delimiter).slice(0, 256).map((cell) => cell.trim().replace(/^"(.*)"$/, '$1'));
}

/**
 * Plain text, Markdown, JSON, CSV and TSV: detects the encoding (BOM, UTF-8,
 * jschardet), decodes only the prefix the text cap can use, counts lines over the
 * whole file. A million-row CSV costs one pass over its bytes, not a parse.
 */
export function createTextExtractor(limits: Pick<ExtractLimits, 'maxInputBytes'> = DEFAULT_EXTRACT_LIMITS): Extractor {
  return bufferExtractor(TEXT_MIME_TYPES, limits.maxInputBytes, async (data, info) => {
    const detected = detectEncoding(data);
    if (detected.unitBytes === 1 && data.subarray(0, BINARY_PROBE_BYTES).includes(0)) {
      throw new ExtractionRejected('corrupt', 'The text file contains binary data');
    }
    const { text, complete } = decodePrefix(data, detected, info.maxTextBytes);
    const lines = countLines(data, detected);
    const metadata: Record<string, unknown> = { encoding: detected.encoding, lines };
    if (TABULAR.has(info.mimeType)) {
      metadata.rows = lines;
      metadata.header = headerOf(text, info.mimeType);
    }
    return buildExtraction(text, { maxTextBytes: info.maxTextBytes, truncated: !complete, metadata });
  });
}
