import { DomainError, isDomainError } from '../../src/domain/errors.ts';

/** A storage fault (network, throttling, permissions, server): not the client's doing. */
export class S3BlobStoreError extends Error {
  override readonly name = 'S3BlobStoreError';
  /** True when trying again later may work (network trouble, throttling, 5xx). */
  readonly retryable: boolean;

  constructor(operation: string, key: string, cause: unknown) {
    super(`S3 ${operation} of ${key} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    const status = statusOf(cause);
    this.retryable = status === undefined || status >= 500 || status === 429 || status === 408;
  }
}

/**
 * Sort an SDK failure: a missing object is `not_found`, an unsatisfiable range
 * `bad_request`, anything else an S3BlobStoreError carrying the original cause.
 */
export function s3Failure(operation: string, key: string, error: unknown): DomainError | S3BlobStoreError {
  if (isDomainError(error)) return error;
  const name = error instanceof Error ? error.name : '';
  const status = statusOf(error);
  // HeadObject has no body to carry an error code, so its 404 arrives as plain `NotFound`.
  // A bare 404 is not enough: NoSuchBucket is a configuration fault, not a missing object.
  if (name === 'NoSuchKey' || name === 'NotFound') {
    return new DomainError('not_found', undefined, { cause: error });
  }
  if (name === 'InvalidRange' || status === 416) {
    return new DomainError('bad_request', 'The byte range is outside the object.', { cause: error });
  }
  return new S3BlobStoreError(operation, key, error);
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}
