import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../src/domain/errors.ts';
import { sanitizeFileName } from '../../../src/domain/file-name.ts';
import { fuzzParameters, hostileString, reportRuns } from '../../support/fuzz.ts';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

describe('sanitizeFileName under fuzzing', () => {
  it('either refuses with a file-name code or returns a clean, bounded name that sanitises to itself', () => {
    const parameters = fuzzParameters(3000);
    const runs = parameters.numRuns;
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(hostileString(400), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }).map((s) => `${s}.pdf`)), (raw) => {
        let name: string;
        try {
          name = sanitizeFileName(raw);
        } catch (error) {
          expect(isDomainError(error), String(error)).toBe(true);
          expect(['missing_file_name', 'invalid_file_name']).toContain((error as { code: string }).code);
          return;
        }
        accepted++;
        expect(name).not.toMatch(CONTROL);
        expect(name).not.toMatch(BIDI);
        expect(name).not.toMatch(/[/\\]/);
        expect(Buffer.byteLength(name, 'utf8')).toBeLessThanOrEqual(255);
        expect(name).toBe(name.normalize('NFC'));
        expect(name).toBe(name.trim());
        expect(name).not.toMatch(/\s\s/);
        expect(['', '.', '..']).not.toContain(name);
        expect(sanitizeFileName(name)).toBe(name);
      }),
      parameters,
    );
    reportRuns('sanitizeFileName', runs, `${accepted} accepted, the rest refused with a file-name code, none thrown otherwise`);
  });
});
