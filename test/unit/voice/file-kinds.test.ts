import { describe, expect, it } from 'vitest';
import { ACCEPTED_TYPES } from '../../../src/domain/file-types.ts';
import type { FileKind } from '../../../src/domain/file.ts';
import { englishIndefinite, spokenKind, withDefiniteArticle, withIndefiniteArticle } from '../../../src/voice/file-kinds.ts';

describe('spokenKind', () => {
  it.each([
    ['document', 'application/pdf', 'a PDF', 'ein PDF', 'das PDF'],
    ['document', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'a Word document', 'ein Word-Dokument', 'das Word-Dokument'],
    ['document', 'application/msword', 'a Word document', 'ein Word-Dokument', 'das Word-Dokument'],
    ['document', 'application/rtf', 'a document', 'ein Dokument', 'das Dokument'],
    ['spreadsheet', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'a spreadsheet', 'eine Tabelle', 'die Tabelle'],
    ['spreadsheet', 'text/csv', 'a spreadsheet', 'eine Tabelle', 'die Tabelle'],
    ['text', 'text/plain', 'a text file', 'eine Textdatei', 'die Textdatei'],
    ['text', 'text/markdown; charset=utf-8', 'a text file', 'eine Textdatei', 'die Textdatei'],
    ['text', 'application/json', 'a data file', 'eine Datendatei', 'die Datendatei'],
    ['audio', 'audio/mpeg', 'a recording', 'eine Aufnahme', 'die Aufnahme'],
    ['image', 'image/png', 'an image', 'ein Bild', 'das Bild'],
    ['image', 'APPLICATION/PDF', 'a PDF', 'ein PDF', 'das PDF'],
    ['archive', 'application/zip', 'a file', 'eine Datei', 'die Datei'],
  ])('%s %s -> %s / %s', (kind, mime, en, deIndefinite, deDefinite) => {
    expect(withIndefiniteArticle('en', spokenKind('en', kind as FileKind, mime))).toBe(en);
    expect(withIndefiniteArticle('de', spokenKind('de', kind as FileKind, mime))).toBe(deIndefinite);
    expect(withDefiniteArticle('de', spokenKind('de', kind as FileKind, mime))).toBe(deDefinite);
  });

  it('has a noun for every accepted type in both languages', () => {
    for (const type of Object.values(ACCEPTED_TYPES)) {
      expect(spokenKind('en', type.kind, type.mime).noun).not.toBe('file');
      expect(spokenKind('de', type.kind, type.mime).noun).not.toBe('Datei');
    }
  });

  it('gives plurals', () => {
    expect(spokenKind('en', 'audio', 'audio/wav').plural).toBe('recordings');
    expect(spokenKind('de', 'image', 'image/jpeg').plural).toBe('Bilder');
  });
});

describe('articles', () => {
  it.each([
    ['PDF', 'a'],
    ['MP3', 'an'],
    ['SVG', 'an'],
    ['image', 'an'],
    ['eight-page report', 'an'],
    ['one-page report', 'a'],
    ['spreadsheet', 'a'],
    ['hour', 'an'],
    ['unit', 'a'],
    ['umbrella', 'an'],
  ])('%s takes "%s"', (words, article) => {
    expect(englishIndefinite(words)).toBe(article);
  });
});
