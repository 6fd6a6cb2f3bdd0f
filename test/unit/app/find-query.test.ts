/** find's spoken query as the index gets it: normalised words with the raw words they were read from, dates in the tenant's zone. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findFiles, spokenSearchQuery } from '../../../src/app/find.use-case.ts';
import type { Principal } from '../../../src/domain/principal.ts';
import type { SearchQuery } from '../../../src/ports/search-index.port.ts';

const TENANT = '11111111-1111-4111-8111-111111111111';
const visibility = { tenantId: TENANT, customerScope: null };
const words = (spoken: string, locale: 'en' | 'de' = 'en') => spokenSearchQuery(spoken, locale, visibility, { limit: 3 }).query.words?.map(({ text, alternatives }) => ({ text, ...(alternatives ? { alternatives } : {}) }));

describe('spokenSearchQuery: the raw words go to the index as alternatives', () => {
  it.each([
    ['invoice fifty two eighty one', 'en', [{ text: 'invoice' }, { text: '5281', alternatives: ['fifty', 'two', 'eighty'] }]],
    ['twelve thousand four hundred dollars', 'en', [{ text: '12400', alternatives: ['12,400', 'twelve', 'thousand', 'four', 'hundred'] }, { text: 'dollars' }]],
    ['cue two report', 'en', [{ text: 'q2', alternatives: ['cue', 'two'] }, { text: 'report' }]],
    ['zwölftausendvierhundert euro', 'de', [{ text: '12400', alternatives: ['12.400', 'zwölftausendvierhundert'] }, { text: 'euro' }]],
    ['invoice 4471', 'en', [{ text: 'invoice' }, { text: '4471' }]],
  ] as const)('%s (%s)', (spoken, locale, expected) => {
    expect(words(spoken, locale)).toEqual(expected);
  });
});

/**
 * Relative dates are days on the tenant's calendar: near midnight UTC a tenant in Auckland
 * (UTC+12 in June) or Los Angeles (UTC-7) is already on another day. findFiles takes the zone
 * from the principal (the tenant's setting, carried by its key or session).
 */
describe('findFiles: relative dates in the tenant time zone', () => {
  const principal = (timeZone?: string): Principal => ({
    kind: 'session', tenantId: TENANT, sessionId: randomUUID(), role: 'staff', scopes: ['read'], caller: {}, locale: 'en',
    expiresAt: new Date('2030-01-01T00:00:00Z'), ...(timeZone ? { timeZone } : {}),
  });
  const datesAsked = async (spoken: string, now: string, timeZone?: string, override?: string) => {
    const queries: SearchQuery[] = [];
    const search = { upsert: async () => {}, remove: async () => {}, search: async (query: SearchQuery) => (queries.push(query), []) };
    const catalog = { getFiles: async () => [] };
    await findFiles({ search, catalog }, principal(timeZone), { query: spoken, limit: 3, now: new Date(now), ...(override ? { timeZone: override } : {}) });
    const dates = queries[0]?.dates;
    return dates ? [dates.from.toISOString().slice(0, 10), dates.to.toISOString().slice(0, 10), dates.mode] : null;
  };

  it.each([
    // 2025-06-24 11:30 UTC is 23:30 on the 24th in Auckland, 04:30 on the 24th in Los Angeles.
    ['yesterday', '2025-06-24T11:30:00Z', 'Pacific/Auckland', ['2025-06-23', '2025-06-23', 'filter']],
    // An hour later Auckland is on the 25th: yesterday is the 24th, while UTC still says the 23rd.
    ['yesterday', '2025-06-24T12:30:00Z', 'Pacific/Auckland', ['2025-06-24', '2025-06-24', 'filter']],
    ['yesterday', '2025-06-24T12:30:00Z', undefined, ['2025-06-23', '2025-06-23', 'filter']],
    // 03:00 UTC on the 25th is 20:00 on the 24th in Los Angeles.
    ['the invoice from yesterday', '2025-06-25T03:00:00Z', 'America/Los_Angeles', ['2025-06-23', '2025-06-23', 'boost']],
    ['the invoice from yesterday', '2025-06-25T03:00:00Z', 'UTC', ['2025-06-24', '2025-06-24', 'boost']],
    // Monday 2025-06-23 05:00 UTC is still Sunday evening in Los Angeles: last week is the one before.
    ['last week', '2025-06-23T05:00:00Z', 'America/Los_Angeles', ['2025-06-09', '2025-06-15', 'filter']],
    ['last week', '2025-06-23T05:00:00Z', undefined, ['2025-06-16', '2025-06-22', 'filter']],
    // Sunday 2025-06-22 13:00 UTC is already Monday in Auckland: last week is the one that just ended.
    ['last week', '2025-06-22T13:00:00Z', 'Pacific/Auckland', ['2025-06-16', '2025-06-22', 'filter']],
    ['last month', '2025-06-30T23:30:00Z', 'Pacific/Auckland', ['2025-06-01', '2025-06-30', 'filter']],
    ['today', '2025-06-30T23:30:00Z', 'Pacific/Auckland', ['2025-07-01', '2025-07-01', 'filter']],
  ] as const)('%s at %s in %s', async (spoken, now, timeZone, expected) => {
    expect(await datesAsked(spoken, now, timeZone)).toEqual(expected);
  });

  it('an explicit zone in the input wins over the principal', async () => {
    expect(await datesAsked('yesterday', '2025-06-24T12:30:00Z', 'Pacific/Auckland', 'UTC')).toEqual(['2025-06-23', '2025-06-23', 'filter']);
  });
});
