/** Tenant time zones: IANA names only, in the runtime's spelling; offsets, abbreviations and unknown places refused. */
import { describe, expect, it } from 'vitest';
import { canonicalTimeZone } from '../../../src/domain/tenant.ts';

describe('canonicalTimeZone', () => {
  it.each([
    ['UTC', 'UTC'],
    ['utc', 'UTC'],
    ['Etc/UTC', 'Etc/UTC'],
    ['Europe/Berlin', 'Europe/Berlin'],
    ['america/los_angeles', 'America/Los_Angeles'],
    ['PACIFIC/AUCKLAND', 'Pacific/Auckland'],
    ['America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
    ['Etc/GMT+5', 'Etc/GMT+5'],
    // An alias Intl knows stays as given (the runtime may call Kyiv by its old name).
    ['Europe/Kyiv', 'Europe/Kyiv'],
  ])('%s -> %s', (given, stored) => {
    expect(canonicalTimeZone(given)).toBe(stored);
  });

  it.each(['', ' ', '+02:00', 'UTC+2', 'GMT', 'PST', 'CET', 'EST', 'Mars/Olympus', 'Europe/Berlin ', ' Europe/Berlin', 'Europe//Berlin', '../etc/passwd', `Europe/${'x'.repeat(60)}`, 'Europe/Berlin\u0000'])('refuses %j', (given) => {
    expect(canonicalTimeZone(given)).toBeNull();
  });
});
