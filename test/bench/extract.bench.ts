/**
 * PDF text extraction speed: our extractor (pdf-parse on pdf.js, in process)
 * against poppler's `pdftotext` on the same generated text PDFs (40 lines of
 * prose per page, FlateDecode content streams), 200 and 1000 pages. Both read the
 * file from disk and produce all text. Runs alternate after a warm-up; figures
 * are medians. "Ours" is the production path: the isolated extractor with a warm
 * child (file streamed over IPC, child V8 flags); the same extractor in this
 * process is reported for comparison. Target: ours / pdftotext at most 3 (time
 * ratio = pdftotext's pages per second over ours). Also the fork overhead: how
 * long a fresh child takes from fork to parsers loaded. On a shared machine wall
 * time is noisy, so CPU time (user + system, from /proc and /usr/bin/time) is
 * reported as well; its ratio is the steadier figure.
 */
import { execFile } from 'node:child_process';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { createIsolatedExtractor } from '../../adapters/extract/isolated.extractor.ts';
import { createPdfExtractor } from '../../adapters/extract/pdf.extractor.ts';
import { withDefaultLimits } from '../../adapters/extract/extract-limits.ts';
import type { Extractor } from '../../src/ports/extractor.port.ts';
import { textPdf } from '../fixtures/generate/pdf.fixture.ts';

const MiB = 1024 * 1024;
const run = promisify(execFile);
const median = (times: number[]): number => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;

/** Time `a` and `b` alternately (so background load hits both alike) after one warm-up each; medians in ms. */
async function medianPairMs(runs: number, a: () => Promise<void>, b: () => Promise<void>): Promise<[number, number]> {
  await a();
  await b();
  const times: [number[], number[]] = [[], []];
  for (let i = 0; i < runs; i++) {
    for (const [k, fn] of [a, b].entries()) {
      const started = performance.now();
      await fn();
      times[k as 0 | 1].push(performance.now() - started);
    }
  }
  return [median(times[0]), median(times[1])];
}

async function extractAll(extractor: Extractor, file: string, pages: number): Promise<void> {
  const result = await extractor.extract(createReadStream(file), { mimeType: 'application/pdf', size: 0, maxTextBytes: 256 * MiB });
  if (result.metadata.pagesExtracted !== pages || result.truncated) throw new Error(`expected all ${pages} pages, got ${JSON.stringify(result.metadata)}`);
}

const round = (value: number, digits = 0): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat (Linux, 100 ticks per second). */
function processCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** pdftotext's wall and CPU time for one file, CPU via GNU time when installed. */
async function pdftotext(file: string, cpu: number[]): Promise<void> {
  const args = ['-q', '-enc', 'UTF-8', file, '-'];
  if (!existsSync('/usr/bin/time')) {
    await run('pdftotext', args, { maxBuffer: 256 * MiB });
    return;
  }
  const { stderr } = await run('/usr/bin/time', ['-f', 'cpu %U %S', 'pdftotext', ...args], { maxBuffer: 256 * MiB });
  const [, user, system] = /cpu ([\d.]+) ([\d.]+)/.exec(stderr) ?? [];
  cpu.push(Number(user) + Number(system));
}

/** Median start-up of a fresh child (fork to parsers loaded), over `runs` children started one after another. */
async function childStartMs(runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const extractor = createIsolatedExtractor({ warmChildren: 1 });
    await extractor.warmUp();
    times.push(extractor.stats().lastStartupMs);
    await extractor.close();
  }
  return median(times);
}

/** Run the benchmark; returns pages per second, time ratios and isolation costs in ms. */
export async function benchExtract(): Promise<Record<string, number>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'voicefiles-extract-bench-'));
  const results: Record<string, number> = {};
  const inProcess = createPdfExtractor(withDefaultLimits({ maxInputBytes: 1024 * MiB, maxPages: 1_000_000 }));
  // The production path: a warm child, the file streamed to it over IPC.
  const isolated = createIsolatedExtractor({ maxPages: 1_000_000, maxTextBytes: 256 * MiB, concurrency: 1, warmChildren: 1, timeoutMs: 300_000 });
  try {
    await isolated.warmUp();
    for (const [label, pages, runs] of [['200p', 200, 5], ['1000p', 1000, 3]] as const) {
      const file = path.join(dir, `text-${label}.pdf`);
      await writeFile(file, textPdf(pages));
      const pid = isolated.stats().pids[0]!;
      const oursCpu: number[] = [];
      const popplerCpu: number[] = [];
      const [ours, poppler] = await medianPairMs(
        runs,
        async () => {
          const before = processCpuSeconds(pid);
          await extractAll(isolated, file, pages);
          oursCpu.push(processCpuSeconds(pid) - before);
        },
        () => pdftotext(file, popplerCpu),
      );
      const [inParent] = await medianPairMs(runs, () => extractAll(inProcess, file, pages), async () => undefined);
      results[`ours_${label}_pages_per_s`] = round((pages / ours) * 1000);
      results[`pdftotext_${label}_pages_per_s`] = round((pages / poppler) * 1000);
      results[`ratio_${label}`] = round(ours / poppler, 2);
      results[`in_process_${label}_pages_per_s`] = round((pages / inParent) * 1000);
      if (popplerCpu.length > 0) {
        results[`ours_${label}_cpu_pages_per_s`] = round(pages / median(oursCpu));
        results[`pdftotext_${label}_cpu_pages_per_s`] = round(pages / median(popplerCpu));
        results[`cpu_ratio_${label}`] = round(median(oursCpu) / median(popplerCpu), 2);
      }
      console.log(
        `pdf ${label}: ours (warm child) ${round(ours)} ms = ${results[`ours_${label}_pages_per_s`]} pages/s; ` +
          `pdftotext ${round(poppler)} ms = ${results[`pdftotext_${label}_pages_per_s`]} pages/s; ratio ${results[`ratio_${label}`]} (target <= 3); ` +
          `same extractor in this process ${results[`in_process_${label}_pages_per_s`]} pages/s`,
      );
      if (popplerCpu.length > 0) {
        console.log(
          `pdf ${label} CPU time: ours ${results[`ours_${label}_cpu_pages_per_s`]} pages per CPU-second, ` +
            `pdftotext ${results[`pdftotext_${label}_cpu_pages_per_s`]}; ratio ${results[`cpu_ratio_${label}`]}`,
        );
      }
    }
    results.child_start_ms = round(await childStartMs(3));
    console.log(`isolation: a fresh child starts (fork to parsers loaded) in ${results.child_start_ms} ms (median of 3)`);
  } finally {
    await isolated.close();
    await rm(dir, { recursive: true, force: true });
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchExtract(), null, 2));
}
