import { describe, expect, it } from 'vitest';
import { calendarDay, spokenDay, spokenFromDate, spokenOnDate } from '../../../src/voice/dates.ts';

const now = new Date('2025-06-10T12:00:00Z');
const at = (iso: string) => new Date(iso);

describe('spokenOnDate and spokenDay (UTC)', () => {
  it.each([
    ['2025-06-10T00:00:00Z', 'today', 'today', 'heute', 'heute'],
    ['2025-06-10T23:59:59Z', 'today', 'today', 'heute', 'heute'],
    ['2025-06-09T23:00:00Z', 'yesterday', 'yesterday', 'gestern', 'gestern'],
    ['2025-06-08T12:00:00Z', 'on June 8th', 'June 8th', 'am 8. Juni', '8. Juni'],
    ['2025-05-23T09:00:00Z', 'on May 23rd', 'May 23rd', 'am 23. Mai', '23. Mai'],
    ['2025-06-01T09:00:00Z', 'on June 1st', 'June 1st', 'am 1. Juni', '1. Juni'],
    ['2025-03-02T09:00:00Z', 'on March 2nd', 'March 2nd', 'am 2. März', '2. März'],
    ['2025-01-11T09:00:00Z', 'on January 11th', 'January 11th', 'am 11. Januar', '11. Januar'],
    ['2024-05-23T09:00:00Z', 'on May 23rd, 2024', 'May 23rd, 2024', 'am 23. Mai 2024', '23. Mai 2024'],
    ['2024-06-10T12:00:00Z', 'on June 10th, 2024', 'June 10th, 2024', 'am 10. Juni 2024', '10. Juni 2024'],
    ['2025-06-11T09:00:00Z', 'on June 11th', 'June 11th', 'am 11. Juni', '11. Juni'],
  ])('%s -> "%s" / "%s"', (iso, enOn, enDay, deOn, deDay) => {
    expect(spokenOnDate('en', at(iso), now)).toBe(enOn);
    expect(spokenDay('en', at(iso), now)).toBe(enDay);
    expect(spokenOnDate('de', at(iso), now)).toBe(deOn);
    expect(spokenDay('de', at(iso), now)).toBe(deDay);
  });

  it('says "yesterday" across a new year, not the date with its year', () => {
    expect(spokenOnDate('en', at('2024-12-31T10:00:00Z'), at('2025-01-01T10:00:00Z'))).toBe('yesterday');
    expect(spokenOnDate('de', at('2024-12-30T10:00:00Z'), at('2025-01-01T10:00:00Z'))).toBe('am 30. Dezember 2024');
  });
});

describe('time zones decide the calendar day', () => {
  it.each([
    ['2025-06-09T23:30:00Z', 'UTC', 'yesterday'],
    ['2025-06-09T23:30:00Z', 'Europe/Berlin', 'today'],
    ['2025-06-10T02:00:00Z', 'UTC', 'today'],
    ['2025-06-10T02:00:00Z', 'America/New_York', 'yesterday'],
    ['2025-06-08T23:30:00Z', 'Europe/Berlin', 'yesterday'],
  ])('%s in %s -> %s', (iso, timeZone, expected) => {
    expect(spokenOnDate('en', at(iso), now, { timeZone })).toBe(expected);
  });

  it('names the day in the zone', () => {
    expect(calendarDay(at('2025-05-22T22:30:00Z'), 'Europe/Berlin')).toEqual({ year: 2025, month: 5, day: 23 });
    expect(spokenOnDate('de', at('2025-05-22T22:30:00Z'), now, { timeZone: 'Europe/Berlin' })).toBe('am 23. Mai');
  });

  it('refuses an unknown zone', () => {
    expect(() => spokenOnDate('en', now, now, { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});

describe('spokenFromDate', () => {
  it.each([
    ['2025-06-10T08:00:00Z', 'day', 'from today', 'von heute'],
    ['2025-06-09T08:00:00Z', 'day', 'from yesterday', 'von gestern'],
    ['2025-05-23T08:00:00Z', 'day', 'from May 23rd', 'vom 23. Mai'],
    ['2025-05-23T08:00:00Z', 'month', 'from May', 'vom Mai'],
    ['2024-05-23T08:00:00Z', 'month', 'from May 2024', 'vom Mai 2024'],
    ['2024-05-23T08:00:00Z', 'day', 'from May 23rd, 2024', 'vom 23. Mai 2024'],
    ['2025-06-10T08:00:00Z', 'month', 'from today', 'von heute'],
  ] as const)('%s at %s -> "%s" / "%s"', (iso, granularity, en, de) => {
    expect(spokenFromDate('en', at(iso), now, { granularity })).toBe(en);
    expect(spokenFromDate('de', at(iso), now, { granularity })).toBe(de);
  });

  it('says a month with "in" / "im" when asked when', () => {
    expect(spokenOnDate('en', at('2025-05-23T08:00:00Z'), now, { granularity: 'month' })).toBe('in May');
    expect(spokenOnDate('de', at('2025-05-23T08:00:00Z'), now, { granularity: 'month' })).toBe('im Mai');
  });
});
