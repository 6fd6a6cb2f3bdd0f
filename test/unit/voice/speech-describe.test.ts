import { describe, expect, it } from 'vitest';
import { VERSION_STATUSES } from '../../../src/domain/file.ts';
import { LOCALES } from '../../../src/domain/tenant.ts';
import { speakFileDescription, spokenOnDay, type DescribeFacts } from '../../../src/voice/describe-speech.ts';
import { spokenDuration } from '../../../src/voice/spoken-durations.ts';
import { described, NOW, sentenceCount } from './speech-fixtures.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tuesday = new Date('2025-06-03T15:00:00Z'); // NOW is Tuesday June 10th: a week ago is a date, not "Tuesday"
const friday = new Date('2025-06-06T15:00:00Z');
const yesterday = new Date('2025-06-09T15:00:00Z');
const lease = { lead: "Either party may end the lease with three months' notice. The rent is due monthly.", headings: ['Parties', 'Rent', 'Termination'], figures: ['EUR 1,450'] };
const sheets = { sheets: [{ name: 'Pipeline', columns: ['Customer', 'Amount', 'Stage', 'Owner'] }, { name: 'Forecast', columns: [] }] };
const recording = described({ name: 'call with acme.m4a', kind: 'audio', mimeType: 'audio/mp4', size: 5 * 1024 * 1024, durationSeconds: 262 });
const mail = described({ name: 'Angebot Schäfer.eml', mimeType: 'message/rfc822', email: { from: 'Petra Schulz', date: friday, attachments: 2 } });
const attachment = described({ name: 'Rechnung_4471.pdf', pages: 2, attachmentOf: { from: 'Petra Schulz', date: yesterday } });

describe('describe speech in English: what it is, how long, from when, what it says', () => {
  it.each<[string, DescribeFacts, string]>([
    ['pages and a lead sentence', described({ pages: 24, content: lease }), "The q2 financial report is a PDF of twenty-four pages, uploaded on May 23rd. It says: Either party may end the lease with three months' notice."],
    ['one page, no content', described({ pages: 1, content: null }), 'The q2 financial report is a PDF of one page, uploaded on May 23rd.'],
    ['no usable page count: the size', described({ pages: 2.5 }), 'The q2 financial report is a PDF of about two megabytes, uploaded on May 23rd.'],
    ['version three, updated on a weekday this week', described({ pages: 4, version: 3, uploadedAt: friday }), 'The q2 financial report is a PDF of four pages, version three, updated on Friday.'],
    ['scanned', described({ pages: 4, scanned: true, content: { headings: ['Parties', 'Rent', 'Termination'] } }), 'The q2 financial report is a scanned PDF of four pages, uploaded on May 23rd. It covers Parties, Rent, and Termination.'],
    ['a spreadsheet: sheets and headers', described({ name: 'Q2_sales_pipeline.xlsx', kind: 'spreadsheet', mimeType: XLSX, size: 340 * 1024, uploadedAt: NOW, content: sheets }), 'The Q2 sales pipeline is a spreadsheet of about three hundred forty kilobytes, uploaded today. It has two sheets: Pipeline and Forecast; the first has columns such as Customer, Amount, and Stage.'],
    ['a CSV: its columns', described({ name: 'leads.csv', kind: 'spreadsheet', mimeType: 'text/csv', size: 4000, content: { sheets: [{ name: null, columns: ['Name', 'Phone'] }] } }), 'The leads is a spreadsheet of about four kilobytes, uploaded on May 23rd. Its columns include Name and Phone.'],
    ['a recording', { ...recording, content: { lead: 'hello this is john from acme about the delivery' } }, 'The call with acme is a recording of about four minutes, uploaded on May 23rd. It says: hello this is john from acme about the delivery.'],
    ['an e-mail', { ...mail, content: { lead: 'Anbei unser Angebot für die Dachsanierung.' } }, 'This is an e-mail from Petra Schulz about Angebot Schäfer, sent on Friday, with two attachments. It says: Anbei unser Angebot für die Dachsanierung.'],
    ['an e-mail from an address', described({ name: 'x.eml', title: 'Invoice', email: { from: 'billing@acme.example', attachments: 1 } }), 'This is an e-mail from billing at acme dot example about Invoice, sent on May 23rd, with one attachment.'],
    ['an attachment', { ...attachment, content: { figures: ['EUR 1,450'] } }, 'The Rechnung 4471 is a PDF of two pages, which came with an e-mail from Petra Schulz yesterday. Key figures include EUR 1,450.'],
    ["a model's sentence", described({ content: { sentence: 'A lease for the flat at Hauptstraße 4, ending with three months notice. Rent is EUR 1,450.' } }), 'The q2 financial report is a PDF of about two megabytes, uploaded on May 23rd. A lease for the flat at Hauptstraße 4, ending with three months notice.'],
    ['still being checked: nothing of the content', described({ status: 'scanning', content: lease }), "The q2 financial report is a PDF of about two megabytes, uploaded on May 23rd. It's still being checked; I'll tell you when it's ready."],
    ['infected', described({ status: 'infected' }), 'The q2 financial report is a PDF of about two megabytes, uploaded on May 23rd. It was blocked because it contains a virus.'],
    ['rejected', described({ status: 'rejected' }), "The q2 financial report is a PDF of about two megabytes, uploaded on May 23rd. It wasn't accepted, so it can't be opened or shared."],
    ['an unspeakable name', described({ name: '123e4567-e89b-12d3-a456-426614174000.pdf' }), 'It is a PDF of about two megabytes, uploaded on May 23rd.'],
  ])('%s', (_, facts, speech) => {
    expect(speakFileDescription('en', facts, NOW)).toBe(speech);
  });
});

