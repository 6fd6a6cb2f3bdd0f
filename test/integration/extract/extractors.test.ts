/**
 * The family extractors, in process, on fixtures generated in code: normal files
 * per family, text caps, encodings, and the refusals that are cheap to provoke.
 * The heavy hostile files run through the isolated extractor (isolated.extractor.test.ts).
 */
import { Readable } from 'node:stream';
import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import { createInProcessExtractor } from '../../../adapters/extract/in-process.extractor.ts';
import { safePdfOptions } from '../../../adapters/extract/pdf.extractor.ts';
import type { Extraction } from '../../../src/ports/extractor.port.ts';
import { corruptWav, docx, germanLatin1Text, utf16Text, wav } from '../../fixtures/generate/media.fixture.ts';
import { encryptedPdf, reportPdf, textPdf, truncatedPdf } from '../../fixtures/generate/pdf.fixture.ts';
import { encryptedXlsx, manyRowXlsx, workbook } from '../../fixtures/generate/sheet.fixture.ts';
import { writeZip } from '../../fixtures/generate/zip.fixture.ts';

const MIB = 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const extractor = createInProcessExtractor();

function extract(data: Buffer, mimeType: string, maxTextBytes = MIB, x = extractor): Promise<Extraction> {
  return x.extract(Readable.from([data]), { mimeType, size: data.length, maxTextBytes });
}

async function rejection(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(() => undefined, (e: unknown) => e);
  expect(error, 'expected a refusal').toMatchObject({ code: 'rejected' });
  return (error as { reason: string }).reason;
}

describe('PDF', () => {
  it('opens PDFs with eval, font faces, system fonts, worker fetch, WASM and XFA off', () => {
    expect(safePdfOptions(new Uint8Array())).toMatchObject({
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      useWorkerFetch: false,
      useWasm: false,
      enableXfa: false,
    });
    expect(safePdfOptions(new Uint8Array()).cMapUrl).toMatch(/^\/.*\/pdfjs-dist\/cmaps\/$/); // a local folder, not a URL
  });

  it('extracts text, page count, title, author and language', async () => {
    const result = await extract(await reportPdf(3), 'application/pdf');
    expect(result.text).toContain('The report for the second quarter shows');
    expect(result.truncated).toBe(false);
    expect(result.metadata).toMatchObject({ pages: 3, pagesExtracted: 3, title: 'Q2 Financial Report', author: 'Anna Schmidt', language: 'en' });
    expect(result.metadata.wordCount).toBeGreaterThan(1000);
  });

  it('stops parsing pages once the text cap is reached', async () => {
    const result = await extract(textPdf(120), 'application/pdf', 5000);
    expect(result.truncated).toBe(true);
    expect(Buffer.byteLength(result.text)).toBeLessThanOrEqual(5000);
    expect(result.metadata.pages).toBe(120);
    expect(result.metadata.pagesExtracted).toBeLessThan(120);
  });

  it('refuses an encrypted PDF as encrypted (the fixture opens with its password)', async () => {
    const bytes = encryptedPdf();
    const parser = new PDFParse({ ...safePdfOptions(new Uint8Array(bytes)), password: 'secret' });
    expect((await parser.getText()).text).toContain('Confidential salary table');
    await parser.destroy();
    expect(await rejection(extract(bytes, 'application/pdf'))).toBe('encrypted');
  });

  it('refuses a truncated PDF and a PDF with a broken body as corrupt', async () => {
    expect(await rejection(extract(await truncatedPdf(), 'application/pdf'))).toBe('corrupt');
    const broken = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage\ntrailer << >>\n%%EOF\n');
    expect(await rejection(extract(broken, 'application/pdf'))).toBe('corrupt');
  });
});

