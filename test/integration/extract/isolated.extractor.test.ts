/**
 * The isolated extractor with real child processes: every hostile fixture gets its
 * exact outcome while a normal file extracted at the same time still succeeds.
 * Time and memory limits: isolated-limits.extractor.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIsolatedExtractor, type IsolatedExtractor } from '../../../adapters/extract/isolated.extractor.ts';
import { corruptWav, docx, manyRowCsv, wav } from '../../fixtures/generate/media.fixture.ts';
import { encryptedPdf, manyPagePdf, truncatedPdf } from '../../fixtures/generate/pdf.fixture.ts';
import { bombXlsx, encryptedXlsx, lyingBombXlsx, manyRowXlsx, workbook } from '../../fixtures/generate/sheet.fixture.ts';
import { DOCX, expectNormal, extract, MIB, normalPdf, PDF, rejection, XLSX } from './extraction.helpers.ts';

describe('isolated extractor: hostile files next to a normal one', () => {
  let x: IsolatedExtractor;
  beforeAll(async () => {
    x = createIsolatedExtractor({ timeoutMs: 20_000, maxMemoryMb: 256, concurrency: 2, warmChildren: 2 });
    await Promise.all([x.warmUp(), normalPdf()]);
  });
  afterAll(() => x.close());

  it.each([
    ['encrypted PDF', 'encrypted', PDF, () => encryptedPdf()],
    ['20,000-page PDF', 'too_many_pages', PDF, () => manyPagePdf(20_000)],
    ['truncated PDF', 'corrupt', PDF, () => truncatedPdf()],
    ['password-protected xlsx', 'encrypted', XLSX, () => encryptedXlsx()],
    ['xlsx bomb (256 MiB sheet in 0.8 MB)', 'decompression_bomb', XLSX, () => bombXlsx(256)],
    ['xlsx bomb with a lying directory', 'decompression_bomb', XLSX, () => lyingBombXlsx(256)],
    ['WAV with a corrupt header', 'corrupt', 'audio/wav', () => corruptWav()],
  ] as const)('%s is refused as %s', async (_name, reason, mime, fixture) => {
    const [refusal] = await Promise.all([rejection(extract(x, await fixture(), mime)), expectNormal(x)]);
    expect(refusal).toMatchObject({ reason, retryable: false });
  });

  it('extracts a million-row xlsx capped at the row limit, marked truncated', async () => {
    const [result] = await Promise.all([extract(x, manyRowXlsx(1_000_000), XLSX), expectNormal(x)]);
    expect(result.truncated).toBe(true);
    expect(result.metadata).toMatchObject({ rows: 10_000, sheetDetails: [{ name: 'Data', header: ['Amount'], rows: 10_000, rowsTotal: 1_000_001 }] });
  });

  it('extracts a million-row CSV capped at the text limit, counting all rows', async () => {
    const [result] = await Promise.all([extract(x, manyRowCsv(1_000_000), 'text/csv'), expectNormal(x)]);
    expect(result.truncated).toBe(true);
    expect(Buffer.byteLength(result.text)).toBeLessThanOrEqual(MIB);
    expect(result.metadata).toMatchObject({ rows: 1_000_001, header: ['id', 'customer', 'amount'] });
  });

  it('extracts every family in a child', async () => {
    const [sheet, word, audio] = await Promise.all([
      extract(x, workbook('xlsx'), XLSX),
      extract(x, await docx(['Hello from the contract.'], { title: 'Contract' }), DOCX),
      extract(x, wav(), 'audio/wav'),
    ]);
    expect(sheet.metadata).toMatchObject({ sheets: ['Q2 Sales', 'Support'], title: 'Q2 sales pipeline' });
    expect(word).toMatchObject({ text: 'Hello from the contract.', metadata: { title: 'Contract' } });
    expect(audio.metadata).toMatchObject({ durationSeconds: 1, codec: 'PCM' });
  });

  it('refuses an unsupported type without starting a child', async () => {
    const before = x.stats().spawned;
    expect(await rejection(extract(x, Buffer.from('x'), 'application/x-unknown'))).toMatchObject({ reason: 'unsupported' });
    expect(x.stats().spawned).toBe(before);
  });
});
