import type { VersionStatus } from './file.ts';

/**
 * Why a version ended where it did: the `status_reason` codes clients see on
 * `GET /v1/files/<id>`, in version events and in the audit trail. One table, so
 * the pipeline can only write a code listed here, and every code has a sentence
 * for people. Codes never change meaning once released: append, never rename.
 *
 * The three kinds of error of DESIGN.md each have their table: domain errors
 * (`ERROR_CODES` in `errors.ts`, also the `error.code` of tool failures), these
 * version reasons, and protocol faults (JSON-RPC codes of the MCP transports).
 * Details such as a virus signature live in the version's metadata, never in the code.
 */
export const STATUS_REASONS = {
  infected: { status: 'infected', message: 'The virus scanner found malware in the file; it is quarantined and never served.' },
  too_large_to_scan: { status: 'rejected', message: 'The file is larger than the virus scanner can check, so it was not accepted.' },
  unscannable: { status: 'rejected', message: 'The virus scanner could not look inside the file, so it was not accepted.' },
  encrypted: { status: 'rejected', message: 'The file is protected by a password, so it cannot be checked or read.' },
  decompression_bomb: { status: 'rejected', message: 'The file would unpack to far more data than is allowed.' },
  too_many_pages: { status: 'rejected', message: 'The document has more pages than are allowed.' },
  too_large: { status: 'rejected', message: 'The file is larger than its text can be read from.' },
  corrupt: { status: 'rejected', message: 'The file is damaged or incomplete.' },
  unsupported: { status: 'rejected', message: 'Text cannot be read from this type of file.' },
  timeout: { status: 'rejected', message: 'Reading the file took longer than is allowed.' },
  too_complex: { status: 'rejected', message: 'Reading the file needed more memory than is allowed.' },
  scanner_unavailable: { status: 'failed', message: 'No virus scanner answered, so the file was not made available.' },
  scan_failed: { status: 'failed', message: 'Scanning the file failed repeatedly.' },
  extract_failed: { status: 'failed', message: 'Reading the text of the file failed repeatedly.' },
  transcribe_failed: { status: 'failed', message: 'Transcribing the recording failed repeatedly.' },
  index_failed: { status: 'failed', message: 'Adding the file to the search index failed repeatedly.' },
  image_too_large: { status: 'rejected', message: 'The image has more pixels than may be opened.' },
} as const satisfies Record<string, { status: VersionStatus; message: string }>;

export type StatusReason = keyof typeof STATUS_REASONS;

export function isStatusReason(value: unknown): value is StatusReason {
  return typeof value === 'string' && Object.hasOwn(STATUS_REASONS, value);
}

/**
 * A stored reason as clients see it: its code and sentence. Versions written
 * before this table kept details in the reason (`infected:<signature>`); the part
 * before the colon is the code. An unknown value keeps its code without a sentence.
 */
export function describeStatusReason(stored: string | null): { code: string; message: string | null } | null {
  if (stored === null || stored === '') return null;
  const code = stored.split(':', 1)[0] ?? stored;
  return isStatusReason(code) ? { code, message: STATUS_REASONS[code].message } : { code: stored, message: null };
}
