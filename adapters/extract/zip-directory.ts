/**
 * A small zip central-directory reader (APPNOTE 6.3.10, 4.3.12-4.3.16), used to
 * refuse decompression bombs before a parser inflates anything: the declared
 * sizes are checked first, then every entry is inflated into a counter that stops
 * the moment an entry produces more than it declared (a lying directory).
 */
import { createInflateRaw } from 'node:zlib';
import { ExtractionRejected } from './extraction-errors.ts';
import type { ExtractLimits } from './extract-limits.ts';

export type ZipLimits = Pick<ExtractLimits, 'maxUncompressedBytes' | 'maxCompressionRatio' | 'ratioFloorBytes'>;

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
const AES = 99;

const corrupt = (why: string): ExtractionRejected => new ExtractionRejected('corrupt', `Broken zip container: ${why}`);

export function looksLikeZip(data: Buffer): boolean {
  return data.length >= 4 && data.readUInt32LE(0) === LOCAL;
}

function findEndOfDirectory(data: Buffer): number {
  const stop = Math.max(0, data.length - 22 - 0xffff);
  for (let at = data.length - 22; at >= stop; at -= 1) if (data.readUInt32LE(at) === EOCD) return at;
  throw corrupt('no end of central directory (truncated?)');
}

function directoryBounds(data: Buffer, eocd: number): { count: number; offset: number } {
  const count = data.readUInt16LE(eocd + 10);
  const offset = data.readUInt32LE(eocd + 16);
  if (count !== 0xffff && offset !== 0xffffffff) return { count, offset };
  const locator = eocd - 20;
  if (locator < 0 || data.readUInt32LE(locator) !== ZIP64_LOCATOR) throw corrupt('zip64 locator missing');
  const record = Number(data.readBigUInt64LE(locator + 8));
  if (record + 56 > data.length || data.readUInt32LE(record) !== ZIP64_EOCD) throw corrupt('zip64 end record missing');
  return { count: Number(data.readBigUInt64LE(record + 32)), offset: Number(data.readBigUInt64LE(record + 48)) };
}

/** Sizes or offset saturated at 0xFFFFFFFF live in the zip64 extra field (id 0x0001), in this order. */
function applyZip64Extra(entry: ZipEntry, extra: Buffer): void {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      const next = (): number => {
        if (field + 8 > at + 4 + size) throw corrupt('short zip64 extra field');
        const value = Number(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
      return;
    }
    at += 4 + size;
  }
}

/** List the entries of a zip. Refuses more than `maxEntries`; a damaged directory is `corrupt`. */
export function readZipDirectory(data: Buffer, maxEntries: number): ZipEntry[] {
  if (data.length < 22) throw corrupt('too short');
  const { count, offset } = directoryBounds(data, findEndOfDirectory(data));
  if (count > maxEntries) throw new ExtractionRejected('decompression_bomb', `Zip has ${count} entries (limit ${maxEntries})`);
  const entries: ZipEntry[] = [];
  for (let at = offset, i = 0; i < count; i += 1) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== CENTRAL) throw corrupt('bad central directory entry');
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    if (at + 46 + nameLength + extraLength > data.length) throw corrupt('central directory runs past the end');
    const entry: ZipEntry = {
      name: data.toString('utf8', at + 46, at + 46 + nameLength),
      flags: data.readUInt16LE(at + 8),
      method: data.readUInt16LE(at + 10),
      compressedSize: data.readUInt32LE(at + 20),
      uncompressedSize: data.readUInt32LE(at + 24),
      localHeaderOffset: data.readUInt32LE(at + 42),
    };
    applyZip64Extra(entry, data.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength));
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The compressed bytes of an entry, located through its local header. */
export function entryData(data: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localHeaderOffset;
  if (at + 30 > data.length || data.readUInt32LE(at) !== LOCAL) throw corrupt(`bad local header for ${entry.name}`);
  const start = at + 30 + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28);
  if (start + entry.compressedSize > data.length) throw corrupt(`${entry.name} runs past the end (truncated?)`);
  return data.subarray(start, start + entry.compressedSize);
}

/** Inflate an entry, failing as a bomb as soon as it produces more than `limit` bytes. */
export async function inflateEntry(data: Buffer, entry: ZipEntry, limit: number, keep: boolean): Promise<Buffer> {
  const compressed = entryData(data, entry);
  if (entry.method === STORED) {
    if (compressed.length > limit) throw new ExtractionRejected('decompression_bomb', `${entry.name} is larger than declared`);
    return compressed;
  }
  const chunks: Buffer[] = [];
  let produced = 0;
  await new Promise<void>((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
    inflate.on('data', (chunk: Buffer) => {
      produced += chunk.length;
      if (produced > limit) {
        inflate.destroy();
        reject(new ExtractionRejected('decompression_bomb', `${entry.name} inflates past ${limit} bytes`));
      } else if (keep) chunks.push(chunk);
    });
    inflate.on('error', (cause) => reject(new ExtractionRejected('corrupt', `${entry.name} does not inflate`, { cause })));
    inflate.on('end', resolve);
    inflate.end(compressed);
  });
  return Buffer.concat(chunks, produced);
}

/**
 * Refuse zips that would inflate past the limits: first on declared sizes (no
 * inflating at all), then by inflating each entry into a bounded counter.
 */
export async function assertNoZipBomb(data: Buffer, entries: readonly ZipEntry[], limits: ZipLimits): Promise<void> {
  let total = 0;
  for (const entry of entries) {
    if ((entry.flags & 1) === 1 || entry.method === AES) throw new ExtractionRejected('encrypted', `Zip entry ${entry.name} is encrypted`);
    if (entry.method !== STORED && entry.method !== DEFLATED) throw new ExtractionRejected('unsupported', `Zip method ${entry.method}`);
    total += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
    if (entry.uncompressedSize > limits.ratioFloorBytes && ratio > limits.maxCompressionRatio) {
      throw new ExtractionRejected('decompression_bomb', `${entry.name} expands ${Math.round(ratio)}:1`);
    }
  }
  if (total > limits.maxUncompressedBytes) {
    throw new ExtractionRejected('decompression_bomb', `Zip expands to ${total} bytes (limit ${limits.maxUncompressedBytes})`);
  }
  for (const entry of entries) await inflateEntry(data, entry, entry.uncompressedSize, false);
}
