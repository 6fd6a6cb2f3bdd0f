import type { Readable } from 'node:stream';

/** One entry of an archive; its bytes are opened only when the archive gets to it. */
export interface ArchiveEntry {
  /** Path inside the archive, `/`-separated, no leading slash. */
  path: string;
  /** Exact byte count (checked against the stream). */
  size: number;
  modifiedAt: Date;
  open(): Promise<Readable>;
}

/** Writes archives (zip) as a stream: entries are read one after another, never held in memory. */
export interface ArchiveWriter {
  /**
   * The archive of `entries`, in order, as a stream; its bytes flow as they are read, with the
   * consumer's backpressure. An entry failing to open or read errors the stream.
   */
  write(entries: AsyncIterable<ArchiveEntry> | Iterable<ArchiveEntry>): Readable;
}
