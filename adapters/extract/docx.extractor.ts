import mammoth from 'mammoth';
import type { Extractor } from '../../src/ports/extractor.port.ts';
import { ExtractionRejected } from './extraction-errors.ts';
import { buildExtraction } from './extracted-text.ts';
import { DEFAULT_EXTRACT_LIMITS, type ExtractLimits } from './extract-limits.ts';
import { DOCX_MIME_TYPES } from './mime-types.ts';
import { isEncryptedOoxml } from './ole-container.ts';
import { bufferExtractor } from './read-body.ts';
import { looksLikeZip, withCheckedZip, type ZipArchive } from './zip-archive.ts';

type DocxLimits = Pick<ExtractLimits, 'maxInputBytes' | 'maxUncompressedBytes' | 'maxCompressionRatio' | 'ratioFloorBytes' | 'maxZipEntries'>;

/** Property parts are small; a bigger one is not worth reading. */
const MAX_PROPS_BYTES = 256 * 1024;

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function xmlText(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`).exec(xml);
  const value = match?.[1]
    ?.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name]!)
    .replace(/&#(x?)([0-9a-f]+);/gi, (_, hex: string, digits: string) => String.fromCodePoint(parseInt(digits, hex ? 16 : 10)))
    .trim();
  return value === '' ? undefined : value;
}

async function readPart(archive: ZipArchive, name: string): Promise<string | undefined> {
  const entry = archive.entries.find((e) => e.name === name);
  if (entry === undefined || entry.uncompressedSize > MAX_PROPS_BYTES) return undefined;
  return (await archive.read(entry, entry.uncompressedSize)).toString('utf8');
}

/** Word .docx: raw text via mammoth; title and author from docProps/core.xml, page count from docProps/app.xml. */
export function createDocxExtractor(limits: DocxLimits = DEFAULT_EXTRACT_LIMITS): Extractor {
  return bufferExtractor(DOCX_MIME_TYPES, limits.maxInputBytes, async (data, info) => {
    if (isEncryptedOoxml(data)) throw new ExtractionRejected('encrypted', 'The document is password-protected');
    if (!looksLikeZip(data)) throw new ExtractionRejected('corrupt', 'A .docx file must be a zip container');
    const [core, app] = await withCheckedZip(data, limits, async (archive) =>
      Promise.all([readPart(archive, 'docProps/core.xml'), readPart(archive, 'docProps/app.xml')]),
    );
    let text: string;
    try {
      text = (await mammoth.extractRawText({ buffer: data })).value;
    } catch (cause) {
      throw new ExtractionRejected('corrupt', `The document cannot be read: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
    const pages = Number(xmlText(app ?? '', 'Pages'));
    return buildExtraction(text.replace(/\n{3,}/g, '\n\n').trim(), {
      maxTextBytes: info.maxTextBytes,
      metadata: {
        title: xmlText(core ?? '', 'dc:title'),
        author: xmlText(core ?? '', 'dc:creator'),
        pages: Number.isInteger(pages) && pages > 0 ? pages : undefined,
      },
    });
  });
}
