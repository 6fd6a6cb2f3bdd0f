/**
 * Zip containers (docx, xlsx, ods, odt, odp) read through yauzl, a widely used
 * and fuzzed zip reader that validates every entry's actual size against its
 * declared size. Decompression bombs are refused before any parser inflates
 * anything: first on the central directory's declared sizes (count, total,
 * ratio), then by inflating every entry into a counter that stops at its limit.
 */
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { ExtractionRejected } from './extraction-errors.ts';
import type { ExtractLimits } from './extract-limits.ts';

export type ZipLimits = Pick<ExtractLimits, 'maxUncompressedBytes' | 'maxCompressionRatio' | 'ratioFloorBytes' | 'maxZipEntries'>;

export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  encrypted: boolean;
  method: number;
  /** yauzl's own entry, for reading. */
  readonly handle: yauzl.Entry;
}

export interface ZipArchive {
  readonly entries: readonly ZipEntry[];
  /** The inflated bytes of an entry, refusing (`decompression_bomb`) past `limit` bytes. */
  read(entry: ZipEntry, limit: number): Promise<Buffer>;
  /** Inflate an entry only to count its bytes, refusing past `limit`. */
  measure(entry: ZipEntry, limit: number): Promise<void>;
  close(): void;
}

const STORED = 0;
const DEFLATED = 8;
const LOCAL_HEADER = 0x04034b50;

const corrupt = (why: string, cause?: unknown): ExtractionRejected =>
  new ExtractionRejected('corrupt', `Broken zip container: ${why}`, cause === undefined ? undefined : { cause });

export function looksLikeZip(data: Buffer): boolean {
  return data.length >= 4 && data.readUInt32LE(0) === LOCAL_HEADER;
}

function toEntry(handle: yauzl.Entry): ZipEntry {
  return {
    name: handle.fileName,
    compressedSize: handle.compressedSize,
    uncompressedSize: handle.uncompressedSize,
    encrypted: handle.isEncrypted(),
    method: handle.compressionMethod,
    handle,
  };
}

/** Inflate a stream into a buffer (or only count, `keep` false), failing as a bomb past `limit`. */
function drain(stream: Readable, name: string, limit: number, keep: boolean): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let produced = 0;
    stream.on('data', (chunk: Buffer) => {
      produced += chunk.length;
      if (produced > limit) {
        stream.destroy();
        reject(new ExtractionRejected('decompression_bomb', `${name} inflates past ${limit} bytes`));
      } else if (keep) chunks.push(chunk);
    });
    stream.on('error', (cause: Error) =>
      // yauzl's size validation: an entry inflating past its declared size is a lying directory.
      reject(/too many bytes/i.test(cause.message)
        ? new ExtractionRejected('decompression_bomb', `${name} inflates past its declared size`, { cause })
        : corrupt(`${name} does not inflate (${cause.message})`, cause)),
    );
    stream.on('end', () => resolve(Buffer.concat(chunks, keep ? produced : 0)));
  });
}

/** Open a zip held in memory and list its entries; more than `maxEntries` is a bomb. */
export async function openZip(data: Buffer, maxEntries: number): Promise<ZipArchive> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(data, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true });
  } catch (cause) {
    throw corrupt(cause instanceof Error ? cause.message : String(cause), cause);
  }
  if (zip.entryCount > maxEntries) {
    zip.close();
    throw new ExtractionRejected('decompression_bomb', `Zip has ${zip.entryCount} entries (limit ${maxEntries})`);
  }
  const entries = await new Promise<ZipEntry[]>((resolve, reject) => {
    const found: ZipEntry[] = [];
    zip.on('entry', (handle: yauzl.Entry) => {
      found.push(toEntry(handle));
      zip.readEntry();
    });
    zip.on('end', () => resolve(found));
    zip.on('error', (cause: Error) => reject(corrupt(cause.message, cause)));
    zip.readEntry();
  });
  const open = async (entry: ZipEntry, limit: number): Promise<Readable> => {
    if (entry.uncompressedSize > limit) throw new ExtractionRejected('decompression_bomb', `${entry.name} declares ${entry.uncompressedSize} bytes (limit ${limit})`);
    try {
      return await zip.openReadStreamPromise(entry.handle);
    } catch (cause) {
      throw corrupt(`${entry.name} cannot be opened (${cause instanceof Error ? cause.message : String(cause)})`, cause);
    }
  };
  return {
    entries,
    read: async (entry, limit) => drain(await open(entry, limit), entry.name, limit, true),
    measure: async (entry, limit) => {
      await drain(await open(entry, limit), entry.name, limit, false);
    },
    close: () => zip.close(),
  };
}

/**
 * Refuse zips that would inflate past the limits: first on declared sizes (no
 * inflating at all), then by inflating each entry into a bounded counter (yauzl
 * also fails an entry that inflates to other than its declared size).
 */
export async function assertNoZipBomb(archive: ZipArchive, limits: ZipLimits): Promise<void> {
  let total = 0;
  for (const entry of archive.entries) {
    if (entry.encrypted) throw new ExtractionRejected('encrypted', `Zip entry ${entry.name} is encrypted`);
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
  for (const entry of archive.entries) if (!entry.name.endsWith('/')) await archive.measure(entry, entry.uncompressedSize);
}

/** Open, check for bombs, run `work`, close. */
export async function withCheckedZip<T>(data: Buffer, limits: ZipLimits, work: (archive: ZipArchive) => Promise<T>): Promise<T> {
  const archive = await openZip(data, limits.maxZipEntries);
  try {
    await assertNoZipBomb(archive, limits);
    return await work(archive);
  } finally {
    archive.close();
  }
}
