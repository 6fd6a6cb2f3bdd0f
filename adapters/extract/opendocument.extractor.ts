import sax from 'sax';
import type { Extractor } from '../../src/ports/extractor.port.ts';
import { ExtractionRejected } from './extraction-errors.ts';
import { buildExtraction, TextCollector } from './extracted-text.ts';
import { DEFAULT_EXTRACT_LIMITS, type ExtractLimits } from './extract-limits.ts';
import { OPENDOCUMENT_MIME_TYPES } from './mime-types.ts';
import { bufferExtractor } from './read-body.ts';
import { looksLikeZip, withCheckedZip, type ZipArchive } from './zip-archive.ts';

type OdfLimits = Pick<ExtractLimits, 'maxInputBytes' | 'maxUncompressedBytes' | 'maxCompressionRatio' | 'ratioFloorBytes' | 'maxZipEntries'>;

/** Elements that end a line of text (ODF 1.3 part 3, 5.1 and 5.3). */
const BLOCKS = new Set(['text:p', 'text:h', 'text:list-item', 'table:table-row', 'draw:frame']);
const MAX_META_BYTES = 256 * 1024;

interface ContentText {
  text: string;
  truncated: boolean;
  /** draw:page elements: slides of a presentation. */
  slides: number;
}

/** Walk content.xml with a streaming parser: text, spaces (text:s), tabs and line breaks; slides counted. */
function readContent(xml: string, maxBytes: number): ContentText {
  const collector = new TextCollector(maxBytes);
  const parser = sax.parser(true, { trim: false, normalize: false });
  let slides = 0;
  let line = '';
  const endLine = (): void => {
    if (line.trim() !== '') collector.push(`${line.trim()}\n`);
    line = '';
  };
  parser.onopentag = (tag) => {
    if (tag.name === 'draw:page') {
      slides += 1;
      endLine();
      if (slides > 1) collector.push('\n');
    } else if (tag.name === 'text:s') line += ' '.repeat(Math.min(Number(tag.attributes['text:c'] ?? 1) || 1, 100));
    else if (tag.name === 'text:tab') line += '\t';
    else if (tag.name === 'text:line-break') endLine();
  };
  parser.onclosetag = (name) => {
    if (BLOCKS.has(name)) endLine();
    else if (name === 'table:table-cell') line += '\t';
  };
  parser.ontext = (text) => {
    if (!collector.full) line += text;
  };
  parser.onerror = (cause) => {
    throw new ExtractionRejected('corrupt', `The document's content is not well-formed XML: ${cause.message.split('\n')[0]}`, { cause });
  };
  parser.write(xml).close();
  endLine();
  const { text, truncated } = collector.finish();
  return { text: text.replace(/\n{3,}/g, '\n\n').trim(), truncated, slides };
}

/** Title, author and page count from meta.xml (a handful of elements; a regex is enough). */
function readMeta(xml: string): { title?: string; author?: string; pages?: number } {
  const value = (tag: string): string | undefined => {
    const found = new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`).exec(xml)?.[1]?.trim();
    return found ? found.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&') : undefined;
  };
  const pages = Number(/meta:page-count="(\d+)"/.exec(xml)?.[1]);
  return { title: value('dc:title'), author: value('dc:creator') ?? value('meta:initial-creator'), ...(pages > 0 ? { pages } : {}) };
}

async function part(archive: ZipArchive, name: string, limit: number): Promise<string | undefined> {
  const entry = archive.entries.find((e) => e.name === name);
  return entry === undefined ? undefined : (await archive.read(entry, limit)).toString('utf8');
}

/**
 * OpenDocument text (.odt) and presentations (.odp): our own small reader over
 * the zip (yauzl, bomb checks first) and a streaming XML parser (sax) over
 * content.xml. (.ods goes to the spreadsheet extractor.)
 */
export function createOpenDocumentExtractor(limits: OdfLimits = DEFAULT_EXTRACT_LIMITS): Extractor {
  return bufferExtractor(OPENDOCUMENT_MIME_TYPES, limits.maxInputBytes, async (data, info) => {
    if (!looksLikeZip(data)) throw new ExtractionRejected('corrupt', 'An OpenDocument file must be a zip container');
    return withCheckedZip(data, limits, async (archive) => {
      if (archive.entries.some((entry) => entry.name === 'META-INF/manifest.xml') && (await part(archive, 'META-INF/manifest.xml', MAX_META_BYTES))?.includes('manifest:encryption-data')) {
        throw new ExtractionRejected('encrypted', 'The document is password-protected');
      }
      const content = await part(archive, 'content.xml', limits.maxUncompressedBytes);
      if (content === undefined) throw new ExtractionRejected('corrupt', 'The document has no content.xml');
      const meta = readMeta((await part(archive, 'meta.xml', MAX_META_BYTES)) ?? '');
      const read = readContent(content, info.maxTextBytes);
      const presentation = info.mimeType === 'application/vnd.oasis.opendocument.presentation';
      return buildExtraction(read.text, {
        maxTextBytes: info.maxTextBytes,
        truncated: read.truncated,
        metadata: { title: meta.title, author: meta.author, pages: presentation ? undefined : meta.pages, slides: presentation ? read.slides : undefined },
      });
    });
  });
}
