import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../src/domain/tenant.ts';
import { speakFindResults, spokenLabel, type SpokenFile } from '../../../src/voice/speech.ts';
import { file, NOW, recording, sentenceCount, spreadsheet } from './speech-fixtures.ts';

const report = file();
const pipeline = spreadsheet();
const call = recording();
const mayReport = file({ name: 'Monthly report.pdf', createdAt: new Date('2025-05-02T09:00:00Z') });
const mayReportLater = file({ name: 'Monthly report.pdf', createdAt: new Date('2025-05-30T09:00:00Z') });

describe('speakFindResults in English', () => {
  it.each<[string, SpokenFile[], boolean | number, string]>([
    ['nothing', [], false, "I couldn't find anything called that. Could you tell me who sent it or roughly when?"],
    ['one', [report], false, 'I found the q2 financial report, a PDF from May 23rd.'],
    ['one from today', [call], false, 'I found the call with acme, a recording from today.'],
    ['one with a title', [file({ title: 'Quarterly Figures' })], false, 'I found the Quarterly Figures, a PDF from May 23rd.'],
    ['one with an unspeakable name', [file({ name: '123e4567-e89b-12d3-a456-426614174000.pdf' })], false, 'I found a PDF from May 23rd.'],
    ['one still being checked', [file({ status: 'scanning' })], false, "I found the q2 financial report, a PDF from May 23rd. It's still being checked; I'll tell you when it's ready."],
    ['one from last year', [file({ createdAt: new Date('2024-11-03T09:00:00Z') })], false, 'I found the q2 financial report, a PDF from November 3rd, 2024.'],
    ['two', [report, pipeline], false, 'I found two: the q2 financial report PDF from May, or the Q2 sales pipeline spreadsheet from June. Which one?'],
    ['three', [report, pipeline, call], false, 'I found three: the q2 financial report PDF from May, the Q2 sales pipeline spreadsheet from June, or the call with acme recording from today. Which one?'],
    ['two in the same month', [mayReport, mayReportLater], false, 'I found two: the Monthly report PDF from May 2nd, or the Monthly report PDF from May 30th. Which one?'],
    ['two on the same day', [report, file({ size: 12 * 1024 })], false, 'I found two: the q2 financial report PDF of about two megabytes from May 23rd, or the q2 financial report PDF of about twelve kilobytes from May 23rd. Which one?'],
    ['a name ending in its kind', [spreadsheet({ name: 'sales spreadsheet.xlsx' }), report], false, 'I found two: the sales spreadsheet from June, or the q2 financial report PDF from May. Which one?'],
    ['five', [report, pipeline, call, mayReport, mayReportLater], false, 'I found five: the q2 financial report PDF from May, the Q2 sales pipeline spreadsheet from June, the call with acme recording from today, and two more. Can you narrow it down?'],
    ['three and four more', [report, pipeline, call], 4, 'I found seven: the q2 financial report PDF from May, the Q2 sales pipeline spreadsheet from June, the call with acme recording from today, and four more. Can you narrow it down?'],
    ['three and one more', [report, pipeline, call], 1, 'I found four: the q2 financial report PDF from May, the Q2 sales pipeline spreadsheet from June, the call with acme recording from today, and one more. Can you narrow it down?'],
    ['three and an unknown number more', [report, pipeline, call], true, 'I found several, including the q2 financial report PDF from May, the Q2 sales pipeline spreadsheet from June, and the call with acme recording from today. Can you narrow it down?'],
  ])('%s', (_, hits, more, speech) => {
    expect(speakFindResults('en', hits, NOW, more)).toBe(speech);
  });
});

