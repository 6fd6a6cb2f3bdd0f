import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3BlobStore } from '../../adapters/storage/s3.blob-store.ts';
import { blobKeyFor } from '../../src/ports/blob-store.port.ts';
import { startS3rver, type RunningS3rver } from '../support/s3rver.ts';
import { createHash, createHmac, randomUUID } from 'node:crypto';

const bytes = (data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array =>
  typeof data === 'string' ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

/** The checksum constructor SigV4 takes (a keyed one is an HMAC), on node:crypto. */
class Sha256 {
  private readonly hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }
}

/**
 * The S3 presigned POST of the /u page. s3rver stores a POST but checks neither policy nor
 * signature, so this is partly a wire-contract test: the policy's conditions are pinned as S3
 * documents them (sigv4-HTTPPOSTConstructPolicy), and the signature is recomputed with the
 * AWS SDK's own SigV4 signer; then a real form POST to s3rver stores the object.
 */
describe('S3BlobStore presigned POST (wire contract; s3rver for the POST itself)', () => {
  let s3: RunningS3rver;
  let store: S3BlobStore;
  const signingDate = new Date('2026-12-01T12:00:00Z');
  beforeAll(async () => {
    s3 = await startS3rver();
    store = new S3BlobStore({ bucket: s3.bucket, region: s3.region, endpoint: s3.endpoint, forcePathStyle: true, credentials: s3.credentials, clock: { now: () => signingDate } });
  });
  afterAll(async () => {
    await store.close();
    await s3.cleanup();
  });

  it('declares presignedPost, and the policy binds the exact key in its tenant prefix, the type, a content-length-range and the signing fields', async () => {
    expect(store.capabilities).toMatchObject({ presignedPost: true, selfServedUploads: false });
    const tenant = randomUUID();
    const key = blobKeyFor(tenant, randomUUID());
    const upload = await store.presignUpload(key, { method: 'POST', contentType: 'application/pdf', maxBytes: 5_000_000, expiresInSeconds: 600 });
    expect(upload).toMatchObject({ method: 'POST', url: `${s3.endpoint}/${s3.bucket}`, expiresAt: new Date(signingDate.getTime() + 600_000) });
    const credential = `${s3.credentials.accessKeyId}/20261201/${s3.region}/s3/aws4_request`;
    expect(upload.fields).toMatchObject({ key, 'Content-Type': 'application/pdf', 'x-amz-algorithm': 'AWS4-HMAC-SHA256', 'x-amz-credential': credential, 'x-amz-date': '20261201T120000Z' });
    const policy = JSON.parse(Buffer.from(upload.fields.policy!, 'base64').toString('utf8')) as { expiration: string; conditions: unknown[] };
    expect(policy.expiration).toBe('2026-12-01T12:10:00.000Z');
    expect(policy.conditions).toEqual([
      { bucket: s3.bucket },
      ['starts-with', '$key', `tenants/${tenant}/blobs/`],
      ['eq', '$key', key],
      ['eq', '$Content-Type', 'application/pdf'],
      ['content-length-range', 1, 5_000_000],
      { 'x-amz-algorithm': 'AWS4-HMAC-SHA256' },
      { 'x-amz-credential': credential },
      { 'x-amz-date': '20261201T120000Z' },
    ]);
    const signer = new SignatureV4({ credentials: s3.credentials, region: s3.region, service: 's3', sha256: Sha256 });
    expect(upload.fields['x-amz-signature']).toBe(await signer.sign(upload.fields.policy!, { signingDate }));
  });

  it('refuses a POST without a size bound or type, rather than minting an unbounded one', async () => {
    await expect(store.presignUpload(blobKeyFor(randomUUID(), randomUUID()), { method: 'POST', contentType: 'text/plain' })).rejects.toThrow(/needs maxBytes and contentType/);
  });

  it('a browser form POST with the fields stores the object under the key with its type', async () => {
    const key = blobKeyFor(randomUUID(), randomUUID());
    const live = new S3BlobStore({ bucket: s3.bucket, region: s3.region, endpoint: s3.endpoint, forcePathStyle: true, credentials: s3.credentials });
    const upload = await live.presignUpload(key, { method: 'POST', contentType: 'text/plain', maxBytes: 1000 });
    const form = new FormData();
    for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
    form.append('file', new Blob([Buffer.from('posted straight to storage')]), 'note.txt');
    const res = await fetch(upload.url, { method: 'POST', body: form });
    expect(res.status).toBe(204);
    expect(await live.head(key)).toMatchObject({ size: 26, contentType: 'text/plain' });
    await live.close();
  });
});
