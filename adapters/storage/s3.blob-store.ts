import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Readable } from 'node:stream';
import { attachmentDisposition } from './attachment-disposition.ts';
import { DomainError } from '../../src/domain/errors.ts';
import type {
  BlobHead,
  BlobListing,
  BlobStore,
  BlobStoreCapabilities,
  ByteRange,
  DocumentSourceRequest,
  ModelDocumentSource,
  PresignDownloadOptions,
  PresignedUpload,
  PresignUploadOptions,
  PutOptions,
} from '../../src/ports/blob-store.port.ts';
import { systemClock, type Clock } from '../../src/ports/clock.port.ts';
import { inlineLimit, readWithin, tooLargeForModel } from './document-source.ts';
import { S3BlobStoreError, s3Failure } from './s3-errors.ts';
import { exactRange, rangeHeader } from './s3-range.ts';
import { postPolicyFields } from './s3-post-policy.ts';

export { S3BlobStoreError };

export interface S3BlobStoreOptions {
  bucket: string;
  /** A ready client (the caller keeps ownership); otherwise one is built from the fields below. */
  client?: S3Client;
  region: string;
  /** S3-compatible endpoint (MinIO, s3rver); unset means AWS. */
  endpoint?: string;
  /** Path-style URLs (`endpoint/bucket/key`), needed by most S3-compatible servers. */
  forcePathStyle?: boolean;
  /** Static credentials; unset means the SDK's default provider chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Lifetime of presigned URLs when the caller gives none; default 900 s. */
  defaultExpirySeconds?: number;
  /** Signing time of presigned URLs. */
  clock?: Clock;
  /** The bucket's AWS account, sent with `s3Location` document sources so a model reads only from it. */
  bucketOwner?: string;
}

/** 8 MiB parts, two in flight: a put holds about three parts in memory whatever the object's size. */
const PART_SIZE = 8 * 1024 * 1024;
const QUEUE_SIZE = 2;
const MAX_EXPIRY_SECONDS = 7 * 24 * 3600;

/**
 * Blobs in an S3 bucket. Puts stream as multipart uploads, which S3 shows only
 * once completed; downloads and uploads can be presigned so bytes bypass us.
 * Listing is supported (ListObjectsV2). Multipart uploads a crash left open are not
 * listed and cost storage until aborted: give the bucket a lifecycle rule with
 * AbortIncompleteMultipartUpload (S3-compatible servers such as s3rver cannot list
 * them, so this store does not claim `incompleteCleanup`).
 */
export class S3BlobStore implements BlobStore {
  readonly capabilities: BlobStoreCapabilities = { presignedDownload: true, presignedPut: true, presignedPost: true, selfServedUploads: false, ranges: true, listing: true, incompleteCleanup: false, documentSource: { s3Location: true } };
  private readonly client: S3Client;
  private readonly ownsClient: boolean;
  private readonly bucket: string;
  private readonly defaultExpirySeconds: number;
  private readonly clock: Clock;
  private readonly bucketOwner: string | undefined;
  private readonly postTarget: { endpoint: string | undefined; forcePathStyle: boolean; region: string };

