/**
 * `npm run bench`: runs each benchmark section in turn and prints its tables,
 * then a summary of the figures against their targets. Sections report, never
 * assert; a failing section is reported and the others still run.
 *
 *   npm run bench                      all sections except opt-in ones
 *   npm run bench -- --only=ws,intake  some sections (ws = ping + find; mcp = ping + http-find + http-sessions)
 *   npm run bench -- --only=pipeline   an opt-in section (minutes long)
 *   npm run bench -- --only=search-scale   find at 100,000 files (server) and 10,000 (PGlite); opt-in:
 *                                      the first build takes tens of minutes, then the corpus is kept
 *
 * BENCH_FRESH=1 rebuilds the corpora kept between runs (.bench-tmp/, database vf_bench_search).
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { now, printTable, type BenchFigure, type SectionReport } from './bench-kit.ts';

interface Section {
  key: string;
  title: string;
  run: () => Promise<SectionReport>;
  /** Runs only when named in --only. */
  optIn?: boolean;
}

const here = import.meta.dirname;

/** Sections owned by other benchmark files: each exports an async function returning a record of numbers. */
const EXTERNAL = [
  { key: 'scan', title: 'Virus scanning', file: 'scan.bench.ts' },
  { key: 'extract', title: 'Text extraction', file: 'extract.bench.ts' },
  { key: 'ocr', title: 'OCR: word accuracy, pages per second against tesseract, child memory', file: 'ocr.bench.ts' },
  { key: 'pipeline', title: 'Pipeline throughput', file: 'pipeline.bench.ts', optIn: true },
  { key: 'describe', title: 'describe: extractive latency, Bedrock fallback, Meilisearch requests', file: 'describe.bench.ts' },
  { key: 'purge', title: 'Purge of 10,000 trashed files: files per second and peak memory', file: 'purge.bench.ts' },
  { key: 'export', title: 'Customer export: 1 GiB across 100 files, zip vs copy, peak memory', file: 'export.bench.ts' },
  { key: 'redeem', title: 'Code redemption: POST /c/<code> under 200 concurrent clients vs a static page', file: 'redeem.bench.ts' },
  { key: 'upload-push', title: 'Upload push latency: ready on one node to the notification on the other node\'s session', file: 'upload-push.bench.ts' },
];

const SECTIONS: Section[] = [
  { key: 'ping', title: 'Tool call round trip: MCP ping vs ws echo', run: async () => (await import('./ws-roundtrip.bench.ts')).benchPing() },
  { key: 'find', title: 'Tool call round trip: find with 10,000 files', run: async () => (await import('./ws-roundtrip.bench.ts')).benchFind() },
  { key: 'intake', title: 'Intake: 1 GiB upload vs copy', run: async () => (await import('./intake.bench.ts')).benchIntake() },
  { key: 'sessions', title: 'Sessions: 1,000 concurrent WebSocket sessions', run: async () => (await import('./sessions.bench.ts')).benchSessions() },
  { key: 'http-find', title: 'Streamable HTTP: tools/call find vs node:http echo', run: async () => (await import('./mcp-http.bench.ts')).benchHttpFind() },
  { key: 'http-sessions', title: 'Streamable HTTP: 500 concurrent sessions', run: async () => (await import('./mcp-http.bench.ts')).benchHttpSessions() },
  { key: 'search-server', title: 'find at scale: 100,000 files in 10 tenants on the Postgres server, WebSocket vs the same search direct', optIn: true, run: async () => (await import('./search-scale.bench.ts')).benchSearchScale(['Postgres server']) },
  { key: 'search-pglite', title: 'find at scale: 10,000 files on PGlite, WebSocket vs the same search direct', optIn: true, run: async () => (await import('./search-scale.bench.ts')).benchSearchScale(['PGlite']) },
  { key: 'reindex-pglite', title: 'Reindex throughput: 10,000 extracted documents through the reindex use case on PGlite', optIn: true, run: async () => (await import('./reindex.bench.ts')).benchReindex(['PGlite']) },
  { key: 'reindex-server', title: 'Reindex throughput: 10,000 extracted documents through the reindex use case on the Postgres server', optIn: true, run: async () => (await import('./reindex.bench.ts')).benchReindex(['Postgres server']) },
  { key: 'codes', title: 'Spoken codes: 1,000,000 generated, read and corrected', run: async () => (await import('./codes.bench.ts')).benchCodes() },
  ...EXTERNAL.map(({ key, title, file, optIn }) => ({ key, title, optIn, run: () => runExternal(path.join(here, file)) })),
];

