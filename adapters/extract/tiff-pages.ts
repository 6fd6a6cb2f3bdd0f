/**
 * TIFF pages (TIFF 6.0 section 2; BigTIFF): a TIFF is a linked list of image
 * file directories, one per page. The list is walked without decoding anything,
 * with a bound and loop detection (a directory pointing back at an earlier one is
 * a classic way to hang a reader), and can be cut after the first pages by
 * zeroing one "next directory" offset, so the OCR tool only ever sees the pages
 * we mean to read.
 */
import { ExtractionRejected } from './extraction-errors.ts';

export interface TiffPages {
  /** Pages counted, at most `maxPages + 1` (more means "too many"). */
  pages: number;
  /** Dimensions of the first page. */
  width: number;
  height: number;
  /** Byte offset of each counted directory's "next" pointer. */
  nextPointers: number[];
  big: boolean;
}

const corrupt = (why: string): ExtractionRejected => new ExtractionRejected('corrupt', `The TIFF is damaged: ${why}`);

interface Reader {
  u16(at: number): number;
  u32(at: number): number;
  offset(at: number): number;
}

function readerFor(data: Buffer): { read: Reader; big: boolean } {
  const order = data.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') throw corrupt('no byte-order mark');
  const le = order === 'II';
  const u16 = (at: number): number => (le ? data.readUInt16LE(at) : data.readUInt16BE(at));
  const u32 = (at: number): number => (le ? data.readUInt32LE(at) : data.readUInt32BE(at));
  const u64 = (at: number): number => Number(le ? data.readBigUInt64LE(at) : data.readBigUInt64BE(at));
  const magic = u16(2);
  if (magic !== 42 && magic !== 43) throw corrupt('bad magic number');
  const big = magic === 43;
  return { read: { u16, u32, offset: big ? u64 : u32 }, big };
}

function dimension(read: Reader, entry: number, big: boolean): number {
  const type = read.u16(entry + 2);
  const value = entry + (big ? 12 : 8);
  return type === 3 ? read.u16(value) : read.u32(value);
}

/** Count the pages (up to `maxPages + 1`) and read the first page's size. */
export function readTiffPages(data: Buffer, maxPages: number): TiffPages {
  if (data.length < 16) throw corrupt('too short');
  const { read, big } = readerFor(data);
  const entrySize = big ? 20 : 12;
  const countSize = big ? 8 : 2;
  const pointerSize = big ? 8 : 4;
  const seen = new Set<number>();
  const nextPointers: number[] = [];
  let width = 0;
  let height = 0;
  let ifd = read.offset(big ? 8 : 4);
  while (ifd !== 0 && nextPointers.length <= maxPages) {
    if (seen.has(ifd)) throw corrupt('its page directories form a loop');
    seen.add(ifd);
    if (ifd + countSize > data.length) throw corrupt('a page directory lies past the end (truncated?)');
    const count = big ? read.offset(ifd) : read.u16(ifd);
    const next = ifd + countSize + count * entrySize;
    if (next + pointerSize > data.length) throw corrupt('a page directory runs past the end (truncated?)');
    if (nextPointers.length === 0) {
      for (let i = 0; i < count; i += 1) {
        const entry = ifd + countSize + i * entrySize;
        const tag = read.u16(entry);
        if (tag === 256) width = dimension(read, entry, big);
        if (tag === 257) height = dimension(read, entry, big);
      }
    }
    nextPointers.push(next);
    ifd = read.offset(next);
  }
  if (nextPointers.length === 0) throw corrupt('no pages');
  return { pages: nextPointers.length, width, height, nextPointers, big };
}

/** A copy of the TIFF that ends after its first `keep` pages. */
export function keepFirstTiffPages(data: Buffer, tiff: TiffPages, keep: number): Buffer {
  if (keep >= tiff.pages) return data;
  const copy = Buffer.from(data);
  copy.fill(0, tiff.nextPointers[keep - 1]!, tiff.nextPointers[keep - 1]! + (tiff.big ? 8 : 4));
  return copy;
}
