/**
 * The isolated extractor's limits with real child processes: a child past its
 * time limit is killed while the parent stays responsive, an out-of-memory child
 * costs only its own job, an oversized stream is refused without losing the child.
 */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIsolatedExtractor, type IsolatedExtractor } from '../../../adapters/extract/isolated.extractor.ts';
import { hugeDocx, manyRowCsv } from '../../fixtures/generate/media.fixture.ts';
import { manyPagePdf } from '../../fixtures/generate/pdf.fixture.ts';
import { DOCX, eventually, expectNormal, extract, MIB, normalPdf, PDF, processGone, rejection } from './extraction.helpers.ts';

describe('isolated extractor: time limit and input size', () => {
  let x: IsolatedExtractor;
  beforeAll(async () => {
    // Allowed 100,000 pages, the 20,000-page PDF keeps a child busy far past one second.
    x = createIsolatedExtractor({ timeoutMs: 1000, maxPages: 100_000, limits: { maxInputBytes: 4 * MIB }, concurrency: 2, warmChildren: 2 });
    await Promise.all([x.warmUp(), normalPdf()]);
  });
  afterAll(() => x.close());

  it('kills a child at the time limit; the parent stays responsive and the next file succeeds', async () => {
    const pidsBefore = x.stats().pids;
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 50);
    const started = performance.now();
    const [refusal] = await Promise.all([rejection(extract(x, manyPagePdf(20_000), PDF, 64 * MIB)), expectNormal(x)]);
    const elapsed = performance.now() - started;
    clearInterval(ticker);
    expect(refusal).toMatchObject({ reason: 'timeout', retryable: false });
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    expect(elapsed).toBeLessThan(4000);
    expect(ticks).toBeGreaterThan(elapsed / 50 / 2); // the parent's event loop kept turning
    // The killed child is gone (reaped), the other one lives on.
    expect(await eventually(() => pidsBefore.filter(processGone).length === 1), JSON.stringify({ pidsBefore, stats: x.stats() })).toBe(true);
    expect(x.stats().timeouts).toBe(1);
    await expectNormal(x);
  });

  it('times out a stalled upload stream and releases it', async () => {
    const stalled = new Readable({ read() {} });
    stalled.push(Buffer.from('%PDF-1.7\n'));
    expect(await rejection(extract(x, stalled, PDF))).toMatchObject({ reason: 'timeout' });
    expect(stalled.destroyed).toBe(true);
  });

  it('refuses an oversized stream as too_large and keeps the child', async () => {
    await expectNormal(x);
    const { pids, spawned } = x.stats();
    expect(await rejection(extract(x, manyRowCsv(300_000), 'text/csv'))).toMatchObject({ reason: 'too_large' });
    await expectNormal(x);
    expect(x.stats()).toMatchObject({ pids, spawned });
  });
});

describe('isolated extractor: memory limit', () => {
  it('turns an out-of-memory crash into too_complex; a concurrent file and the next one succeed', async () => {
    const x = createIsolatedExtractor({ timeoutMs: 20_000, maxMemoryMb: 64, concurrency: 2, warmChildren: 2 });
    try {
      await Promise.all([x.warmUp(), normalPdf()]);
      const [refusal] = await Promise.all([rejection(extract(x, hugeDocx(50_000), DOCX)), expectNormal(x)]);
      expect(refusal).toMatchObject({ reason: 'too_complex', retryable: false });
      expect(x.stats().crashes).toBe(1);
      await expectNormal(x);
    } finally {
      await x.close();
    }
  });
});
