import { Readable } from 'node:stream';
import { DomainError } from '../../../src/domain/errors.ts';
import type { BlobHead, BlobListing, BlobStore, BlobStoreCapabilities, ByteRange, PutOptions } from '../../../src/ports/blob-store.port.ts';

/** BlobStore in memory, for unit tests: the port's semantics (nothing visible until the whole stream is written) without a disk. */
export class MemoryBlobStore implements BlobStore {
  readonly capabilities: BlobStoreCapabilities = { presignedDownload: false, presignedPut: false, presignedPost: false, selfServedUploads: false, ranges: true, listing: true, incompleteCleanup: false };
  readonly objects = new Map<string, { bytes: Buffer; contentType: string | undefined; modifiedAt: Date }>();
  /** Keys whose next get fails, to simulate a flaky store. */
  readonly failingGets = new Set<string>();

  async put(key: string, body: Readable, options: PutOptions = {}): Promise<{ size: number }> {
    const chunks: Buffer[] = [];
    const onAbort = () => body.destroy(options.signal?.reason as Error);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      options.signal?.throwIfAborted();
      for await (const chunk of body) {
        options.signal?.throwIfAborted();
        chunks.push(Buffer.from(chunk as Buffer));
      }
    } catch (error) {
      body.destroy();
      throw options.signal?.aborted ? options.signal.reason : error;
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
    const bytes = Buffer.concat(chunks);
    this.objects.set(key, { bytes, contentType: options.contentType, modifiedAt: new Date() });
    return { size: bytes.length };
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    if (this.failingGets.delete(key)) throw Object.assign(new Error('simulated storage fault'), { retryable: true });
    const object = this.objects.get(key);
    if (!object) throw new DomainError('not_found');
    const bytes = range ? object.bytes.subarray(range.start, (range.end ?? object.bytes.length - 1) + 1) : object.bytes;
    return Readable.from([bytes]);
  }

  async head(key: string): Promise<BlobHead | null> {
    const object = this.objects.get(key);
    return object ? { size: object.bytes.length, contentType: object.contentType, etag: undefined } : null;
  }

  async delete(key: string): Promise<void> {
    this.objects.delete(key);
  }

  async presignDownload(): Promise<string> {
    throw new DomainError('bad_request', 'The memory store cannot presign.');
  }

  async *list(prefix: string): AsyncIterable<BlobListing> {
    for (const [key, object] of this.objects) if (key.startsWith(prefix)) yield { key, size: object.bytes.length, modifiedAt: object.modifiedAt };
  }
}
