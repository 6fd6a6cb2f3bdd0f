import type { Readable } from 'node:stream';

/** What a BlobStore implementation can do beyond the required operations. */
export interface BlobStoreCapabilities {
  /** Can mint URLs that download a blob without our credentials. */
  presignedDownload: boolean;
  /** Can mint a presigned single-request PUT upload. */
  presignedPut: boolean;
  /** Can mint a presigned browser POST with size and type conditions. */
  presignedPost: boolean;
  /**
   * Mints signed upload links that our own HTTP server takes (local disk): it checks them with
   * `verifyPresignedUpload` and enforces their size bound itself.
   */
  selfServedUploads: boolean;
  /** Supports byte ranges on get. */
  ranges: boolean;
  /** Can enumerate its objects (`list`): what the sweep of unreferenced blobs needs. */
  listing: boolean;
  /** Can find and remove writes a crash left half-done (`removeIncomplete`). */
  incompleteCleanup: boolean;
  /**
   * Can hand a blob to a model as a document (`documentSource`): `bytes` inline, and
   * `s3Location` when the blob lives in S3 where the model can read it. Absent: cannot.
   */
  documentSource?: { s3Location: boolean };
}

/** Bedrock's limit on one document sent inline (Converse `DocumentBlock`): 4.5 MB. */
export const MAX_INLINE_DOCUMENT_BYTES = 4.5 * 1000 * 1000;

/** What the caller of `documentSource` can take. */
export interface DocumentSourceRequest {
  /** The model reads S3 objects itself (Amazon Nova): an `s3Location` is preferred when possible. */
  s3Location: boolean;
  /** Largest inline document; default and upper bound MAX_INLINE_DOCUMENT_BYTES. */
  maxBytes?: number;
}

/**
 * A document for a model, as Bedrock Converse takes it (`DocumentSource`): an S3 URI
 * the model reads itself, or the bytes inline. The seam where storage moves to a
 * model-side file API later.
 */
export type ModelDocumentSource =
  | { s3Location: { uri: string; bucketOwner?: string } }
  | { bytes: Uint8Array };

/** One stored object, as `list` reports it. */
export interface BlobListing {
  key: string;
  size: number;
  /** When the object was last written. */
  modifiedAt: Date;
}

export interface BlobHead {
  size: number;
  contentType: string | undefined;
  etag: string | undefined;
}

/** Inclusive byte range, as in HTTP Range. `end` omitted means to the end. */
export interface ByteRange {
  start: number;
  end?: number;
}

export interface PutOptions {
  contentType?: string;
  /** Aborting stops the write; nothing becomes visible under the key. */
  signal?: AbortSignal;
}

export interface PresignDownloadOptions {
  /** Seconds the URL stays valid; default 900 (15 minutes). */
  expiresInSeconds?: number;
  /** File name for Content-Disposition: attachment. */
  fileName?: string;
  contentType?: string;
}

export interface PresignUploadOptions {
  /** PUT (one request; `presignedPut` or `selfServedUploads`) or POST (a browser form; `presignedPost`). Default PUT. */
  method?: 'PUT' | 'POST';
  expiresInSeconds?: number;
  contentType?: string;
  /** Upper bound on the upload's size in bytes. */
  maxBytes?: number;
}

export interface PresignedUpload {
  method: 'PUT' | 'POST';
  url: string;
  /** Form fields (POST) or headers (PUT) the client must send. */
  fields: Record<string, string>;
  expiresAt: Date;
}

/** What a verified self-served upload link grants: one key, one content type, at most `maxBytes`. */
export interface VerifiedUpload {
  key: string;
  contentType: string;
  maxBytes: number;
}

/** What a verified self-served download link grants. */
export interface VerifiedDownload {
  key: string;
  fileName: string | null;
  contentType: string | null;
  /** The `Content-Disposition` header to send (attachment, RFC 6266), or null when the link names no file. */
  contentDisposition: string | null;
}

/**
 * Where file bytes live. Keys are opaque, tenant-prefixed strings built by
 * `blobKeyFor`; never from user file names.
 */
export interface BlobStore {
  readonly capabilities: BlobStoreCapabilities;
  /**
   * Stream `body` to `key`. The object becomes visible only once the whole
   * stream has been written; on error or abort nothing is left under `key`.
   * Resolves with the number of bytes written.
   */
  put(key: string, body: Readable, options?: PutOptions): Promise<{ size: number }>;
  /** Stream the object (or a byte range of it). Rejects with DomainError `not_found` if absent. */
  get(key: string, range?: ByteRange): Promise<Readable>;
  /** Size and type of the object, or null if absent. */
  head(key: string): Promise<BlobHead | null>;
  /** Remove the object; removing an absent key is not an error. */
  delete(key: string): Promise<void>;
  /** A URL that downloads the object until it expires. Requires `capabilities.presignedDownload`. */
  presignDownload(key: string, options?: PresignDownloadOptions): Promise<string>;
  /** Optional: a URL (and fields) to upload straight to `key`. Requires `presignedPut` or `presignedPost`. */
  presignUpload?(key: string, options?: PresignUploadOptions): Promise<PresignedUpload>;
  /**
   * Optional, for stores whose presigned URLs our own HTTP server serves (local disk):
   * check a URL's query parameters and say what to serve. Rejects with DomainError
   * `link_expired` or `link_invalid`.
   */
  verifyPresignedDownload?(params: URLSearchParams): Promise<VerifiedDownload>;
  /**
   * Optional, requires `capabilities.selfServedUploads`: check an upload link's query parameters
   * and say what may be written. Rejects with DomainError `link_expired` or `link_invalid`.
   */
  verifyPresignedUpload?(params: URLSearchParams): Promise<VerifiedUpload>;
  /**
   * Optional, requires `capabilities.listing`: every complete object whose key starts with
   * `prefix`, in no particular order (partial writes are never listed).
   */
  list?(prefix: string): AsyncIterable<BlobListing>;
  /**
   * Optional, requires `capabilities.incompleteCleanup`: remove partial writes (a crashed
   * process's temporary files, multipart uploads never completed) started before `olderThan`.
   * Resolves to how many were removed.
   */
  removeIncomplete?(olderThan: Date): Promise<number>;
  /**
   * Optional, requires `capabilities.documentSource`: the blob as a model document source.
   * An `s3Location` when both sides allow it, otherwise the bytes; rejects with DomainError
   * `payload_too_large` when the bytes exceed `maxBytes`, and `not_found` when absent.
   */
  documentSource?(key: string, request: DocumentSourceRequest): Promise<ModelDocumentSource>;
  /** Release connections and handles. */
  close?(): Promise<void>;
}

/** The one place blob keys are made: tenant prefix plus a server-generated id. */
export function blobKeyFor(tenantId: string, blobId: string): string {
  if (!/^[0-9a-f-]{36}$/.test(tenantId) || !/^[0-9a-zA-Z-]{8,64}$/.test(blobId)) {
    throw new Error('blob keys are built from server-generated ids only');
  }
  return `tenants/${tenantId}/blobs/${blobId}`;
}
