import { S3Client } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3BlobStore, S3BlobStoreError } from '../../adapters/storage/s3.blob-store.ts';
import { attachmentDisposition } from '../../adapters/storage/attachment-disposition.ts';
import { DomainError } from '../../src/domain/errors.ts';
import type { Clock } from '../../src/ports/clock.port.ts';
import { startS3rver, type RunningS3rver } from '../support/s3rver.ts';
import { blobStoreContract, newKey } from './blob-store.contract.ts';

/** The store exactly as production builds it (its own client), pointed at s3rver. */
function storeOn(s3: RunningS3rver, extra: { bucket?: string; clock?: Clock } = {}): S3BlobStore {
  return new S3BlobStore({ bucket: s3.bucket, region: s3.region, endpoint: s3.endpoint, forcePathStyle: true, credentials: s3.credentials, ...extra });
}

// Parts are 8 MiB with two in flight, and s3rver runs in this process: about four parts of headroom.
blobStoreContract(
  'S3 (s3rver)',
  async () => {
    const s3 = await startS3rver();
    return { store: storeOn(s3), cleanup: () => s3.cleanup() };
  },
  { memoryBudgetBytes: 40 * 1024 * 1024 },
);

/**
 * s3rver does not check SigV4 signatures, so these pin what the presigned URLs
 * grant (bucket, key, lifetime, response headers) instead of tampering with them.
 */
describe('S3BlobStore (S3 only, s3rver)', () => {
  let s3: RunningS3rver;
  let store: S3BlobStore;
  beforeAll(async () => {
    s3 = await startS3rver();
    store = storeOn(s3);
  });
  afterAll(async () => {
    await store.close();
    await s3.cleanup();
  });

  it('scopes a download URL to the bucket and key, 900 s by default, with the response headers', async () => {
    const key = newKey();
    const fileName = 'Präsentation Q2.pdf';
    const url = new URL(await store.presignDownload(key, { fileName, contentType: 'application/pdf' }));
    expect(url.origin).toBe(s3.endpoint);
    expect(url.pathname).toBe(`/${s3.bucket}/${key}`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(url.searchParams.get('response-content-disposition')).toBe(attachmentDisposition(fileName));
    expect(url.searchParams.get('response-content-type')).toBe('application/pdf');
    expect(new URL(await store.presignDownload(key, { expiresInSeconds: 60 })).searchParams.get('X-Amz-Expires')).toBe('60');
  });

  it('signs at the injected clock, so a URL older than its lifetime is refused by the server', async () => {
    const key = newKey();
    await store.put(key, Readable.from([Buffer.from('dated')]));
    const ago = (seconds: number) => storeOn(s3, { clock: { now: () => new Date(Date.now() - seconds * 1000) } });
    expect((await fetch(await ago(880).presignDownload(key))).status).toBe(200);
    expect((await fetch(await ago(920).presignDownload(key))).status).toBe(403);
  });

  it('presigns a PUT bound to the content type, with no empty-body checksum baked in', async () => {
    const key = newKey();
    const upload = await store.presignUpload(key, { contentType: 'text/csv', expiresInSeconds: 300 });
    const url = new URL(upload.url);
    expect(url.pathname).toBe(`/${s3.bucket}/${key}`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toContain('content-type');
    expect([...url.searchParams.keys()].filter((name) => name.toLowerCase().startsWith('x-amz-checksum'))).toEqual([]);
    expect(upload.fields).toEqual({ 'content-type': 'text/csv' });
  });

  it('refuses maxBytes on a presigned PUT instead of silently not enforcing it', async () => {
    await expect(store.presignUpload(newKey(), { maxBytes: 1024 })).rejects.toThrow(/cannot enforce maxBytes/);
  });

  it('reports faults as S3BlobStoreError with the cause: a missing bucket is not a missing object', async () => {
    const elsewhere = storeOn(s3, { bucket: 'no-such-bucket' });
    const error = await elsewhere.get(newKey()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(S3BlobStoreError);
    expect(error).not.toBeInstanceOf(DomainError);
    expect((error as S3BlobStoreError).cause).toMatchObject({ name: 'NoSuchBucket' });
    expect((error as S3BlobStoreError).retryable).toBe(false);
    await expect(elsewhere.put(newKey(), Readable.from([Buffer.from('x')]))).rejects.toBeInstanceOf(S3BlobStoreError);
    await elsewhere.close();
  });

  it('calls an unreachable endpoint a retryable fault (store built on a given client)', async () => {
    const client = new S3Client({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', forcePathStyle: true, credentials: s3.credentials, maxAttempts: 1 });
    const unreachable = new S3BlobStore({ bucket: s3.bucket, region: 'us-east-1', client });
    const error = await unreachable.head(newKey()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(S3BlobStoreError);
    expect((error as S3BlobStoreError).retryable).toBe(true);
    client.destroy();
  });
});