const GROUPS: Record<string, string[]> = { ws: ['ping', 'find'], mcp: ['ping', 'http-find', 'http-sessions'], 'search-scale': ['search-server', 'search-pglite'], reindex: ['reindex-pglite', 'reindex-server'] };

/** Import another engineer's benchmark file and print the record of numbers its function returns. */
async function runExternal(file: string): Promise<SectionReport> {
  const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const functions = Object.entries(module).filter((entry): entry is [string, () => Promise<unknown>] => typeof entry[1] === 'function');
  const [name, fn] = functions.find(([exported]) => /^(bench|run)/i.test(exported)) ?? functions[0] ?? [];
  if (!fn) throw new Error(`${path.basename(file)} exports no function to run`);
  const record = await fn();
  if (typeof record !== 'object' || record === null) throw new Error(`${name}() returned ${String(record)}, not a record of numbers`);
  const entries = Object.entries(record as Record<string, unknown>);
  const show = (value: unknown) => (typeof value === 'number' ? String(Number.isInteger(value) ? value : Number(value.toPrecision(4))) : String(value));
  printTable(`${path.basename(file)}: ${name}()`, entries.map(([metric, value]) => ({ metric, value: show(value) })));
  return { figures: entries.map(([metric, value]) => ({ name: metric, value: show(value) })) };
}

function selectedKeys(argv: string[]): Set<string> | null {
  const arg = argv.find((a) => a.startsWith('--only'));
  if (!arg) return null;
  const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[argv.indexOf(arg) + 1] ?? '';
  const keys = value.split(',').map((k) => k.trim()).filter(Boolean).flatMap((k) => GROUPS[k] ?? [k]);
  const unknown = keys.filter((k) => !SECTIONS.some((s) => s.key === k));
  if (unknown.length > 0 || keys.length === 0) {
    console.error(`unknown section(s) ${unknown.join(', ') || '(none given)'}; choose from ${[...SECTIONS.map((s) => s.key), ...Object.keys(GROUPS)].join(', ')}`);
    process.exit(2);
  }
  return new Set(keys);
}

function machineLine(): string {
  const cpus = os.cpus();
  const load = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  return `${cpus.length} x ${cpus[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, load average ${load}`;
}

async function main(): Promise<void> {
  const only = selectedKeys(process.argv.slice(2));
  process.on('unhandledRejection', (reason) => console.error('unhandled rejection during a benchmark:', reason));
  console.log(`Voicefiles benchmarks on ${machineLine()}`);
  console.log('Timings are reported, never asserted; a busy machine shows in the load average above and below.');
  const started = now();
  const outcomes: Array<{ section: Section; status: string; figures: BenchFigure[] }> = [];
  for (const section of SECTIONS) {
    if (only ? !only.has(section.key) : section.optIn) continue;
    const external = EXTERNAL.find((e) => e.key === section.key);
    if (external && !existsSync(path.join(here, external.file))) {
      outcomes.push({ section, status: `skipped (${external.file} not present)`, figures: [] });
      continue;
    }
    console.log(`\n=== ${section.title} [${section.key}] ===`);
    const sectionStart = now();
    try {
      const report = await section.run();
      outcomes.push({ section, status: `ok in ${((now() - sectionStart) / 1000).toFixed(0)} s`, figures: report.figures });
    } catch (error) {
      console.error(`  section ${section.key} failed:`, error instanceof Error ? (error.stack ?? error.message) : error);
      outcomes.push({ section, status: `FAILED: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, figures: [] });
    }
  }

  console.log('\n=== Summary ===');
  printTable('sections', outcomes.map(({ section, status }) => ({ section: section.key, status })));
  printTable(
    'figures against targets',
    outcomes.flatMap(({ section, figures }) =>
      figures.map((f) => ({ section: section.key, figure: f.name, value: f.value, target: f.target ?? '', verdict: f.ok === undefined ? '' : f.ok ? 'meets' : 'MISSES' })),
    ),
  );
  console.log(`\n  total ${((now() - started) / 1000).toFixed(0)} s; ${machineLine()}`);
  process.exit(outcomes.some((o) => o.status.startsWith('FAILED')) ? 1 : 0);
}

await main();
