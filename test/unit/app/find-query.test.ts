/** find's spoken query as the index gets it: normalised words with the raw words they were read from. */
import { describe, expect, it } from 'vitest';
import { spokenSearchQuery } from '../../../src/app/find.use-case.ts';

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
