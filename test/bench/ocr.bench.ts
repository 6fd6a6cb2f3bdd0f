/**
 * OCR: word accuracy on the whole committed set (ocr-corpus.fixture.ts, clean
 * and degraded, English and German), then pages per second through the
 * production extraction path (isolated child: IPC, header checks, Tesseract
 * under limits, TSV back to text) against running `tesseract` directly on the
 * same images with the same parallelism, in the same run (target >= 0.8x), and
 * the peak memory of an extraction child with the tools it runs.
 * Run alone: node --import tsx test/bench/ocr.bench.ts
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { createIsolatedExtractor } from '../../adapters/extract/isolated.extractor.ts';
import { OCR_CORPUS, renderDocument, type Rendering } from '../fixtures/generate/ocr-corpus.fixture.ts';
import { textImage, wordAccuracy } from '../fixtures/generate/ocr.fixture.ts';
import { mapLimit, printTable } from './bench-kit.ts';

const run = promisify(execFile);
const PARALLEL = 2;
const ROUNDS = Number(process.env.BENCH_OCR_ROUNDS ?? 2);

/** Resident memory of a process and its descendants (the tools it runs), bytes. */
function treeRss(pid: number): number {
  const parentOf = (child: number): number => {
    try {
      return Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${child}/status`, 'utf8'))?.[1]);
    } catch {
      return -1;
    }
  };
  const rssOf = (target: number): number => {
    try {
      return Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${target}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    } catch {
      return 0;
    }
  };
  const all = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).map(Number);
  let total = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const next = stack.pop() as number;
    total += rssOf(next);
    stack.push(...all.filter((child) => parentOf(child) === next));
  }
  return total;
}

/** CPU seconds of a process and its reaped children (utime, stime, cutime, cstime in /proc/<pid>/stat). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
  return ticks / 100;
}

async function accuracy(): Promise<Record<string, number>> {
  const extractor = createIsolatedExtractor({ ocrTimeoutMs: 300_000, concurrency: PARALLEL, warmChildren: PARALLEL });
  const scores: Record<Rendering, number[]> = { clean: [], degraded: [] };
  const rows: Record<string, string>[] = [];
  try {
    const jobs = OCR_CORPUS.flatMap((doc) => (['clean', 'degraded'] as const).map((rendering) => ({ doc, rendering })));
    await mapLimit(jobs, PARALLEL, async ({ doc, rendering }) => {
      const file = await renderDocument(doc, rendering);
      const result = await extractor.extract(Readable.from([file.data]), { mimeType: file.mimeType, size: file.data.length, maxTextBytes: 1 << 20, locale: doc.language });
      const score = wordAccuracy(doc.lines.join('\n'), result.text);
      scores[rendering].push(score);
      rows.push({ document: doc.id, rendering, as: file.mimeType, 'word accuracy': score.toFixed(3) });
    });
  } finally {
    await extractor.close();
  }
  printTable('OCR word accuracy per document', rows.sort((a, b) => `${a.document}${a.rendering}`.localeCompare(`${b.document}${b.rendering}`)));
  const mean = (values: number[]): number => values.reduce((sum, v) => sum + v, 0) / values.length;
  return { word_accuracy_clean: mean(scores.clean), word_accuracy_degraded: mean(scores.degraded), word_accuracy_degraded_worst: Math.min(...scores.degraded) };
}

async function throughput(): Promise<Record<string, number>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'voicefiles-ocr-bench-'));
  const images = await Promise.all(OCR_CORPUS.map((doc) => textImage({ lines: doc.lines, fontSize: 13 }, { dpi: 300 })));
  const files = await Promise.all(images.map(async (image, i) => {
    const file = path.join(dir, `page-${i}.png`);
    await writeFile(file, image);
    return file;
  }));
  const pages = Array.from({ length: ROUNDS }, () => OCR_CORPUS.map((doc, i) => ({ doc, file: files[i]!, image: images[i]! }))).flat();
  const extractor = createIsolatedExtractor({ ocrTimeoutMs: 300_000, concurrency: PARALLEL, warmChildren: PARALLEL });
  try {
    await extractor.warmUp();
    // The raw tool: the same images and the same command line the extractor runs (models in the
    // same order, segmentation with orientation detection, TSV), one thread each, PARALLEL at once.
    let rawCpu = 0;
    const raw = (batch: typeof pages) =>
      mapLimit(batch, PARALLEL, async ({ doc, file }) => {
        const { stderr } = await run('/usr/bin/time', ['-f', 'cpu %U %S', 'tesseract', file, 'stdout', '--psm', '1', '-l', doc.language === 'de' ? 'deu+eng' : 'eng+deu', 'tsv'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, maxBuffer: 1 << 26 });
        const [, user, system] = /cpu ([\d.]+) ([\d.]+)/.exec(stderr) ?? [];
        rawCpu += Number(user) + Number(system);
      });
    const ours = (batch: typeof pages) =>
      mapLimit(batch, PARALLEL, async ({ doc, image }) => {
        await extractor.extract(Readable.from([image]), { mimeType: 'image/png', size: image.length, maxTextBytes: 1 << 20, locale: doc.language });
      });
    await raw(pages.slice(0, PARALLEL)); // models into the page cache for both
    rawCpu = 0;
    const cpuBefore = new Map(extractor.stats().pids.map((pid) => [pid, cpuSeconds(pid)]));
    let peak = 0;
    const sampler = setInterval(() => {
      for (const pid of extractor.stats().pids) peak = Math.max(peak, treeRss(pid));
    }, 25);
    // Rounds alternate, so a change in the machine's load hits both sides alike.
    let rawSeconds = 0;
    let ourSeconds = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      const batch = pages.slice(round * OCR_CORPUS.length, (round + 1) * OCR_CORPUS.length);
      const rawStart = performance.now();
      await raw(batch);
      rawSeconds += (performance.now() - rawStart) / 1000;
      const ourStart = performance.now();
      await ours(batch);
      ourSeconds += (performance.now() - ourStart) / 1000;
    }
    clearInterval(sampler);
    const ourCpu = extractor.stats().pids.reduce((sum, pid) => sum + cpuSeconds(pid) - (cpuBefore.get(pid) ?? 0), 0);
    return {
      pages: pages.length,
      raw_tesseract_pages_per_second: pages.length / rawSeconds,
      pipeline_ocr_pages_per_second: pages.length / ourSeconds,
      ratio_pipeline_to_raw: rawSeconds / ourSeconds,
      // CPU seconds are what a loaded machine distorts least: the child's own plus its waited-for tools'.
      raw_tesseract_cpu_seconds: rawCpu,
      pipeline_ocr_cpu_seconds: ourCpu,
      ratio_by_cpu_raw_to_pipeline: rawCpu / ourCpu,
      child_peak_rss_mib_with_tools: peak / 2 ** 20,
    };
  } finally {
    await extractor.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The section `npm run bench -- --only=ocr` runs. */
export async function benchOcr(): Promise<Record<string, number>> {
  const [{ stdout }] = await Promise.all([run('tesseract', ['--version'])]);
  console.log(`  ${stdout.split('\n')[0]}, ${PARALLEL} at once, ${ROUNDS} rounds of ${OCR_CORPUS.length} A4 pages at 300 dpi; load average ${os.loadavg()[0]!.toFixed(2)}`);
  return { ...(await accuracy()), ...(await throughput()), load_average_after: os.loadavg()[0]! };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await benchOcr());
}
