/**
 * OCR word accuracy on the suite's part of the committed, generated set (see
 * ocr-corpus.fixture.ts), through the isolated extractor with real Tesseract:
 * at least 0.95 on clean renders and 0.85 on degraded ones (noise, a 1.5 degree
 * turn, JPEG quality 35). `npm run bench` measures the whole set.
 */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIsolatedExtractor, type IsolatedExtractor } from '../../../adapters/extract/isolated.extractor.ts';
import { toolAvailable } from '../../../adapters/extract/tool-process.ts';
import { OCR_SUITE_SET, renderDocument, type Rendering } from '../../fixtures/generate/ocr-corpus.fixture.ts';
import { wordAccuracy } from '../../fixtures/generate/ocr.fixture.ts';
import { serviceAvailable } from '../../support/services.ts';

const ocrAvailable = await serviceAvailable('tesseract (tesseract-ocr, -eng, -deu)', () => toolAvailable('tesseract'));
const TARGET: Record<Rendering, number> = { clean: 0.95, degraded: 0.85 };

describe.runIf(ocrAvailable)('OCR word accuracy on the generated set', () => {
  let x: IsolatedExtractor;
  beforeAll(async () => {
    x = createIsolatedExtractor({ ocrTimeoutMs: 120_000, concurrency: 2, warmChildren: 2 });
    await x.warmUp();
  });
  afterAll(() => x.close());

  it.each(['clean', 'degraded'] as const)('%s renders, English and German', async (rendering) => {
    const scores = await Promise.all(
      OCR_SUITE_SET.map(async (doc) => {
        const file = await renderDocument(doc, rendering);
        const result = await x.extract(Readable.from([file.data]), { mimeType: file.mimeType, size: file.data.length, maxTextBytes: 1024 * 1024, locale: doc.language });
        expect(result.metadata).toMatchObject({ ocr: { pages: 1, language: doc.language } });
        return wordAccuracy(doc.lines.join('\n'), result.text);
      }),
    );
    const mean = scores.reduce((sum, score) => sum + score, 0) / scores.length;
    console.info(`OCR word accuracy, ${rendering}: mean ${mean.toFixed(3)} (${OCR_SUITE_SET.map((doc, i) => `${doc.id} ${scores[i]!.toFixed(3)}`).join(', ')})`);
    expect(mean).toBeGreaterThanOrEqual(TARGET[rendering]);
    for (const score of scores) expect(score).toBeGreaterThanOrEqual(TARGET[rendering] - 0.05);
  });
});
