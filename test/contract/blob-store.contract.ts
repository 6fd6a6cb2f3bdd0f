/**
 * The BlobStore contract, replayed on every adapter (local disk, S3). Each
 * adapter's test file calls `blobStoreContract` with a factory for a fresh store.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError, type ErrorCode } from '../../src/domain/errors.ts';
import { blobKeyFor, type BlobStore } from '../../src/ports/blob-store.port.ts';

export interface BlobStoreFixture {
  store: BlobStore;
  cleanup(): Promise<void>;
}

export interface BlobStoreContractOptions {
  /** Most live memory (heap plus buffers, after GC) a 64 MiB put or get may add; default 24 MiB. */
  memoryBudgetBytes?: number;
}

const TENANT = '7a0c6f1e-3b7d-4c59-9d0e-2f4a8b6c1d93';
const MiB = 1024 * 1024;

/** A fresh key per test, built the only way production builds them. */
export const newKey = (): string => blobKeyFor(TENANT, randomUUID());

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function expectDomainError(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error, `expected DomainError ${code}`).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
}

/** Emits `bytes` in 64 KiB chunks, then fails with `error` or, without one, never ends. */
export function stalledStream(bytes: number, error?: Error): { stream: Readable; consumed: Promise<void> } {
  let sent = 0;
  let markConsumed!: () => void;
  const consumed = new Promise<void>((resolve) => (markConsumed = resolve));
  const stream = new Readable({
    read() {
      if (sent < bytes) {
        sent += 64 * 1024;
        this.push(randomBytes(64 * 1024));
        return;
      }
      markConsumed();
      if (error) this.destroy(error);
    },
  });
  return { stream, consumed };
}

