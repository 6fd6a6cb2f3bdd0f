import { describe, expect, it } from 'vitest';
import { VERSION_STATUSES } from '../../../src/domain/file.ts';
import { LOCALES } from '../../../src/domain/tenant.ts';
import { speakDescription, type SpokenFileDetail } from '../../../src/voice/speech.ts';
import { detail, NOW, sentenceCount } from './speech-fixtures.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const yesterday = new Date('2025-06-09T15:00:00Z');
const sheet = detail({ name: 'Q2_sales_pipeline.xlsx', kind: 'spreadsheet', mimeType: XLSX, size: 340 * 1024, createdAt: NOW, updatedAt: NOW });

describe('speakDescription in English', () => {
  it.each<[string, SpokenFileDetail, string]>([
    ['a ready PDF with pages', detail({ pages: 24 }), 'The q2 financial report is a PDF of about two megabytes with twenty-four pages, uploaded on May 23rd.'],
    ['one page', detail({ pages: 1 }), 'The q2 financial report is a PDF of about two megabytes with one page, uploaded on May 23rd.'],
    ['no usable page count', detail({ pages: 2.5 }), 'The q2 financial report is a PDF of about two megabytes, uploaded on May 23rd.'],
    ['a spreadsheet from today', sheet, 'The Q2 sales pipeline is a spreadsheet of about three hundred forty kilobytes, uploaded today.'],
    ['versions', detail({ versionCount: 3, updatedAt: yesterday }), 'The q2 financial report is a PDF of about two megabytes, uploaded on May 23rd. There are three versions; the latest is from yesterday.'],
    ['still being checked', detail({ versionCount: 3, updatedAt: yesterday, status: 'scanning' }), "The q2 financial report is a PDF of about two megabytes, uploaded on May 23rd. There are three versions; the latest is from yesterday. It's still being checked; I'll tell you when it's ready."],
    ['unscanned', detail({ status: 'unscanned' }), "The q2 financial report is a PDF of about two megabytes, uploaded on May 23rd. It hasn't been virus-checked."],
    ['infected, reason not read', detail({ status: 'infected', statusReason: 'Eicar-Test-Signature FOUND' }), 'The q2 financial report is a PDF of about two megabytes, uploaded on May 23rd. It was blocked because it contains a virus.'],
    ['a summary', detail({ summary: 'Revenue grew 12 percent. Costs fell.' }), 'The q2 financial report is a PDF of about two megabytes, uploaded on May 23rd. Revenue grew 12 percent.'],
    ['summary, versions and status: versions give way', detail({ summary: 'Revenue grew.', versionCount: 2, status: 'failed' }), "The q2 financial report is a PDF of about two megabytes, uploaded on May 23rd. Revenue grew. Something went wrong while preparing it, so it isn't available."],
    ['an unspeakable name', detail({ name: '123e4567-e89b-12d3-a456-426614174000.pdf' }), "It is a PDF of about two megabytes, uploaded on May 23rd."],
    ['an image', detail({ name: 'site photo.jpg', kind: 'image', mimeType: 'image/jpeg', size: 3 * 1024 * 1024 }), 'The site photo is an image of about three megabytes, uploaded on May 23rd.'],
  ])('%s', (_, file, speech) => {
    expect(speakDescription('en', file, NOW)).toBe(speech);
  });
});

describe('speakDescription in German', () => {
  const bericht = detail({ name: 'Q2_Finanzbericht.pdf' });
  it.each<[string, SpokenFileDetail, string]>([
    ['PDF mit Seiten', { ...bericht, pages: 24 }, 'Das PDF Q2 Finanzbericht hat vierundzwanzig Seiten, ist etwa zwei Megabyte groß und wurde am 23. Mai hochgeladen.'],
    ['eine Seite', { ...bericht, pages: 1 }, 'Das PDF Q2 Finanzbericht hat eine Seite, ist etwa zwei Megabyte groß und wurde am 23. Mai hochgeladen.'],
    ['Tabelle von heute', { ...sheet, name: 'Q2_Vertriebspipeline.xlsx' }, 'Die Tabelle Q2 Vertriebspipeline ist etwa dreihundertvierzig Kilobyte groß und wurde heute hochgeladen.'],
    ['Versionen', { ...bericht, versionCount: 3, updatedAt: yesterday }, 'Das PDF Q2 Finanzbericht ist etwa zwei Megabyte groß und wurde am 23. Mai hochgeladen. Es gibt drei Versionen; die neueste ist von gestern.'],
    ['in Prüfung', { ...bericht, status: 'stored' }, 'Das PDF Q2 Finanzbericht ist etwa zwei Megabyte groß und wurde am 23. Mai hochgeladen. Die Datei wird noch geprüft; ich sage Ihnen Bescheid, sobald sie bereit ist.'],
    ['ungeprüft', { ...bericht, status: 'unscanned' }, 'Das PDF Q2 Finanzbericht ist etwa zwei Megabyte groß und wurde am 23. Mai hochgeladen. Die Datei wurde nicht auf Viren geprüft.'],
    ['abgelehnt', { ...bericht, status: 'rejected', statusReason: 'type_mismatch' }, 'Das PDF Q2 Finanzbericht ist etwa zwei Megabyte groß und wurde am 23. Mai hochgeladen. Die Datei wurde nicht angenommen und kann nicht geöffnet oder geteilt werden.'],
    ['Zusammenfassung', { ...bericht, summary: 'Der Umsatz ist am 3. Juni gestiegen. Mehr nicht.' }, 'Das PDF Q2 Finanzbericht ist etwa zwei Megabyte groß und wurde am 23. Mai hochgeladen. Der Umsatz ist am 3. Juni gestiegen.'],
    ['ohne Namen', { ...bericht, name: '9f86d081884c7d659a2feaa0c55ad015.pdf' }, 'Das PDF ist etwa zwei Megabyte groß und wurde am 23. Mai hochgeladen.'],
    ['Aufnahme aus dem Vorjahr', detail({ name: 'Anruf.m4a', kind: 'audio', mimeType: 'audio/mp4', size: 5 * 1024 * 1024, createdAt: new Date('2024-02-01T10:00:00Z') }), 'Die Aufnahme Anruf ist etwa fünf Megabyte groß und wurde am 1. Februar 2024 hochgeladen.'],
  ])('%s', (_, file, speech) => {
    expect(speakDescription('de', file, NOW)).toBe(speech);
  });
});

describe('speakDescription for every state', () => {
  it.each(LOCALES)('%s: one to three sentences, says when not ready, never the technical reason or an id', (locale) => {
    for (const status of VERSION_STATUSES) {
      for (const versionCount of [1, 4]) {
        const facts = { versionCount, statusReason: 'clamd: Win.Test.EICAR_HDB-1', summary: 'See https://example.com/123e4567-e89b-12d3-a456-426614174000 for details. More.', pages: 3 };
        const speech = speakDescription(locale, detail({ ...facts, status }), NOW);
        const whenReady = speakDescription(locale, detail({ ...facts, status: 'ready' }), NOW);
        expect(sentenceCount(speech)).toBeGreaterThanOrEqual(1);
        expect(sentenceCount(speech)).toBeLessThanOrEqual(3);
        expect(speech).not.toMatch(/clamd|EICAR|https?:|[0-9a-f]{8}-/i);
        if (status === 'ready') expect(speech).toBe(whenReady);
        else expect(speech).not.toBe(whenReady);
      }
    }
  });
});
