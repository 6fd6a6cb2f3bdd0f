/** Meilisearch date filters: the range's days are days of the tenant's time zone, across DST changes. */
import { describe, expect, it } from 'vitest';
import { dateRangeFilter, epochDay, zonedMidnight } from '../../../adapters/search/meilisearch-filters.ts';

const day = (iso: string) => epochDay(new Date(`${iso}T00:00:00Z`));
const at = (ms: number) => new Date(ms).toISOString();

describe('Meilisearch date filters in a time zone', () => {
  it.each([
    ['2026-03-03', 'America/Los_Angeles', '2026-03-03T08:00:00.000Z'],
    ['2026-03-08', 'America/Los_Angeles', '2026-03-08T08:00:00.000Z'], // DST begins at 02:00 that day
    ['2026-03-09', 'America/Los_Angeles', '2026-03-09T07:00:00.000Z'],
    ['2026-12-02', 'Pacific/Auckland', '2026-12-01T11:00:00.000Z'],
    ['2026-06-15', 'Europe/Berlin', '2026-06-14T22:00:00.000Z'],
    ['2026-06-15', 'UTC', '2026-06-15T00:00:00.000Z'],
  ])('%s begins in %s at %s', (iso, zone, expected) => {
    expect(at(zonedMidnight(day(iso), zone))).toBe(expected);
  });

  it('compares upload instants with the zone midnights, and stored days in UTC', () => {
    const range = { from: new Date('2026-03-03T00:00:00Z'), to: new Date('2026-03-03T00:00:00Z') };
    const d = day('2026-03-03');
    expect(dateRangeFilter(range)).toBe(`(created_day ${d} TO ${d} OR dates ${d} TO ${d})`);
    const start = Date.parse('2026-03-03T08:00:00Z') / 1000;
    expect(dateRangeFilter({ ...range, timeZone: 'America/Los_Angeles' })).toBe(`(created_at ${start} TO ${start + 86_400 - 1} OR dates ${d} TO ${d})`);
  });
});
