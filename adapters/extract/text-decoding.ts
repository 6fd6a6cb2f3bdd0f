import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import jschardet from 'jschardet';

/** How the bytes were read: the encoding name (iconv-lite spelling) and whether a BOM was present. */
export interface DetectedEncoding {
  encoding: string;
  bom: boolean;
  /** Bytes per code unit when the encoding is UTF-16; 1 otherwise (for line counting). */
  unitBytes: 1 | 2;
}

const BOMS: readonly [Buffer, string][] = [
  [Buffer.from([0xef, 0xbb, 0xbf]), 'utf8'],
  [Buffer.from([0xff, 0xfe]), 'utf16le'],
  [Buffer.from([0xfe, 0xff]), 'utf16be'],
];
const SAMPLE_BYTES = 64 * 1024;
/** jschardet below this confidence is a guess; Windows-1252 is the better guess for Western text. */
const MIN_CONFIDENCE = 0.2;
const FALLBACK = 'windows-1252';

/** The longest prefix of `sample` that does not end inside a UTF-8 sequence. */
function wholeUtf8Prefix(sample: Buffer): Buffer {
  let end = sample.length;
  for (let back = 1; back <= 3 && end - back >= 0; back += 1) {
    const byte = sample[end - back]!;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    if (need > back) end -= back;
    break;
  }
  return sample.subarray(0, end);
}

function normalise(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (lower === 'ascii' || lower === 'utf-8-sig') return 'utf8';
  return iconv.encodingExists(lower) ? lower : undefined;
}

/** BOM first, then strict UTF-8, then jschardet on a sample, then Windows-1252. */
export function detectEncoding(data: Buffer): DetectedEncoding {
  for (const [bom, encoding] of BOMS) {
    if (data.subarray(0, bom.length).equals(bom)) return { encoding, bom: true, unitBytes: encoding === 'utf8' ? 1 : 2 };
  }
  const sample = data.subarray(0, SAMPLE_BYTES);
  if (isUtf8(data.length > SAMPLE_BYTES ? wholeUtf8Prefix(sample) : sample)) return { encoding: 'utf8', bom: false, unitBytes: 1 };
  const guess = jschardet.detect(sample);
  const encoding = guess.encoding !== null && guess.confidence >= MIN_CONFIDENCE ? normalise(guess.encoding) : undefined;
  const chosen = encoding ?? FALLBACK;
  return { encoding: chosen, bom: false, unitBytes: chosen.startsWith('utf-16') || chosen.startsWith('utf16') ? 2 : 1 };
}

/**
 * Decode only as much as the text cap can use: every code unit yields at least
 * one UTF-8 byte, so `maxTextBytes` code units' worth of input is always enough.
 */
export function decodePrefix(data: Buffer, detected: DetectedEncoding, maxTextBytes: number): { text: string; complete: boolean } {
  const limit = maxTextBytes * detected.unitBytes + (detected.bom ? 3 : 0) + 4;
  const complete = data.length <= limit;
  return { text: iconv.decode(complete ? data : data.subarray(0, limit), detected.encoding, { stripBOM: true }), complete };
}

/** Count lines in the whole file without decoding it (a final line without newline counts). */
export function countLines(data: Buffer, detected: DetectedEncoding): number {
  if (data.length === 0) return 0;
  let lines = 0;
  if (detected.unitBytes === 1) {
    for (let at = data.indexOf(0x0a); at !== -1; at = data.indexOf(0x0a, at + 1)) lines += 1;
    return data[data.length - 1] === 0x0a ? lines : lines + 1;
  }
  const bigEndian = detected.encoding.endsWith('be');
  for (let at = 0; at + 1 < data.length; at += 2) {
    if (bigEndian ? data[at] === 0 && data[at + 1] === 0x0a : data[at] === 0x0a && data[at + 1] === 0) lines += 1;
  }
  const lastIsNewline = bigEndian ? data[data.length - 1] === 0x0a : data[data.length - 2] === 0x0a;
  return lastIsNewline ? lines : lines + 1;
}