/** `gc()` without starting node with --expose-gc, so memory checks see live data, not garbage. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function liveBytes(gc: () => void): number {
  // Twice: V8 sweeps freed ArrayBuffers concurrently, and the next GC waits for that sweep,
  // so only after a second one does `arrayBuffers` stop counting garbage.
  gc();
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

export function blobStoreContract(name: string, makeStore: () => Promise<BlobStoreFixture>, options: BlobStoreContractOptions = {}): void {
  const budget = options.memoryBudgetBytes ?? 24 * MiB;

  describe(`BlobStore contract: ${name}`, () => {
    let fixture: BlobStoreFixture;
    let store: BlobStore;
    beforeAll(async () => {
      fixture = await makeStore();
      store = fixture.store;
    });
    afterAll(async () => {
      await store?.close?.();
      await fixture?.cleanup();
    });

    it('shouldPutAndGet: stores bytes and their type, returns the size written', async () => {
      const key = newKey();
      const bytes = randomBytes(300_000);
      expect(await store.put(key, Readable.from([bytes.subarray(0, 100_000), bytes.subarray(100_000)]), { contentType: 'application/pdf' })).toEqual({ size: 300_000 });
      expect((await readAll(await store.get(key))).equals(bytes)).toBe(true);
      expect(await store.head(key)).toMatchObject({ size: 300_000, contentType: 'application/pdf' });
    });

    it('shouldPutAndGet: an empty object is an object', async () => {
      const key = newKey();
      expect(await store.put(key, Readable.from([]))).toEqual({ size: 0 });
      expect(await store.head(key)).toMatchObject({ size: 0 });
      expect((await readAll(await store.get(key))).length).toBe(0);
    });

    it('shouldPutAndGet: an absent key is not_found', async () => {
      await expectDomainError(store.get(newKey()), 'not_found');
    });

    it('shouldStreamLargeWithBoundedMemory: 64 MiB in and out without holding it', async () => {
      const gc = exposeGc();
      const key = newKey();
      const size = 64 * MiB;
      const chunk = randomBytes(64 * 1024);
      const written = createHash('sha256');
      const baseline = liveBytes(gc);
      let peak = 0;
      function* generate(): Generator<Buffer> {
        for (let offset = 0; offset < size; offset += chunk.length) {
          const next = Buffer.from(chunk);
          next.writeUInt32BE(offset / chunk.length, 0); // every chunk differs, so misordered parts show
          written.update(next);
          if (offset % (8 * MiB) === 0) peak = Math.max(peak, liveBytes(gc) - baseline);
          yield next;
        }
      }
      expect(await store.put(key, Readable.from(generate()), { contentType: 'application/octet-stream' })).toEqual({ size });
      const putPeak = peak;

      const read = createHash('sha256');
      let readBytes = 0;
      for await (const part of await store.get(key)) {
        const before = readBytes;
        readBytes += (part as Buffer).length;
        read.update(part as Buffer);
        if (Math.floor(before / (8 * MiB)) !== Math.floor(readBytes / (8 * MiB))) peak = Math.max(peak, liveBytes(gc) - baseline);
      }
      expect(readBytes).toBe(size);
      expect(read.digest('hex')).toBe(written.digest('hex'));
      console.info(`[${name}] 64 MiB put: peak live growth ${(putPeak / MiB).toFixed(1)} MiB; put+get ${(peak / MiB).toFixed(1)} MiB (budget ${budget / MiB} MiB)`);
      expect(peak).toBeLessThan(budget);
    });

    it('shouldServeRanges: inclusive byte ranges inside the object', async ({ skip }) => {
      if (!store.capabilities.ranges) skip('store declares no range support');
      const key = newKey();
      const bytes = randomBytes(1000);
      await store.put(key, Readable.from([bytes]));
      const range = async (start: number, end?: number) => readAll(await store.get(key, end === undefined ? { start } : { start, end }));
      expect((await range(0, 0)).equals(bytes.subarray(0, 1))).toBe(true);
      expect((await range(10, 19)).equals(bytes.subarray(10, 20))).toBe(true);
      expect((await range(990)).equals(bytes.subarray(990))).toBe(true);
      expect((await range(999, 999)).equals(bytes.subarray(999))).toBe(true);
      expect((await range(0, 999)).equals(bytes)).toBe(true);
    });

    it('shouldServeRanges: a range outside the object is bad_request; an absent key is not_found', async ({ skip }) => {
      if (!store.capabilities.ranges) skip('store declares no range support');
      const key = newKey();
      await store.put(key, Readable.from([randomBytes(1000)]));
      await expectDomainError(store.get(key, { start: 1000 }), 'bad_request');
      await expectDomainError(store.get(key, { start: 10, end: 1000 }), 'bad_request');
      await expectDomainError(store.get(key, { start: 5, end: 4 }), 'bad_request');
      await expectDomainError(store.get(key, { start: -1 }), 'bad_request');
      await expectDomainError(store.get(key, { start: 1.5 }), 'bad_request');
      await expectDomainError(store.get(newKey(), { start: 0, end: 9 }), 'not_found');
    });

    it('shouldHead: size, type and etag of a present object; null for an absent one', async () => {
      const key = newKey();
      expect(await store.head(key)).toBeNull();
      await store.put(key, Readable.from([Buffer.from('hello')]), { contentType: 'text/plain' });
      const head = await store.head(key);
      expect(head).toMatchObject({ size: 5, contentType: 'text/plain' });
      expect(typeof head?.etag).toBe('string');
    });

    it('shouldDelete: removes the object, and deleting again or an absent key is fine', async () => {
      const key = newKey();
      const other = newKey();
      await store.put(key, Readable.from([Buffer.from('bye')]), { contentType: 'text/plain' });
      await store.put(other, Readable.from([Buffer.from('stay')]));
      await store.delete(key);
      expect(await store.head(key)).toBeNull();
      await expectDomainError(store.get(key), 'not_found');
      await store.delete(key);
      await store.delete(newKey());
      expect((await readAll(await store.get(other))).toString()).toBe('stay');
    });

    it('shouldNotExposePartialWrites: a source that fails mid-way rejects with its own error and leaves nothing', async () => {
      const key = newKey();
      const failure = new DomainError('payload_too_large');
      const { stream } = stalledStream(MiB, failure);
      await expect(store.put(key, stream, { contentType: 'application/pdf' })).rejects.toBe(failure);
      expect(await store.head(key)).toBeNull();
      await expectDomainError(store.get(key), 'not_found');
    });

    it('shouldNotExposePartialWrites: aborting mid-way (past the first 8 MiB) rejects with the reason and leaves nothing', async () => {
      const key = newKey();
      const { stream, consumed } = stalledStream(9 * MiB);
      const controller = new AbortController();
      const put = store.put(key, stream, { signal: controller.signal });
      const outcome = put.then(() => 'resolved', (e: unknown) => e);
      await consumed;
      const reason = new DomainError('upload_aborted');
      controller.abort(reason);
      expect(await outcome).toBe(reason);
      expect(stream.destroyed).toBe(true);
      expect(await store.head(key)).toBeNull();
    });

    it('shouldNotExposePartialWrites: an already aborted signal writes nothing', async () => {
      const key = newKey();
      const controller = new AbortController();
      controller.abort();
      await expect(store.put(key, Readable.from([Buffer.from('late')]), { signal: controller.signal })).rejects.toBe(controller.signal.reason);
      expect(await store.head(key)).toBeNull();
    });

    it('shouldPresignDownload: the URL serves the bytes with an attachment disposition and the given type', async ({ skip }) => {
      if (!store.capabilities.presignedDownload) skip('store declares no presigned downloads');
      const key = newKey();
      const bytes = randomBytes(50_000);
      await store.put(key, Readable.from([bytes]), { contentType: 'application/octet-stream' });
      const fileName = 'Q2 Bericht – Müller "final".pdf';
      const response = await fetch(await store.presignDownload(key, { fileName, contentType: 'application/pdf' }));
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      const disposition = response.headers.get('content-disposition');
      expect(disposition).toBe(`attachment; filename="Q2 Bericht _ Muller _final_.pdf"; filename*=UTF-8''Q2%20Bericht%20%E2%80%93%20M%C3%BCller%20%22final%22.pdf`);
      expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition ?? '')?.[1] ?? '')).toBe(fileName);
    });

    it('shouldPresignDownload: without a file name there is no attachment; odd lifetimes are refused', async ({ skip }) => {
      if (!store.capabilities.presignedDownload) skip('store declares no presigned downloads');
      const key = newKey();
      await store.put(key, Readable.from([Buffer.from('plain')]), { contentType: 'text/plain' });
      const response = await fetch(await store.presignDownload(key));
      expect(await response.text()).toBe('plain');
      expect(response.headers.get('content-disposition')).toBeNull();
      await expectDomainError(store.presignDownload(key, { expiresInSeconds: 0 }), 'bad_request');
      await expectDomainError(store.presignDownload(key, { expiresInSeconds: 8 * 24 * 3600 }), 'bad_request');
    });

    it('shouldList: complete objects under a prefix with their sizes, never partial or deleted ones', async ({ skip }) => {
      if (!store.capabilities.listing) return skip();
      const tenant = randomUUID();
      const prefix = `tenants/${tenant}/`;
      const keys = [blobKeyFor(tenant, randomUUID()), blobKeyFor(tenant, randomUUID()), blobKeyFor(tenant, randomUUID())];
      for (const [i, key] of keys.entries()) await store.put(key, Readable.from([Buffer.alloc(i + 1, 1)]));
      await store.put(newKey(), Readable.from([Buffer.from('another tenant')]));
      await store.delete(keys[2]!);
      const failing = stalledStream(MiB, new Error('client went away'));
      await expect(store.put(blobKeyFor(tenant, randomUUID()), failing.stream)).rejects.toThrow(/client went away/);
      const listed = [];
      for await (const item of store.list!(prefix)) listed.push(item);
      expect(listed.map((l) => [l.key, l.size]).sort()).toEqual([[keys[0], 1], [keys[1], 2]].sort());
      for (const item of listed) expect(Math.abs(item.modifiedAt.getTime() - Date.now())).toBeLessThan(5 * 60_000);
    });

    it('shouldGiveDocumentSources: bytes within the inline limit, an s3Location only where both sides allow, a clear refusal above the limit', async ({ skip }) => {
      const capability = store.capabilities.documentSource;
      expect(typeof store.documentSource === 'function').toBe(capability !== undefined);
      if (!capability) return skip();
      const key = newKey();
      const body = Buffer.from('%PDF-1.4 a small document');
      await store.put(key, Readable.from([body]), { contentType: 'application/pdf' });
      const inline = await store.documentSource!(key, { s3Location: false });
      expect('bytes' in inline && Buffer.from(inline.bytes).equals(body)).toBe(true);
      const preferred = await store.documentSource!(key, { s3Location: true });
      if (capability.s3Location) expect(preferred).toEqual({ s3Location: { uri: expect.stringMatching(new RegExp(`^s3://[a-z0-9.-]+/${key}$`)) } });
      else expect('bytes' in preferred).toBe(true);
      await expectDomainError(store.documentSource!(key, { s3Location: false, maxBytes: 10 }), 'payload_too_large');
      await expectDomainError(store.documentSource!(newKey(), { s3Location: false }), 'not_found');
      const large = newKey();
      await store.put(large, Readable.from([Buffer.alloc(4_500_001)]));
      await expectDomainError(store.documentSource!(large, { s3Location: false, maxBytes: 10 * MiB }), 'payload_too_large');
    });

    it('declares its capabilities honestly', async () => {
      const { capabilities } = store;
      for (const flag of ['presignedDownload', 'presignedPut', 'presignedPost', 'selfServedUploads', 'ranges', 'listing', 'incompleteCleanup'] as const) expect(typeof capabilities[flag]).toBe('boolean');
      expect(typeof store.list === 'function').toBe(capabilities.listing);
      expect(typeof store.removeIncomplete === 'function').toBe(capabilities.incompleteCleanup);
      expect(typeof store.presignUpload === 'function').toBe(capabilities.presignedPut || capabilities.presignedPost || capabilities.selfServedUploads);
      expect(typeof store.verifyPresignedUpload === 'function').toBe(capabilities.selfServedUploads);
      if (!capabilities.presignedPut) return;
      // A presigned PUT must really upload: send the fields as headers, then read the object back.
      const key = newKey();
      const before = Date.now();
      const upload = await store.presignUpload!(key, { contentType: 'text/csv' });
      if (!capabilities.presignedPost) expect(upload.method).toBe('PUT');
      if (upload.method !== 'PUT') return;
      expect(Math.abs(upload.expiresAt.getTime() - before - 900_000)).toBeLessThan(5_000);
      const response = await fetch(upload.url, { method: 'PUT', headers: upload.fields, body: 'a,b\n1,2\n' });
      expect(response.status).toBe(200);
      expect(await store.head(key)).toMatchObject({ size: 8, contentType: 'text/csv' });
      expect((await readAll(await store.get(key))).toString()).toBe('a,b\n1,2\n');
    });
  });
}