describe('describe speech in German', () => {
  const bericht = described({ name: 'Q2_Finanzbericht.pdf' });
  it.each<[string, DescribeFacts, string]>([
    ['Seiten und Leitsatz', { ...bericht, pages: 24, content: { lead: 'Der Umsatz ist am 3. Juni um 12 Prozent gestiegen. Mehr nicht.' } }, 'Das PDF Q2 Finanzbericht hat vierundzwanzig Seiten und wurde am 23. Mai hochgeladen. Darin steht: Der Umsatz ist am 3. Juni um 12 Prozent gestiegen.'],
    ['Version drei', { ...bericht, pages: 4, version: 3, uploadedAt: friday }, 'Das PDF Q2 Finanzbericht hat vier Seiten; Version drei wurde am Freitag hochgeladen.'],
    ['gescannt, Überschriften', { ...bericht, pages: 1, scanned: true, content: { headings: ['Parteien', 'Miete', 'Kündigung'] } }, 'Das gescannte PDF Q2 Finanzbericht hat eine Seite und wurde am 23. Mai hochgeladen. Es geht um Parteien, Miete und Kündigung.'],
    ['Tabelle', described({ name: 'Q2_Vertriebspipeline.xlsx', kind: 'spreadsheet', mimeType: XLSX, size: 340 * 1024, uploadedAt: NOW, content: sheets }), 'Die Tabelle Q2 Vertriebspipeline ist etwa dreihundertvierzig Kilobyte groß und wurde heute hochgeladen. Es gibt zwei Blätter: Pipeline und Forecast; das erste hat Spalten wie Customer, Amount und Stage.'],
    ['Aufnahme', { ...recording, name: 'Anruf.m4a' }, 'Die Aufnahme Anruf dauert etwa vier Minuten und wurde am 23. Mai hochgeladen.'],
    ['E-Mail', mail, 'Das ist eine E-Mail von Petra Schulz zum Thema Angebot Schäfer, gesendet am Freitag, mit zwei Anhängen.'],
    ['Anhang', { ...attachment, content: { figures: ['EUR 1,450', '12%'] } }, 'Das PDF Rechnung 4471 hat zwei Seiten und kam gestern als Anhang einer E-Mail von Petra Schulz. Wichtige Zahlen: EUR 1,450 und 12%.'],
    ['in Prüfung', { ...bericht, status: 'stored', content: lease }, 'Das PDF Q2 Finanzbericht ist etwa zwei Megabyte groß und wurde am 23. Mai hochgeladen. Die Datei wird noch geprüft; ich sage Ihnen Bescheid, sobald sie bereit ist.'],
    ['infiziert', { ...bericht, status: 'infected' }, 'Das PDF Q2 Finanzbericht ist etwa zwei Megabyte groß und wurde am 23. Mai hochgeladen. Die Datei wurde gesperrt, weil sie einen Virus enthält.'],
    ['ohne Namen', { ...bericht, name: '9f86d081884c7d659a2feaa0c55ad015.pdf' }, 'Das PDF ist etwa zwei Megabyte groß und wurde am 23. Mai hochgeladen.'],
  ])('%s', (_, facts, speech) => {
    expect(speakFileDescription('de', facts, NOW)).toBe(speech);
  });
});

describe('describe speech for every state and shape', () => {
  it.each(LOCALES)('%s: one or two sentences, says when not ready, never a URL, an id or the technical reason', (locale) => {
    const contents = [null, lease, sheets, { sentence: 'See https://example.com/123e4567-e89b-12d3-a456-426614174000 for details. More. Even more.' }];
    for (const status of VERSION_STATUSES) {
      for (const version of [1, 4]) {
        for (const content of contents) {
          for (const base of [described({ pages: 3 }), recording, mail, attachment]) {
            const speech = speakFileDescription(locale, { ...base, version, status, content }, NOW);
            expect(sentenceCount(speech), speech).toBeGreaterThanOrEqual(1);
            expect(sentenceCount(speech), speech).toBeLessThanOrEqual(2);
            expect(speech).not.toMatch(/https?:|[0-9a-f]{8}-|\bundefined\b|\bnull\b|\bNaN\b/);
            if (status !== 'ready') expect(speech).not.toMatch(/notice|Customer/);
          }
        }
      }
    }
  });

  it('says a weekday only within the last week', () => {
    expect(spokenOnDay('en', yesterday, NOW)).toBe('yesterday');
    expect(spokenOnDay('en', friday, NOW)).toBe('on Friday');
    expect(spokenOnDay('de', friday, NOW)).toBe('am Freitag');
    expect(spokenOnDay('en', tuesday, NOW)).toBe('on June 3rd');
    expect(spokenOnDay('de', new Date('2025-06-09T23:30:00Z'), NOW, { timeZone: 'Europe/Berlin' })).toBe('heute');
  });

  it.each<[number, string, string]>([
    [42, 'forty-two seconds', 'zweiundvierzig Sekunden'],
    [61, 'about one minute', 'etwa eine Minute'],
    [262, 'about four minutes', 'etwa vier Minuten'],
    [3600, 'about one hour', 'etwa eine Stunde'],
    [4830, 'about one hour and twenty-one minutes', 'etwa eine Stunde und einundzwanzig Minuten'],
  ])('durations: %s s', (seconds, en, de) => {
    expect(spokenDuration('en', seconds)).toBe(en);
    expect(spokenDuration('de', seconds)).toBe(de);
  });
});