describe('spreadsheets', () => {
  it.each([
    ['xlsx', XLSX, 'xlsx', true],
    ['ods', 'application/vnd.oasis.opendocument.spreadsheet', 'ods', false],
    ['xls', 'application/vnd.ms-excel', 'biff8', true],
  ] as const)('reads %s: sheet names, header rows, cell text', async (_name, mime, bookType, hasProps) => {
    const result = await extract(workbook(bookType), mime);
    expect(result.text).toContain('Müller GmbH\tSouth\t120500');
    expect(result.metadata).toMatchObject({ sheets: ['Q2 Sales', 'Support'], sheetCount: 2, rows: 6 });
    expect(result.metadata.sheetDetails).toEqual([
      { name: 'Q2 Sales', header: ['Customer', 'Region', 'Revenue'], rows: 3, rowsTotal: 3 },
      { name: 'Support', header: ['Month', 'Calls'], rows: 3, rowsTotal: 3 },
    ]);
    if (hasProps) expect(result.metadata).toMatchObject({ title: 'Q2 sales pipeline', author: 'Anna Schmidt' });
  });

  it('caps rows per sheet and marks the result truncated', async () => {
    const capped = createInProcessExtractor({ maxRowsPerSheet: 500 });
    const result = await extract(manyRowXlsx(20_000), XLSX, MIB, capped);
    expect(result.truncated).toBe(true);
    expect(result.metadata.sheetDetails).toEqual([{ name: 'Data', header: ['Amount'], rows: 500, rowsTotal: 20_001 }]);
  });

  it('refuses a password-protected xlsx as encrypted, and a non-container as corrupt', async () => {
    expect(await rejection(extract(encryptedXlsx(), XLSX))).toBe('encrypted');
    expect(await rejection(extract(Buffer.from('just some text, not a workbook'), XLSX))).toBe('corrupt');
  });

  it('refuses a zip on declared sizes alone, before inflating anything', async () => {
    // Three parts declaring 80 MiB each at 80:1 (under the ratio limit), 240 MiB in total; their data is garbage,
    // which would be `corrupt` if it were ever inflated.
    const garbage = Buffer.alloc(MIB, 0xff);
    const zip = writeZip(['a', 'b', 'c'].map((name) => ({ name: `xl/${name}.xml`, compressed: { data: garbage, size: 80 * MIB, crc: 0 } })));
    expect(await rejection(extract(zip, XLSX))).toBe('decompression_bomb');
  });
});

describe('text', () => {
  it('detects Windows-1252 German and UTF-16 English with a BOM', async () => {
    const german = await extract(germanLatin1Text(), 'text/plain');
    expect(german.text).toContain('Die Größe der Übersicht für März');
    expect(german.metadata).toMatchObject({ encoding: 'windows-1252', language: 'de' });
    const english = await extract(utf16Text(), 'text/markdown');
    expect(english.text.startsWith('The report')).toBe(true); // BOM stripped
    expect(english.metadata).toMatchObject({ encoding: 'utf16le', language: 'en' });
  });

  it('cuts at the byte cap on a character boundary', async () => {
    const text = `${'ä'.repeat(60)}😀${'ö'.repeat(60)}`;
    for (const cap of [101, 122, 123, 124, 125]) {
      const result = await extract(Buffer.from(text), 'text/plain', cap);
      expect(result.truncated).toBe(true);
      expect(Buffer.byteLength(result.text)).toBeLessThanOrEqual(cap);
      expect(result.text).not.toContain('\uFFFD');
      expect(text.startsWith(result.text)).toBe(true);
    }
  });

  it('reads CSV rows and header; refuses binary content as corrupt', async () => {
    const result = await extract(Buffer.from('Kunde;Betrag\nMüller;10\nSchmidt;20\n'), 'text/csv');
    expect(result.metadata).toMatchObject({ rows: 3, header: ['Kunde', 'Betrag'], encoding: 'utf8' });
    expect(await rejection(extract(Buffer.from([0x68, 0x69, 0x00, 0x01, 0x02]), 'text/plain'))).toBe('corrupt');
  });
});

describe('docx, audio, policy', () => {
  it('reads a docx: text, title, author, pages', async () => {
    const file = await docx(['Der Vertrag mit dem Kunden ist unterschrieben und das ist gut.', 'Die Zahlung wird im Mai fällig.'], { title: 'Vertrag', author: 'Jörg Maier', pages: 2 });
    const result = await extract(file, DOCX);
    expect(result.text).toBe('Der Vertrag mit dem Kunden ist unterschrieben und das ist gut.\n\nDie Zahlung wird im Mai fällig.');
    expect(result.metadata).toMatchObject({ title: 'Vertrag', author: 'Jörg Maier', pages: 2, language: 'de', wordCount: 17 });
  });

  it('reads WAV metadata with empty text; refuses a corrupt header', async () => {
    const result = await extract(wav({ seconds: 2, sampleRate: 16000 }), 'audio/wav');
    expect(result.text).toBe('');
    expect(result.metadata).toMatchObject({ durationSeconds: 2, sampleRate: 16000, channels: 1, codec: 'PCM', container: 'WAVE' });
    expect(await rejection(extract(corruptWav(), 'audio/wav'))).toBe('corrupt');
  });

  it('refuses unknown types and oversized input', async () => {
    expect(await rejection(extract(Buffer.from('x'), 'application/x-unknown'))).toBe('unsupported');
    const small = createInProcessExtractor({ maxInputBytes: 1000 });
    expect(await rejection(extract(Buffer.alloc(2000, 0x61), 'text/plain', MIB, small))).toBe('too_large');
  });
});
