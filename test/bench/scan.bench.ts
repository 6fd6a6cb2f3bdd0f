/**
 * Scan throughput of ClamavScanner against `clamdscan --stream` (ClamAV's own
 * INSTREAM client), on the same private clamd, over TCP and over the unix socket.
 * Files are random bytes (like compressed audio or images), 10 MiB and 100 MiB.
 * Runs alternate between the two clients after a warm-up; each figure is a median; clamdscan's figure includes its process
 * start (a few ms). Target: adapter / clamdscan at most 1.2.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { ClamavScanner } from '../../adapters/scan/clamav.scanner.ts';
import { startClamd } from '../support/clamd.ts';

const MiB = 1024 * 1024;
const run = promisify(execFile);

async function writeRandomFile(file: string, bytes: number): Promise<void> {
  const out = createWriteStream(file);
  for (let written = 0; written < bytes; written += MiB) {
    if (!out.write(randomBytes(Math.min(MiB, bytes - written)))) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  out.end();
  await finished(out);
}

const median = (times: number[]) => Math.round([...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!);

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

/** Run the benchmark; returns milliseconds, ratios and the adapter's peak RSS growth (MiB). */
export async function benchScan(): Promise<Record<string, number>> {
  const clamd = await startClamd();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'voicefiles-scan-bench-'));
  const results: Record<string, number> = {};
  try {
    const port = new URL(clamd.url).port;
    const socketPath = new URL(clamd.socketUrl).pathname;
    const transports = {
      tcp: { url: clamd.url, conf: path.join(dir, 'clamdscan-tcp.conf'), text: `TCPSocket ${port}\nTCPAddr 127.0.0.1\n` },
      unix: { url: clamd.socketUrl, conf: path.join(dir, 'clamdscan-unix.conf'), text: `LocalSocket ${socketPath}\n` },
    };
    for (const t of Object.values(transports)) await writeFile(t.conf, t.text);

    for (const [label, size, runs] of [['10MiB', 10 * MiB, 9], ['100MiB', 100 * MiB, 3]] as const) {
      const file = path.join(dir, `random-${label}.bin`);
      await writeRandomFile(file, size);
      for (const [name, t] of Object.entries(transports)) {
        const scanner = new ClamavScanner({ url: t.url, timeoutMs: 60_000 });
        const baseline = process.memoryUsage.rss();
        let peak = baseline;
        const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
        const [adapter, clamdscan] = await medianPairMs(
          runs,
          async () => {
            const verdict = await scanner.scan(createReadStream(file));
            if (verdict.verdict !== 'clean') throw new Error(`expected clean, got ${JSON.stringify(verdict)}`);
          },
          async () => {
            await run('clamdscan', ['--stream', '--no-summary', `--config-file=${t.conf}`, file]);
          },
        );
        clearInterval(sampler);
        results[`adapter_${name}_${label}_ms`] = adapter;
        results[`clamdscan_${name}_${label}_ms`] = clamdscan;
        results[`ratio_${name}_${label}`] = Math.round((adapter / clamdscan) * 100) / 100;
        results[`adapter_${name}_${label}_peak_rss_growth_mib`] = Math.round((peak - baseline) / MiB);
        console.log(`scan ${label} over ${name}: adapter ${adapter} ms, clamdscan --stream ${clamdscan} ms, ratio ${results[`ratio_${name}_${label}`]}`);
      }
      await rm(file);
    }
  } finally {
    await clamd.close();
    await rm(dir, { recursive: true, force: true });
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchScan(), null, 2));
}
