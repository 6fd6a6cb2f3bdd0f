/**
 * Pipeline throughput: 1,000 mixed small files (PDF, xlsx, csv, txt) imported at
 * once into one server process on the embedded defaults with a real clamd;
 * files per minute until all are terminal, and peak memory of the server and of
 * its extraction children. Run alone: node --import tsx test/bench/pipeline.bench.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { startClamd } from '../support/clamd.ts';
import { reportPdf } from '../fixtures/generate/pdf.fixture.ts';
import { workbook } from '../fixtures/generate/sheet.fixture.ts';
import { mapLimit, processMemory, startBenchServer } from './bench-kit.ts';

const FILES = Number(process.env.BENCH_PIPELINE_FILES ?? 1000);
const TERMINAL = new Set(['ready', 'unscanned', 'infected', 'rejected', 'failed']);

/** Resident memory of a process and all its descendants (the extraction children), in bytes. */
function treeRss(pid: number): number {
  let total = 0;
  const children = (parent: number): number[] =>
    readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .map(Number)
      .filter((child) => {
        try {
          return Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${child}/status`, 'utf8'))?.[1]) === parent;
        } catch {
          return false;
        }
      });
  const stack = [pid];
  while (stack.length > 0) {
    const next = stack.pop() as number;
    try {
      const rss = processMemory(next).rss;
      if (Number.isFinite(rss)) total += rss;
    } catch {
      // exited meanwhile
    }
    stack.push(...children(next));
  }
  return total;
}

export async function benchPipeline(): Promise<Record<string, number>> {
  const clamd = await startClamd();
  const server = await startBenchServer({ CLAMAV_URL: clamd.url, LOG_LEVEL: 'info' });
  try {
    const tenant = await server.createTenant('pipeline-bench');
    const pdf = await reportPdf(2);
    const xlsx = workbook('xlsx');
    // Distinct content for PDFs, CSVs and notes; the workbooks share one blob, so deduplication and the scan cache are exercised too.
    const make = (i: number): { name: string; body: Buffer } => {
      switch (i % 4) {
        case 0:
          return { name: `report-${i}.pdf`, body: Buffer.concat([pdf, Buffer.from(`\n%${i}\n`)]) };
        case 1:
          return { name: `sheet-${i}.xlsx`, body: xlsx };
        case 2:
          return { name: `ledger-${i}.csv`, body: Buffer.from(`name,amount,row\nMüller,${i},1\nSchmidt,${i * 2},2\n`) };
        default:
          return { name: `note-${i}.txt`, body: Buffer.from(`Meeting note ${i}: the harbour project is on schedule.\n`) };
      }
    };
    let peakTree = treeRss(server.pid);
    let peakServer = processMemory(server.pid).rss;
    const sampler = setInterval(() => {
      peakTree = Math.max(peakTree, treeRss(server.pid));
      peakServer = Math.max(peakServer, processMemory(server.pid).rss);
    }, 250);
    const started = performance.now();
    const ids = await mapLimit(
      Array.from({ length: FILES }, (_, i) => i),
      16,
      async (i) => {
        const { name, body } = make(i);
        const res = await fetch(`${server.url}/v1/files?name=${encodeURIComponent(name)}`, { method: 'POST', headers: { authorization: `Bearer ${tenant.apiKey}` }, body });
        const json = (await res.json()) as { file_id: string };
        if (res.status !== 201) throw new Error(`upload ${name} answered ${res.status}: ${JSON.stringify(json)}`);
        return json.file_id;
      },
    );
    const uploadedMs = performance.now() - started;
    const statusCounts: Record<string, number> = {};
    const pending = new Set(ids);
    const deadline = Date.now() + 20 * 60_000;
    while (pending.size > 0 && Date.now() < deadline) {
      await mapLimit([...pending], 8, async (id) => {
        const res = await fetch(`${server.url}/v1/files/${id}`, { headers: { authorization: `Bearer ${tenant.apiKey}` } });
        const status = String(((await res.json()) as { status: string }).status);
        if (TERMINAL.has(status)) {
          pending.delete(id);
          statusCounts[status] = (statusCounts[status] ?? 0) + 1;
        }
      });
      if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const totalMs = performance.now() - started;
    clearInterval(sampler);
    return {
      files: FILES,
      upload_seconds: Math.round(uploadedMs / 100) / 10,
      all_terminal_seconds: Math.round(totalMs / 100) / 10,
      files_per_minute: Math.round((FILES - pending.size) / (totalMs / 60_000)),
      ready: statusCounts.ready ?? 0,
      not_ready: FILES - (statusCounts.ready ?? 0),
      still_pending: pending.size,
      peak_server_rss_mib: Math.round(peakServer / 2 ** 20),
      peak_server_and_children_rss_mib: Math.round(peakTree / 2 ** 20),
    };
  } finally {
    await server.stop();
    await clamd.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchPipeline());
}
