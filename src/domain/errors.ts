/**
 * Stable error codes of domain errors (DESIGN.md's first kind). Every failure a
 * client can see carries one of these codes plus a human sentence: HTTP error
 * bodies, and tool failures (`structuredContent.error.code`, the second kind).
 * Protocol faults (the third kind) are JSON-RPC codes of the MCP transports; why a
 * version ended where it did is `STATUS_REASONS` in `status-reasons.ts`.
 * Codes never change meaning once released: append, never rename.
 */
export const ERROR_CODES = {
  bad_request: { status: 400, message: 'The request is not valid.' },
  invalid_json: { status: 400, message: 'The request body is not valid JSON.' },
  validation_failed: { status: 400, message: 'Some fields are missing or have the wrong type.' },
  unauthenticated: { status: 401, message: 'A valid credential is required.' },
  token_expired: { status: 401, message: 'The session token has expired.' },
  forbidden: { status: 403, message: 'This credential may not do that.' },
  not_found: { status: 404, message: 'Nothing was found there.' },
  file_not_found: { status: 404, message: 'That file does not exist or is not visible to you.' },
  tenant_not_found: { status: 404, message: 'That tenant does not exist.' },
  method_not_allowed: { status: 405, message: 'That method is not allowed here.' },
  conflict: { status: 409, message: 'That conflicts with existing data.' },
  slug_taken: { status: 409, message: 'That tenant slug is already in use.' },
  payload_too_large: { status: 413, message: 'The upload is larger than allowed for its type.' },
  empty_upload: { status: 400, message: 'The upload is empty.' },
  missing_file_name: { status: 400, message: 'The upload needs a file name.' },
  invalid_file_name: { status: 400, message: 'The file name contains characters that are not allowed.' },
  type_not_allowed: { status: 415, message: 'That type of file is not accepted.' },
  type_mismatch: { status: 415, message: "The file's content does not match its name." },
  upload_aborted: { status: 400, message: 'The upload was cut off before it finished.' },
  upload_timeout: { status: 408, message: 'The upload took too long.' },
  rate_limited: { status: 429, message: 'Too many requests; slow down and try again shortly.' },
  link_expired: { status: 410, message: 'This link has expired.' },
  link_invalid: { status: 403, message: 'This link is not valid.' },
  unavailable: { status: 503, message: 'The service is not ready yet.' },
  internal: { status: 500, message: 'Something went wrong on our side.' },
  key_not_found: { status: 404, message: 'That API key does not exist for this tenant.' },
  request_timeout: { status: 408, message: 'The request body did not arrive in time.' },
  too_slow: { status: 408, message: 'The request body arrived too slowly.' },
  idempotency_in_progress: { status: 409, message: 'A request with this Idempotency-Key is still being processed; retry once it has finished.' },
  idempotency_key_reused: { status: 422, message: 'This Idempotency-Key was already used for a different request.' },
  version_not_found: { status: 404, message: 'That file has no version with this number.' },
  not_in_trash: { status: 409, message: 'That file is not in the trash.' },
  on_hold: { status: 409, message: 'A legal hold covers this file, so it cannot be deleted.' },
  retention_period: { status: 409, message: 'A retention rule keeps this file; it cannot be deleted yet.' },
  hold_not_found: { status: 404, message: 'That legal hold does not exist for this tenant.' },
  file_not_ready: { status: 409, message: 'That file is not ready: it is still being checked, or it was blocked.' },
  confirmation_invalid: { status: 409, message: 'That confirmation token is used, expired, or belongs to another call or file.' },
  code_limit_reached: { status: 409, message: 'Too many access codes are live for this tenant; revoke some or wait until they expire.' },
  quota_exceeded: { status: 413, message: "The tenant's storage quota is used up; delete files or ask for a larger quota." },
  upload_closed: { status: 410, message: 'This upload request has ended; ask for a new one.' },
  upload_limit_reached: { status: 409, message: 'This upload request already has as many files as it allows.' },
  invalid_time_zone: { status: 400, message: 'That is not a time zone name such as Europe/Berlin, America/Los_Angeles or UTC.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** A failure the caller can act on: a stable code, a human message, optional details. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message?: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message ?? ERROR_CODES[code].message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options?.details;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
