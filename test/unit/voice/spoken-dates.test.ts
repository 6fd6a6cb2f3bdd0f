import { describe, expect, it } from 'vitest';
import { normalizeSpokenQuery } from '../../../src/voice/normalize-query.ts';

const NOW = new Date('2025-06-25T10:00:00Z'); // a Wednesday
type Row = [spoken: string, text: string, from: string | null, to?: string];

const check = (locale: 'en' | 'de') => ([spoken, text, from, to]: Row) => {
  const result = normalizeSpokenQuery(spoken, locale, { now: NOW, timeZone: 'Europe/Berlin' });
  expect(result.text).toBe(text);
  expect(result.dates ? [result.dates.from.toISOString().slice(0, 10), result.dates.to.toISOString().slice(0, 10)] : null).toEqual(from === null ? null : [from, to ?? from]);
};

describe('spoken dates (en)', () => {
  it.each<Row>([
    ['the call from may fourteenth', 'call', '2025-05-14'],
    ['minutes from may 14th', 'minutes', '2025-05-14'],
    ['the report from last week', 'report', '2025-06-16', '2025-06-22'],
    ['invoices from this week', 'invoices', '2025-06-23', '2025-06-25'],
    ['what came in yesterday', 'came', '2025-06-24'],
    ['the budget from march', 'budget', '2025-03-01', '2025-03-31'],
    ['the offer from august', 'offer', '2024-08-01', '2024-08-31'],
    ['the notes from june twenty first', 'notes', '2025-06-21'],
    ['last month', '', '2025-05-01', '2025-05-31'],
    ['the invoice from last christmas', 'invoice last christmas', null],
  ])('%s', (...row) => check('en')(row));
});

describe('spoken dates (de)', () => {
  it.each<Row>([
    ['das protokoll vom achtzehnten juni', 'protokoll', '2025-06-18'],
    ['die rechnung vom 18. juni', 'rechnung', '2025-06-18'],
    ['die rechnungen im juni', 'rechnungen', '2025-06-01', '2025-06-30'],
    ['das angebot von letzter woche', 'angebot', '2025-06-16', '2025-06-22'],
    ['was kam gestern rein', 'kam rein', '2025-06-24'],
    ['der vertrag vom einundzwanzigsten mai', 'vertrag', '2025-05-21'],
  ])('%s', (...row) => check('de')(row));
});
