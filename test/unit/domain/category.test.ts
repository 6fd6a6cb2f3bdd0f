import { describe, expect, it } from 'vitest';
import { CATEGORIES, classifyCategory, normalizeTags } from '../../../src/domain/category.ts';

describe('classifyCategory', () => {
  it.each([
    // name alone, English and German
    ['Invoice 4471.pdf', 'document', '', 'invoice'],
    ['Rechnung_2024-03.pdf', 'document', '', 'invoice'],
    ['Gutschrift März.pdf', 'document', '', 'invoice'],
    ['Angebot Dachsanierung.docx', 'document', '', 'offer'],
    ['Quote for Acme.pdf', 'document', '', 'offer'],
    ['Kostenvoranschlag.pdf', 'document', '', 'offer'],
    ['Service Agreement 2025.pdf', 'document', '', 'contract'],
    ['Mietvertrag Müller.pdf', 'document', '', 'contract'],
    ['NDA Globex.pdf', 'document', '', 'contract'],
    ['Quarterly Report Q2.pdf', 'document', '', 'report'],
    ['Jahresbericht 2023.pdf', 'document', '', 'report'],
    ['Minutes board meeting.docx', 'document', '', 'minutes'],
    ['Besprechungsprotokoll 12.03.docx', 'document', '', 'minutes'],
    ['Privacy Policy.pdf', 'document', '', 'policy'],
    ['Datenschutzerklärung.pdf', 'document', '', 'policy'],
    ['Reisekostenrichtlinie.pdf', 'document', '', null],
    ['ISO 9001 Zertifikat.pdf', 'document', '', 'certificate'],
    ['Arbeitszeugnis.pdf', 'document', '', null],
    ['Certificate of insurance.pdf', 'document', '', 'certificate'],
    // text decides when the name says nothing
    ['scan_0001.pdf', 'document', 'RECHNUNG Nr. 4471\nRechnungsnummer 4471, zahlbar bis 31.3.', 'invoice'],
    ['doc.pdf', 'document', 'Protokoll der Sitzung. Teilnehmer: Frau Weber, Herr Schmidt', 'minutes'],
    ['doc.pdf', 'document', 'This agreement is made between Acme and Globex. The agreement ends ...', 'contract'],
    // one stray cue deep in unrelated text is not enough
    ['notes.txt', 'text', 'we talked about the report briefly', null],
    // kinds as fallback, words win over them
    ['call-2024-05-01.mp3', 'audio', '', 'recording'],
    ['voicemail.wav', 'audio', 'please send the invoice', 'recording'],
    ['budget.xlsx', 'spreadsheet', '', 'spreadsheet'],
    ['Rechnungen 2024.xlsx', 'spreadsheet', '', 'invoice'],
    ['holiday.jpg', 'image', '', null],
  ] as const)('%s (%s) -> %s', (name, kind, text, expected) => {
    expect(classifyCategory({ name, kind, text })).toBe(expected);
  });

  it('only ever answers one of the categories', () => {
    expect(CATEGORIES).toHaveLength(9);
  });
});

describe('normalizeTags', () => {
  it('lower-cases, trims, collapses spaces and drops duplicates, keeping order', () => {
    expect(normalizeTags(['  Steuer 2024 ', 'steuer   2024', 'Müller', 'q2-final'])).toEqual({ tags: ['steuer 2024', 'müller', 'q2-final'], invalid: [] });
  });
  it('names tags with other characters', () => {
    expect(normalizeTags(['ok', '<script>', ' ', 'a/b'])).toEqual({ tags: ['ok'], invalid: ['<script>', ' ', 'a/b'] });
  });
});
