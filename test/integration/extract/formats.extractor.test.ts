/**
 * The formats of issue 11 through the isolated extractor with real children and
 * the real tools (tesseract, pdftoppm, antiword): e-mail with attachments,
 * OpenDocument, RTF, legacy Word and Excel, OCR of images and scanned pages, in
 * English and German; and the hostile file of each family, refused or read as
 * far as it can be, next to a normal file that still succeeds.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIsolatedExtractor, type IsolatedExtractor } from '../../../adapters/extract/isolated.extractor.ts';
import type { Extraction } from '../../../src/ports/extractor.port.ts';
import { outlookMsg, word97Doc } from '../../fixtures/generate/cfb.fixture.ts';
import { bombOdt, eml, nestedEml, odp, odt, rtf } from '../../fixtures/generate/formats.fixture.ts';
import { hugeImagePdf, hugePng, manyPageTiff } from '../../fixtures/generate/hostile-image.fixture.ts';
import { layoutPdf, scannedPdf, textImage, wordAccuracy } from '../../fixtures/generate/ocr.fixture.ts';
import { workbook } from '../../fixtures/generate/sheet.fixture.ts';
import { serviceAvailable } from '../../support/services.ts';
import { toolAvailable } from '../../../adapters/extract/tool-process.ts';
import { expectNormal, MIB, normalPdf, PDF, rejection } from './extraction.helpers.ts';

const ocrAvailable = await serviceAvailable('tesseract (tesseract-ocr, -eng, -deu)', () => toolAvailable('tesseract'));
const wordAvailable = await serviceAvailable('antiword and catdoc', async () => (await toolAvailable('antiword', '-h')) && toolAvailable('catdoc', '-V'));

const imageToolsAvailable = await serviceAvailable('cwebp and heif-enc (webp, libheif-examples)', async () => (await toolAvailable('cwebp', '-version')) && toolAvailable('heif-enc', '--version'));

/** Convert an image with a command-line encoder (IN and OUT in `args` stand for the files). */
async function convertImage(image: Buffer, command: string, args: string[], extension: string): Promise<Buffer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'voicefiles-image-'));
  try {
    await writeFile(path.join(dir, 'in.png'), image);
    await promisify(execFile)(command, args.map((arg) => (arg === 'IN' ? path.join(dir, 'in.png') : arg === 'OUT' ? path.join(dir, `out.${extension}`) : arg)));
    return await readFile(path.join(dir, `out.${extension}`));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const ODT = 'application/vnd.oasis.opendocument.text';
const CONTRACT = ['Kaufvertrag über Büromöbel', 'Zwischen der Müller GmbH in Hamburg und der Schulz AG', 'wird folgender Vertrag geschlossen.', 'Der Preis beträgt 4.471 Euro.'];
/** Enough text for orientation detection (Tesseract wants some fifty characters of evidence). */
const DELIVERY_NOTE = [
  'Delivery note 20417 for the Hamburg office',
  'The delivery lists forty boxes of printer paper,',
  'twelve toner cartridges and two office chairs.',
  'Every item was checked against the order and',
  'signed by the driver on Tuesday morning.',
];
const CARD = ['Dr. Jens Krause', 'Vertriebsleiter', 'Nordlicht Logistik GmbH', 'Telefon +49 40 5551234', 'jens.krause@nordlicht.example'];

let x: IsolatedExtractor;
beforeAll(async () => {
  x = createIsolatedExtractor({ timeoutMs: 20_000, ocrTimeoutMs: 60_000, concurrency: 2, warmChildren: 2 });
  await Promise.all([x.warmUp(), normalPdf()]);
});
afterAll(() => x.close());

function run(data: Buffer, mimeType: string, locale: 'en' | 'de' = 'en'): Promise<Extraction> {
  return x.extract(Readable.from([data]), { mimeType, size: data.length, maxTextBytes: MIB, locale });
}

async function readAll(extraction: Extraction): Promise<Record<string, string>> {
  const contents: Record<string, string> = {};
  for (const attachment of extraction.attachments ?? []) {
    const chunks: Buffer[] = [];
    for await (const chunk of attachment.open()) chunks.push(chunk as Buffer);
    contents[attachment.name] = Buffer.concat(chunks).toString('utf8');
  }
  return contents;
}

describe('documents: OpenDocument, RTF, legacy Word and Excel', () => {
  it('reads an .odt with its title and author, and an .odp slide by slide', async () => {
    const text = await run(odt(['Angebot Nummer 17', 'Wir liefern zwanzig Stühle nach Bremen.'], { title: 'Angebot', author: 'Petra Schulz' }), ODT);
    expect(text).toMatchObject({ text: 'Angebot Nummer 17\nWir liefern zwanzig Stühle nach Bremen.', metadata: { title: 'Angebot', author: 'Petra Schulz' } });
    const slides = await run(odp([['Quarterly review'], ['Revenue grew in the north']]), 'application/vnd.oasis.opendocument.presentation');
    expect(slides.text).toBe('Quarterly review\n\nRevenue grew in the north');
    expect(slides.metadata).toMatchObject({ slides: 2 });
  });

  it('reads RTF with code-page escapes and its info title', async () => {
    const result = await run(rtf(['Sehr geehrter Herr Krause,', 'anbei die Kündigung für Büro 4.'], { title: 'Kündigung' }), 'application/rtf');
    expect(result).toMatchObject({ text: 'Sehr geehrter Herr Krause,\nanbei die Kündigung für Büro 4.', metadata: { title: 'Kündigung' } });
  });

  it.runIf(wordAvailable)('reads a Word 97 .doc (antiword, catdoc where antiword gives up)', async () => {
    const result = await run(word97Doc(['Offer for the Miller account', 'Delivery of the signed contract is due on Tuesday.']), 'application/msword');
    expect(result.text).toBe('Offer for the Miller account\nDelivery of the signed contract is due on Tuesday.');
  });

  it('reads a legacy .xls with the spreadsheet library', async () => {
    const result = await run(workbook('biff8'), 'application/vnd.ms-excel');
    expect(result.metadata).toHaveProperty('sheets');
  });
});

describe('e-mail', () => {
  it('reads an .eml: header fields and body as text, attachments as files in the scratch directory', async () => {
    const message = eml({
      subject: 'Rechnung März',
      from: 'Hans Müller <hans.mueller@example.de>',
      to: 'Petra Schulz <petra@example.com>',
      body: 'Anbei die Rechnung für März.',
      attachments: [
        { name: 'Rechnung 4471.txt', contentType: 'text/plain', data: Buffer.from('Rechnung Nummer 4471 über 300 Euro') },
        { name: 'lieferschein.txt', contentType: 'text/plain', data: Buffer.from('Lieferschein zwanzig Stühle') },
      ],
    });
    const result = await run(message, 'message/rfc822', 'de');
    expect(result.text).toContain('From: Hans Müller <hans.mueller@example.de>');
    expect(result.text).toContain('Attachments: Rechnung 4471.txt, lieferschein.txt');
    expect(result.metadata).toMatchObject({ email: { subject: 'Rechnung März', from: { name: 'Hans Müller', address: 'hans.mueller@example.de' }, attachmentCount: 2, date: '2025-05-20T07:30:00.000Z' } });
    expect(await readAll(result)).toEqual({ 'Rechnung 4471.txt': 'Rechnung Nummer 4471 über 300 Euro', 'lieferschein.txt': 'Lieferschein zwanzig Stühle' });
    const file = (result.attachments![0] as unknown as { path: string }).path;
    await result.release!();
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reads an Outlook .msg with its recipient and attachment', async () => {
    const item = outlookMsg({ subject: 'Delivery note', from: { name: 'Anna Smith', address: 'anna@example.com' }, to: [{ name: 'Tom Baker', address: 'tom@example.com' }], body: 'The delivery note is attached.', attachments: [{ name: 'note.txt', data: Buffer.from('Forty boxes of paper') }] });
    const result = await run(item, 'application/vnd.ms-outlook');
    expect(result.text).toContain('To: Tom Baker <tom@example.com>');
    expect(result.metadata).toMatchObject({ email: { subject: 'Delivery note', from: { name: 'Anna Smith', address: 'anna@example.com' }, attachmentCount: 1 } });
    expect(await readAll(result)).toEqual({ 'note.txt': 'Forty boxes of paper' });
    await result.release!();
  });

  it('keeps a message inside a message as one .eml attachment (depth is followed by the pipeline)', async () => {
    const result = await run(nestedEml(50), 'message/rfc822');
    expect(result.attachments?.map((a) => [a.name, a.declaredType])).toEqual([['forwarded.eml', 'message/rfc822']]);
    await result.release!();
  });

  it('keeps at most the attachment limit and lists the rest', async () => {
    const few = createIsolatedExtractor({ limits: { maxAttachments: 2 }, concurrency: 1, warmChildren: 0 });
    const attachments = Array.from({ length: 5 }, (_, i) => ({ name: `part-${i}.txt`, contentType: 'text/plain', data: Buffer.from(`part ${i}`) }));
    const message = eml({ subject: 'Many', from: 'a@example.com', to: 'b@example.com', body: 'Five parts.', attachments });
    const result = await few.extract(Readable.from([message]), { mimeType: 'message/rfc822', size: message.length, maxTextBytes: MIB });
    expect(result.attachments).toHaveLength(2);
    expect(result.metadata).toMatchObject({ email: { attachmentCount: 5, attachmentsNotKept: 3 } });
    await result.release!();
    await few.close();
  });
});

describe.runIf(ocrAvailable)('OCR', () => {
  it('reads a German photo of a contract and an English one turned upside down', async () => {
    const [german, upsideDown] = await Promise.all([
      run(await textImage({ lines: CONTRACT }, { format: 'jpeg', jpegQuality: 60 }), 'image/jpeg', 'de'),
      run(await textImage({ lines: DELIVERY_NOTE, pageRotation: 180 }), 'image/png', 'en'),
    ]);
    expect(wordAccuracy(CONTRACT.join('\n'), german.text)).toBeGreaterThanOrEqual(0.9);
    expect(german.metadata).toMatchObject({ ocr: { pages: 1, language: 'de', models: 'deu+eng' } });
    expect(wordAccuracy(DELIVERY_NOTE.join('\n'), upsideDown.text)).toBeGreaterThanOrEqual(0.9);
  });

  it('keeps the lines of a business card, so the name, phone and e-mail stay findable', async () => {
    const card = await run(await textImage({ lines: CARD, size: [252, 144], fontSize: 11 }, { dpi: 300 }), 'image/png', 'de');
    expect(card.text.split('\n')).toEqual(expect.arrayContaining(['Dr. Jens Krause', 'jens.krause@nordlicht.example']));
    expect(card.text).toMatch(/\+49 40 5551234/);
  });

  it.runIf(imageToolsAvailable)('reads WebP, and HEIC through libheif', async () => {
    const png = await textImage({ lines: CARD, size: [252, 144], fontSize: 11 }, { dpi: 300 });
    const [webp, heic] = await Promise.all([convertImage(png, 'cwebp', ['-q', '80', 'IN', '-o', 'OUT'], 'webp'), convertImage(png, 'heif-enc', ['-q', '80', 'IN', '-o', 'OUT'], 'heic')]);
    for (const [data, mime] of [[webp, 'image/webp'], [heic, 'image/heic']] as const) {
      const result = await run(data, mime, 'de');
      expect(result.text, mime).toContain('Jens Krause');
      expect(result.metadata, mime).toMatchObject({ width: 1050, height: 600 });
    }
  });

  it('OCRs only the pages of a mixed PDF that have no text layer', async () => {
    const scanned = await scannedPdf([await textImage({ lines: CONTRACT })]);
    const { PDFDocument } = await import('pdf-lib');
    const mixed = await PDFDocument.create();
    for (const source of [await layoutPdf([{ lines: ['Cover letter with a real text layer'] }]), scanned]) {
      const loaded = await PDFDocument.load(source);
      for (const page of await mixed.copyPages(loaded, loaded.getPageIndices())) mixed.addPage(page);
    }
    const result = await run(Buffer.from(await mixed.save()), PDF, 'de');
    expect(result.text).toContain('Cover letter with a real text layer');
    expect(result.text).toContain('Müller GmbH');
    expect(result.metadata).toMatchObject({ pages: 2, ocr: { pages: 1 } });
    expect(result.metadata).not.toHaveProperty('scanned');
  });
});

describe('hostile files, each next to a normal one', () => {
  it.each([
    ['a zip bomb disguised as .odt', 'decompression_bomb', ODT, () => bombOdt(512)],
    ['a PNG of 30,000 x 30,000 pixels', 'image_too_large', 'image/png', () => hugePng()],
    ['a TIFF with 10,000 pages', 'too_many_pages', 'image/tiff', () => manyPageTiff(10_000)],
    ['a truncated JPEG', 'corrupt', 'image/jpeg', async () => (await textImage({ lines: CONTRACT }, { format: 'jpeg' })).subarray(0, 20_000)],
    ['an .odt that is not a zip', 'corrupt', ODT, () => Buffer.from('PK\u0003\u0004 not really')],
    ['RTF nested ten thousand groups deep', 'corrupt', 'application/rtf', () => Buffer.from(`{\\rtf1 ${'{'.repeat(10_001)}deep${'}'.repeat(10_001)}}`)],
  ] as const)('%s is refused as %s', async (_name, reason, mime, fixture) => {
    const [refusal] = await Promise.all([rejection(run(await fixture(), mime)), expectNormal(x)]);
    expect(refusal).toMatchObject({ reason, retryable: false });
  });

  it.runIf(ocrAvailable)('reads a PDF whose every page is a huge image as far as it can: no page decoded, each skipped by name', async () => {
    const [result] = await Promise.all([run(hugeImagePdf(3, 20_000), PDF), expectNormal(x)]);
    expect(result).toMatchObject({ text: '', truncated: true, metadata: { pages: 3, scanned: true, ocr: { pages: 0, pagesNeeded: 3, skipped: { image_too_large: 3 } } } });
  });
});
