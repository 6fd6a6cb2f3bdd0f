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
    ['what came in yesterday', '', '2025-06-24'],
    ['what arrived on may fourteenth', '', '2025-05-14'],
    ['the budget from march', 'budget', '2025-03-01', '2025-03-31'],
    ['the offer from august', 'offer', '2024-08-01', '2024-08-31'],
    ['the notes from june twenty first', 'notes', '2025-06-21'],
    ['last month', '', '2025-05-01', '2025-05-31'],
    ['the invoice from last christmas', 'invoice last christmas', null],
    ['the fourteenth of may', '', '2025-05-14'],
    ['the invoice from may twenty second', 'invoice', '2025-05-22'],
    ['the twenty third of may', '', '2025-05-23'],
    ['minutes from the 14th of may', 'minutes', '2025-05-14'],
    ['may the fourteenth', '', '2025-05-14'],
    ['the report from june twenty twenty four', 'report', '2024-06-01', '2024-06-30'],
    ['the report from june of twenty twenty four', 'report', '2024-06-01', '2024-06-30'],
    ['may fourteenth twenty twenty four', '', '2024-05-14'],
    ['the day before yesterday', '', '2025-06-23'],
    ['the call from last wednesday', 'call', '2025-06-18'],
    ['last friday', '', '2025-06-20'],
    ['this week', '', '2025-06-23', '2025-06-25'],
    ['this year', '', '2025-01-01', '2025-06-25'],
    ['invoices from last year', 'invoices', '2024-01-01', '2024-12-31'],
    ['the report from last quarter', 'report', '2025-01-01', '2025-03-31'],
    ['this quarter', '', '2025-04-01', '2025-06-25'],
  ])('%s', (...row) => check('en')(row));
});

describe('spoken dates (de)', () => {
  it.each<Row>([
    ['das protokoll vom achtzehnten juni', 'protokoll', '2025-06-18'],
    ['die rechnung vom 18. juni', 'rechnung', '2025-06-18'],
    ['die rechnungen im juni', 'rechnungen', '2025-06-01', '2025-06-30'],
    ['das angebot von letzter woche', 'angebot', '2025-06-16', '2025-06-22'],
    ['was kam gestern rein', '', '2025-06-24'],
    ['was ist am achtzehnten juni eingegangen', '', '2025-06-18'],
    ['der vertrag vom einundzwanzigsten mai', 'vertrag', '2025-05-21'],
    ['die rechnungen im juni 2024', 'rechnungen', '2024-06-01', '2024-06-30'],
    ['das protokoll vom 14. mai 2024', 'protokoll', '2024-05-14'],
    ['was kam vorgestern', '', '2025-06-23'],
    ['die angebote von voriger woche', 'angebote', '2025-06-16', '2025-06-22'],
    ['vergangene woche', '', '2025-06-16', '2025-06-22'],
    ['diese woche', '', '2025-06-23', '2025-06-25'],
    ['der anruf vom letzten freitag', 'anruf', '2025-06-20'],
    ['die bilanz vom letzten jahr', 'bilanz', '2024-01-01', '2024-12-31'],
    ['dieses jahr', '', '2025-01-01', '2025-06-25'],
    ['der bericht vom letzten quartal', 'bericht', '2025-01-01', '2025-03-31'],
  ])('%s', (...row) => check('de')(row));
});