  constructor(options: S3BlobStoreOptions) {
    this.postTarget = { endpoint: options.endpoint, forcePathStyle: options.forcePathStyle ?? false, region: options.region };
    this.bucket = options.bucket;
    this.defaultExpirySeconds = options.defaultExpirySeconds ?? 900;
    this.clock = options.clock ?? systemClock;
    this.bucketOwner = options.bucketOwner;
    this.ownsClient = options.client === undefined;
    this.client =
      options.client ??
      new S3Client({
        region: options.region,
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
        forcePathStyle: options.forcePathStyle ?? false,
        ...(options.credentials ? { credentials: options.credentials } : {}),
        // Since SDK 3.729 checksums default to WHEN_SUPPORTED, which (1) bakes the CRC32 of an
        // empty body into presigned PUT URLs, so every real upload through them fails
        // (https://github.com/aws/aws-sdk-js-v3/issues/6994), and (2) sends streamed bodies
        // as aws-chunked with a trailing checksum, which S3-compatible servers such as s3rver
        // store verbatim, framing and all. Checksums only where an operation requires them.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      });
  }

  async put(key: string, body: Readable, options: PutOptions = {}): Promise<{ size: number }> {
    const { signal } = options;
    let size = 0;
    let bodyError: unknown;
    const onBodyError = (error: unknown) => (bodyError ??= error);
    body.on('error', onBodyError);
    // Aborting destroys the source rather than calling upload.abort(): abort() settles done()
    // at once while a part or a single-request PutObject may still complete behind it. With
    // the source gone, lib-storage stops feeding parts, aborts the multipart upload itself,
    // and done() rejects only after every request has settled, so nothing appears later.
    const onAbort = () => body.destroy(signal?.reason as Error);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      signal?.throwIfAborted();
      const counted = Readable.from(countBytes(body, (n) => (size += n)));
      const upload = new Upload({
        client: this.client,
        params: { Bucket: this.bucket, Key: key, Body: counted, ...(options.contentType ? { ContentType: options.contentType } : {}) },
        partSize: PART_SIZE,
        queueSize: QUEUE_SIZE,
      });
      await upload.done();
      if (signal?.aborted) {
        await this.delete(key);
        throw signal.reason;
      }
      return { size };
    } catch (error) {
      body.destroy();
      if (signal?.aborted) throw signal.reason;
      if (bodyError !== undefined) throw bodyError;
      throw s3Failure('put', key, error);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      body.off('error', onBodyError);
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const header = range ? rangeHeader(range) : undefined;
    try {
      const result = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, ...(header ? { Range: header } : {}) }));
      const body = result.Body instanceof Readable ? result.Body : Readable.fromWeb(result.Body as never);
      return range ? exactRange(key, body, range, result.ContentRange) : body;
    } catch (error) {
      throw s3Failure('get', key, error);
    }
  }

  async head(key: string): Promise<BlobHead | null> {
    try {
      const result = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: result.ContentLength ?? 0, contentType: result.ContentType, etag: result.ETag };
    } catch (error) {
      const failure = s3Failure('head', key, error);
      if (failure instanceof DomainError && failure.code === 'not_found') return null;
      throw failure;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      const failure = s3Failure('delete', key, error);
      if (!(failure instanceof DomainError && failure.code === 'not_found')) throw failure;
    }
  }

  async presignDownload(key: string, options: PresignDownloadOptions = {}): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ...(options.fileName ? { ResponseContentDisposition: attachmentDisposition(options.fileName) } : {}),
      ...(options.contentType ? { ResponseContentType: options.contentType } : {}),
    });
    return getSignedUrl(this.client, command, { expiresIn: this.expiry(options.expiresInSeconds), signingDate: this.clock.now() });
  }

  /**
   * A presigned single-request PUT (its signature binds the key, method and content type, but
   * not the size), or with `method: 'POST'` a browser POST whose policy S3 enforces: the exact
   * key within its prefix, the content type and a content-length-range up to `maxBytes`.
   * One POST takes up to 5 GB, above every intake limit; multipart is left to `put`.
   */
  async presignUpload(key: string, options: PresignUploadOptions = {}): Promise<PresignedUpload> {
    if (options.method === 'POST') return this.presignPost(key, options);
    if (options.maxBytes !== undefined) {
      // Refused rather than ignored: only a presigned POST policy can bound the size.
      throw new Error('S3BlobStore: a presigned PUT cannot enforce maxBytes; omit it and check head() after the upload');
    }
    const seconds = this.expiry(options.expiresInSeconds);
    const signingDate = this.clock.now();
    const command = new PutObjectCommand({ Bucket: this.bucket, Key: key, ...(options.contentType ? { ContentType: options.contentType } : {}) });
    // Signing content-type makes the URL useless for any other type (the presigner leaves it unsigned by default).
    const signableHeaders = new Set(options.contentType ? ['content-type'] : []);
    const url = await getSignedUrl(this.client, command, { expiresIn: seconds, signingDate, signableHeaders });
    const fields: Record<string, string> = options.contentType ? { 'content-type': options.contentType } : {};
    return { method: 'PUT', url, fields, expiresAt: new Date(signingDate.getTime() + seconds * 1000) };
  }

  private async presignPost(key: string, options: PresignUploadOptions): Promise<PresignedUpload> {
    if (options.maxBytes === undefined || options.contentType === undefined) throw new Error('S3BlobStore: a presigned POST needs maxBytes and contentType');
    const seconds = this.expiry(options.expiresInSeconds);
    const signingDate = this.clock.now();
    const credentials = await this.client.config.credentials();
    const region = (await this.client.config.region()) || this.postTarget.region;
    const expiresAt = new Date(signingDate.getTime() + seconds * 1000);
    const fields = postPolicyFields({ bucket: this.bucket, key, contentType: options.contentType, maxBytes: options.maxBytes, region, credentials, signingDate, expiresAt });
    const { endpoint, forcePathStyle } = this.postTarget;
    const base = endpoint ? endpoint.replace(/\/+$/, '') : `https://s3.${region}.amazonaws.com`;
    const url = forcePathStyle || !endpoint ? (endpoint ? `${base}/${this.bucket}` : `https://${this.bucket}.s3.${region}.amazonaws.com`) : base.replace('://', `://${this.bucket}.`);
    return { method: 'POST', url, fields, expiresAt };
  }

  async *list(prefix: string): AsyncIterable<BlobListing> {
    let token: string | undefined;
    do {
      let page;
      try {
        page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }));
      } catch (error) {
        throw s3Failure('list', prefix, error);
      }
      for (const object of page.Contents ?? []) {
        if (object.Key) yield { key: object.Key, size: object.Size ?? 0, modifiedAt: object.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  /**
   * `s3://bucket/key` for a model that reads S3 itself (the model's role needs s3:GetObject
   * on the bucket), else the bytes inline, refused above the inline limit before reading.
   */
  async documentSource(key: string, request: DocumentSourceRequest): Promise<ModelDocumentSource> {
    const head = await this.head(key);
    if (!head) throw new DomainError('not_found');
    if (request.s3Location) return { s3Location: { uri: `s3://${this.bucket}/${key}`, ...(this.bucketOwner ? { bucketOwner: this.bucketOwner } : {}) } };
    const limit = inlineLimit(request);
    if (head.size > limit) throw tooLargeForModel(head.size, limit);
    return { bytes: await readWithin(await this.get(key), limit) };
  }

  async close(): Promise<void> {
    if (this.ownsClient) this.client.destroy();
  }

  private expiry(requested: number | undefined): number {
    const seconds = requested ?? this.defaultExpirySeconds;
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_EXPIRY_SECONDS) {
      throw new DomainError('bad_request', `A presigned link must last between 1 second and ${MAX_EXPIRY_SECONDS} seconds.`);
    }
    return seconds;
  }
}

async function* countBytes(body: Readable, add: (bytes: number) => void): AsyncGenerator<Buffer> {
  for await (const chunk of body) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    add(buffer.length);
    yield buffer;
  }
}
