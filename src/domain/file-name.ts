import { DomainError } from './errors.ts';

/** Bidirectional-text controls: harmless as data, but they disguise extensions ("invoice\u202Efdp.exe"), so they are removed. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F-\u009F]/;
const MAX_NAME_BYTES = 255;

/**
 * Validate and tidy an uploaded file's display name. The name is only ever data:
 * it never builds a path or a storage key. Path separators and control
 * characters are refused outright rather than silently rewritten.
 */
export function sanitizeFileName(raw: string | null | undefined): string {
  if (raw === null || raw === undefined || raw.trim() === '') throw new DomainError('missing_file_name');
  if (/[/\\]/.test(raw)) throw new DomainError('invalid_file_name', 'The file name must not contain path separators.');
  if (CONTROL_CHARACTERS.test(raw)) throw new DomainError('invalid_file_name', 'The file name must not contain control characters.');
  const name = raw.normalize('NFC').replace(BIDI_CONTROLS, '').replace(/\s+/g, ' ').trim();
  if (name === '' || name === '.' || name === '..') throw new DomainError('invalid_file_name');
  if (Buffer.byteLength(name, 'utf8') > MAX_NAME_BYTES) throw new DomainError('invalid_file_name', `The file name must be at most ${MAX_NAME_BYTES} bytes.`);
  return name;
}