describe('speakFindResults in German', () => {
  const bericht = file({ name: 'Q2_Finanzbericht.pdf' });
  const pipelineDe = spreadsheet({ name: 'Q2_Vertriebspipeline.xlsx' });
  const anruf = recording({ name: 'Anruf Müller.m4a' });
  it.each<[string, SpokenFile[], boolean | number, string]>([
    ['nichts', [], false, 'Dazu habe ich leider nichts gefunden. Wissen Sie, wer es geschickt hat oder ungefähr wann?'],
    ['eine', [bericht], false, 'Ich habe das PDF Q2 Finanzbericht vom 23. Mai gefunden.'],
    ['eine Aufnahme von heute', [anruf], false, 'Ich habe die Aufnahme Anruf Müller von heute gefunden.'],
    ['ohne sprechbaren Namen', [spreadsheet({ name: '9f86d081884c7d659a2feaa0c55ad015.xlsx' })], false, 'Ich habe eine Tabelle vom 2. Juni gefunden.'],
    ['noch in Prüfung', [file({ name: 'Q2_Finanzbericht.pdf', status: 'extracting' })], false, 'Ich habe das PDF Q2 Finanzbericht vom 23. Mai gefunden. Die Datei wird noch geprüft; ich sage Ihnen Bescheid, sobald sie bereit ist.'],
    ['aus dem Vorjahr', [file({ name: 'Q2_Finanzbericht.pdf', createdAt: new Date('2024-11-03T09:00:00Z') })], false, 'Ich habe das PDF Q2 Finanzbericht vom 3. November 2024 gefunden.'],
    ['zwei', [bericht, pipelineDe], false, 'Ich habe zwei gefunden: das PDF Q2 Finanzbericht vom Mai oder die Tabelle Q2 Vertriebspipeline vom Juni. Welche Datei meinen Sie?'],
    ['drei', [bericht, pipelineDe, anruf], false, 'Ich habe drei gefunden: das PDF Q2 Finanzbericht vom Mai, die Tabelle Q2 Vertriebspipeline vom Juni oder die Aufnahme Anruf Müller von heute. Welche Datei meinen Sie?'],
    ['gleicher Tag', [bericht, file({ name: 'Q2_Finanzbericht.pdf', size: 500 })], false, 'Ich habe zwei gefunden: das PDF Q2 Finanzbericht vom 23. Mai mit etwa zwei Megabyte oder das PDF Q2 Finanzbericht vom 23. Mai mit weniger als einem Kilobyte. Welche Datei meinen Sie?'],
    ['Name endet mit der Art', [spreadsheet({ name: 'Preisliste Tabelle.xlsx' }), bericht], false, 'Ich habe zwei gefunden: die Preisliste Tabelle vom Juni oder das PDF Q2 Finanzbericht vom Mai. Welche Datei meinen Sie?'],
    ['drei und eine weitere', [bericht, pipelineDe, anruf], 1, 'Ich habe vier gefunden: das PDF Q2 Finanzbericht vom Mai, die Tabelle Q2 Vertriebspipeline vom Juni, die Aufnahme Anruf Müller von heute und eine weitere. Können Sie es etwas eingrenzen?'],
    ['drei und vier weitere', [bericht, pipelineDe, anruf], 4, 'Ich habe sieben gefunden: das PDF Q2 Finanzbericht vom Mai, die Tabelle Q2 Vertriebspipeline vom Juni, die Aufnahme Anruf Müller von heute und vier weitere. Können Sie es etwas eingrenzen?'],
    ['mehrere', [bericht, pipelineDe], true, 'Ich habe mehrere gefunden, darunter das PDF Q2 Finanzbericht vom Mai und die Tabelle Q2 Vertriebspipeline vom Juni. Können Sie es etwas eingrenzen?'],
  ])('%s', (_, hits, more, speech) => {
    expect(speakFindResults('de', hits, NOW, more)).toBe(speech);
  });
});

describe('speakFindResults rules for any result list', () => {
  const NAMES = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];
  const UUID = '123e4567-e89b-12d3-a456-426614174000';
  const kinds = [file, spreadsheet, recording];
  const cases = NAMES.flatMap((_, count) =>
    [false, true, 5].map((more) => ({
      more,
      hits: NAMES.slice(0, count).map((name, i) => kinds[i % 3]!({ name: `${name} ${UUID} report.pdf`, title: i === 1 ? `${name} https://example.com/x` : null })),
    })),
  );

  it.each(LOCALES)('%s: at most three results said, one to three sentences, no id, hash or URL', (locale) => {
    for (const { hits, more } of cases) {
      const speech = speakFindResults(locale, hits, NOW, more);
      expect(NAMES.filter((name) => speech.includes(name)).length).toBeLessThanOrEqual(3);
      expect(sentenceCount(speech)).toBeGreaterThanOrEqual(1);
      expect(sentenceCount(speech)).toBeLessThanOrEqual(3);
      expect(speech).not.toMatch(/[0-9a-f]{8}-|https?:|www\.|\/\//i);
    }
  });

  it('takes the time zone into account', () => {
    const lateEvening = file({ createdAt: new Date('2025-06-09T23:30:00Z') });
    expect(speakFindResults('en', [lateEvening], NOW)).toBe('I found the q2 financial report, a PDF from yesterday.');
    expect(speakFindResults('en', [lateEvening], NOW, false, { timeZone: 'Europe/Berlin' })).toBe('I found the q2 financial report, a PDF from today.');
  });
});

describe('spokenLabel', () => {
  it.each([
    [{ name: 'q2_report.pdf', title: null }, 'q2 report'],
    [{ name: 'q2_report.pdf', title: 'Second Quarter Report' }, 'Second Quarter Report'],
    [{ name: 'q2_report.pdf', title: '   ' }, 'q2 report'],
    [{ name: 'q2_report.pdf', title: 'https://example.com' }, 'q2 report'],
  ])('%j -> %s', (input, label) => {
    expect(spokenLabel(input)).toBe(label);
  });
});
