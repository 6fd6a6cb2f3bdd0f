import { PassThrough, type Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { ArchiveEntry, ArchiveWriter } from '../../src/ports/archive-writer.port.ts';

/**
 * Zip archives with yazl, streamed. Entries are stored, not deflated: what we export is mostly
 * compressed already (PDF, Office, images, audio), and storing keeps the export near copy speed.
 * Each entry is added once the previous one has been read to its end, so at most one blob
 * stream is open at a time and nothing waits in memory beyond the streams' own buffers.
 */
export class YazlArchiveWriter implements ArchiveWriter {
  write(entries: AsyncIterable<ArchiveEntry> | Iterable<ArchiveEntry>): Readable {
    const zip = new ZipFile();
    const output = new PassThrough();
    zip.outputStream.on('error', (error) => output.destroy(error));
    zip.outputStream.pipe(output);
    const fail = (error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error)));
    void (async () => {
      for await (const entry of entries) {
        if (output.destroyed) return;
        await new Promise<void>((resolve, reject) => {
          zip.addReadStreamLazy(entry.path, { mtime: entry.modifiedAt, compress: false, size: entry.size }, (cb) => {
            entry.open().then(
              (stream) => {
                stream.once('end', () => resolve());
                stream.once('error', reject);
                cb(null, stream);
              },
              (error: unknown) => {
                reject(error);
                cb(error instanceof Error ? error : new Error(String(error)));
              },
            );
          });
        });
      }
      zip.end({ forceZip64Format: false });
    })().catch(fail);
    return output;
  }
}
