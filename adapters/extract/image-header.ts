/**
 * Image dimensions read from the header alone, before any decoder sees the
 * pixels: a 30,000 x 30,000 PNG is a few kilobytes on disk and gigabytes once
 * decoded, so the pixel count is checked first. PNG (IHDR), JPEG (SOFn), GIF
 * (logical screen), WebP (VP8/VP8L/VP8X), TIFF (first IFD, see tiff-pages.ts) and
 * HEIC/HEIF (`ispe` property, ISO/IEC 23008-12).
 */
import { ExtractionRejected } from './extraction-errors.ts';
import { readTiffPages } from './tiff-pages.ts';

export interface ImageHeader {
  format: 'png' | 'jpeg' | 'gif' | 'webp' | 'tiff' | 'heic';
  width: number;
  height: number;
  /** Pages (TIFF); 1 for the others. */
  pages: number;
}

const corrupt = (why: string): ExtractionRejected => new ExtractionRejected('corrupt', `The image is damaged: ${why}`);

function png(data: Buffer): ImageHeader {
  if (data.length < 33 || data.toString('latin1', 12, 16) !== 'IHDR') throw corrupt('no PNG header');
  return { format: 'png', width: data.readUInt32BE(16), height: data.readUInt32BE(20), pages: 1 };
}

/** Walk the JPEG markers up to the first start-of-frame (SOF0-SOF15 but DHT, JPG and DAC). */
function jpeg(data: Buffer): ImageHeader {
  let at = 2;
  while (at + 9 < data.length) {
    if (data[at] !== 0xff) throw corrupt('bad JPEG marker');
    const marker = data[at + 1]!;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    const length = data.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { format: 'jpeg', height: data.readUInt16BE(at + 5), width: data.readUInt16BE(at + 7), pages: 1 };
    }
    if (marker === 0xda || length < 2) break;
    at += 2 + length;
  }
  throw corrupt('no JPEG frame header (truncated?)');
}

function gif(data: Buffer): ImageHeader {
  if (data.length < 10) throw corrupt('no GIF header');
  return { format: 'gif', width: data.readUInt16LE(6), height: data.readUInt16LE(8), pages: 1 };
}

function webp(data: Buffer): ImageHeader {
  if (data.length < 30 || data.toString('latin1', 8, 12) !== 'WEBP') throw corrupt('no WebP header');
  const chunk = data.toString('latin1', 12, 16);
  if (chunk === 'VP8 ') return { format: 'webp', width: data.readUInt16LE(26) & 0x3fff, height: data.readUInt16LE(28) & 0x3fff, pages: 1 };
  if (chunk === 'VP8L') {
    const bits = data.readUInt32LE(21);
    return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1, pages: 1 };
  }
  if (chunk === 'VP8X') return { format: 'webp', width: data.readUIntLE(24, 3) + 1, height: data.readUIntLE(27, 3) + 1, pages: 1 };
  throw corrupt(`unknown WebP chunk ${chunk}`);
}

/** The largest `ispe` (image spatial extents) box: the primary image, or the grid it is tiled into. */
function heic(data: Buffer): ImageHeader {
  let best: { width: number; height: number } | undefined;
  for (let at = data.indexOf('ispe', 0, 'latin1'); at !== -1 && at + 16 <= data.length; at = data.indexOf('ispe', at + 4, 'latin1')) {
    const width = data.readUInt32BE(at + 8);
    const height = data.readUInt32BE(at + 12);
    if (best === undefined || width * height > best.width * best.height) best = { width, height };
  }
  if (best === undefined) throw corrupt('no HEIF image extents');
  return { format: 'heic', ...best, pages: 1 };
}

/** Read the header of an image of MIME type `mimeType`; `maxPages` bounds the TIFF page walk. */
export function readImageHeader(data: Buffer, mimeType: string, maxPages: number): ImageHeader {
  switch (mimeType) {
    case 'image/png':
      return png(data);
    case 'image/jpeg':
      return jpeg(data);
    case 'image/gif':
      return gif(data);
    case 'image/webp':
      return webp(data);
    case 'image/heic':
      return heic(data);
    case 'image/tiff': {
      const tiff = readTiffPages(data, maxPages);
      return { format: 'tiff', width: tiff.width, height: tiff.height, pages: tiff.pages };
    }
    default:
      throw new ExtractionRejected('unsupported', `No image reader for ${mimeType}`);
  }
}

/** A JPEG that stops before its end-of-image marker was cut off. */
export function isTruncatedJpeg(data: Buffer): boolean {
  const tail = data.subarray(Math.max(0, data.length - 64));
  return !tail.includes(Buffer.from([0xff, 0xd9]));
}
