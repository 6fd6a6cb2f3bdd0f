/**
 * Why an extractor refused a file on policy grounds. A refusal is final for that
 * file (retrying cannot help); anything else that goes wrong is a fault.
 * - encrypted: needs a password (PDF user password, OOXML EncryptedPackage, BIFF FILEPASS)
 * - decompression_bomb: a zip container would inflate past the size or ratio limits
 * - too_many_pages: a PDF declares more pages than allowed
 * - too_large: the input is larger than the extractor accepts
 * - corrupt: the file is truncated or malformed
 * - unsupported: no extractor for this MIME type
 * - timeout: extraction ran past its time limit and was killed
 * - too_complex: extraction ran out of its memory limit
 * - image_too_large: an image declares more pixels than may be decoded (an image bomb)
 *
 * Large spreadsheets are not refused: they are extracted up to the row cap and
 * marked `truncated` (see sheet.extractor.ts).
 */
export const REJECTION_REASONS = [
  'encrypted',
  'decompression_bomb',
  'too_many_pages',
  'too_large',
  'corrupt',
  'unsupported',
  'timeout',
  'too_complex',
  'image_too_large',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/**
 * A policy refusal. Matches the port's `{ code: 'rejected', reason }` shape, so
 * the pipeline can mark the version `rejected` with `reason` as its status reason.
 */
export class ExtractionRejected extends Error {
  override readonly name = 'ExtractionRejected';
  readonly code = 'rejected' as const;
  readonly reason: RejectionReason;
  /** Always false: the same bytes are refused again. Kept explicit for job handlers. */
  readonly retryable = false;

  constructor(reason: RejectionReason, message?: string, options?: { cause?: unknown }) {
    super(message ?? `Extraction refused: ${reason}`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.reason = reason;
  }
}

/** A fault (a crashed child, a library bug, a broken stream): worth a retry. */
export class ExtractionFailed extends Error {
  override readonly name = 'ExtractionFailed';
  readonly retryable = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
  }
}

export function isExtractionRejected(error: unknown): error is ExtractionRejected {
  return error instanceof ExtractionRejected;
}

export function isRejectionReason(value: unknown): value is RejectionReason {
  return typeof value === 'string' && (REJECTION_REASONS as readonly string[]).includes(value);
}
