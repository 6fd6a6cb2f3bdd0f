/**
 * Intake: one 1 GiB text upload streamed from disk through POST /v1/files,
 * against copying the same file on the same disk (both fsynced), with the
 * server's RSS sampled every 50 ms while the upload runs.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { copyFile, open, rm } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { mib, now, printTable, processCpuSeconds, processMemory, ratio, sampleRss, sleep, startBenchServer, type SectionReport } from './bench-kit.ts';

const MiB = 1024 * 1024;
const FILE_MIB = 1024;
const RSS_TARGET = 64 * MiB;

/** Write `mebibytes` of printable text (a repeated random 1 MiB block of base64 lines) and fsync it. */
async function writeTextFile(file: string, mebibytes: number): Promise<void> {
  const line = 63;
  const text = randomBytes(MiB).toString('base64').slice(0, MiB);
  const block = Buffer.from(text.replace(new RegExp(`(.{${line}})`, 'g'), '$1\n').slice(0, MiB));
  const out = createWriteStream(file);
  for (let i = 0; i < mebibytes; i++) {
    if (!out.write(block)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  await fsyncFile(file);
}

async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The baseline: copy without reflinks (mode 0), then fsync, as our store fsyncs what it writes. */
async function timedCopy(source: string, target: string): Promise<number> {
  const started = now();
  await copyFile(source, target, 0);
  await fsyncFile(target);
  const elapsed = now() - started;
  await rm(target, { force: true });
  return elapsed;
}

/**
 * A reference point between the two: the least a Node HTTP server can do with an upload
 * (pipe the request into a file opened with flush, as our store does; no hashing, no catalog).
 */
const BARE_NODE_SERVER = `
const { createServer } = require('node:http');
const { open } = require('node:fs/promises');
const { pipeline } = require('node:stream/promises');
const target = process.argv[1];
const server = createServer(async (req, res) => {
  try {
    await pipeline(req, (await open(target, 'w')).createWriteStream({ flush: true }));
    res.writeHead(201).end('{}');
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
`;

async function startBareNodeServer(target: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['-e', BARE_NODE_SERVER, target], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
    void exited.then(() => reject(new Error('bare node server exited')));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      await rm(target, { force: true });
    },
  };
}

/** Time one upload of `source` to a bare Node server writing to `target`. */
async function timedBareUpload(source: string, target: string, size: number): Promise<number> {
  const bare = await startBareNodeServer(target);
  try {
    const started = now();
    const reply = await streamUpload(bare.url, 'none', source, size, 'x.txt');
    if (reply.status !== 201) throw new Error(`bare node server answered ${reply.status}: ${reply.body}`);
    return now() - started;
  } finally {
    await bare.stop();
  }
}

/** Stream a file from disk as the request body (never buffered) and return the parsed reply. */
function streamUpload(url: string, apiKey: string, file: string, size: number, name: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/v1/files?${new URLSearchParams({ name })}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'text/plain', 'content-length': size },
    });
    req.once('error', reject);
    req.once('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.once('error', reject);
    });
    createReadStream(file, { highWaterMark: MiB }).once('error', reject).pipe(req);
  });
}

export async function benchIntake(): Promise<SectionReport> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'voicefiles-bench-intake-'));
  const source = path.join(dir, 'large-upload.txt');
  const size = FILE_MIB * MiB;
  const server = await startBenchServer({ UPLOAD_MAX_MB_TEXT: String(FILE_MIB * 2), PIPELINE_WORKERS: 'false', VOICEFILES_DATA_DIR: path.join(dir, 'server') });
  try {
    const generated = now();
    await writeTextFile(source, FILE_MIB);
    console.log(`\n  generated a ${mib(size)} text file in ${((now() - generated) / 1000).toFixed(1)} s (server data and the copy on the same disk: ${dir})`);
    const tenant = await server.createTenant('bench-intake');
    // Warm the route (module loading, first query plans) so it does not count as growth.
    const warm = await fetch(`${server.url}/v1/files?name=warm-up.txt`, { method: 'POST', headers: { authorization: `Bearer ${tenant.apiKey}` }, body: 'warm up\n'.repeat(1000) });
    if (warm.status !== 201) throw new Error(`warm-up upload answered ${warm.status}`);
    const copyBefore = await timedCopy(source, path.join(dir, 'copy-before.txt'));
    const bareMs = await timedBareUpload(source, path.join(dir, 'bare-node.txt'), size);

    await sleep(500);
    const before = processMemory(server.pid).rss;
    const sampler = sampleRss(server.pid, 50);
    const cpuBefore = processCpuSeconds(server.pid);
    const started = now();
    const reply = await streamUpload(server.url, tenant.apiKey, source, size, 'large-upload.txt');
    const uploadMs = now() - started;
    const rss = sampler.stop();
    const serverCpu = processCpuSeconds(server.pid) - cpuBefore;
    if (reply.status !== 201) throw new Error(`upload answered ${reply.status}: ${reply.body.slice(0, 300)}`);

    const copyAfter = await timedCopy(source, path.join(dir, 'copy-after.txt'));
    const copyMs = (copyBefore + copyAfter) / 2;
    const mibPerS = (elapsedMs: number) => size / MiB / (elapsedMs / 1000);
    const growth = rss.max - before;
    const throughputRatio = mibPerS(uploadMs) / mibPerS(copyMs);
    printTable(`Intake of one ${mib(size)} .txt, streamed from disk over loopback HTTP`, [
      { case: 'fs.copyFile + fsync (baseline, mean of 2)', seconds: (copyMs / 1000).toFixed(2), 'MiB/s': mibPerS(copyMs).toFixed(0) },
      { case: 'bare Node http -> file, flush (reference)', seconds: (bareMs / 1000).toFixed(2), 'MiB/s': mibPerS(bareMs).toFixed(0) },
      { case: 'POST /v1/files (sha256, sniff, fsync, catalog)', seconds: (uploadMs / 1000).toFixed(2), 'MiB/s': mibPerS(uploadMs).toFixed(0) },
    ]);
    console.log(`  server CPU during the upload: ${serverCpu.toFixed(1)} s in ${(uploadMs / 1000).toFixed(1)} s (one core = 100%: ${((serverCpu * 100000) / uploadMs).toFixed(0)}%)`);
    console.log(`  copies: ${(copyBefore / 1000).toFixed(2)} s before, ${(copyAfter / 1000).toFixed(2)} s after the upload`);
    console.log(`  throughput ratio ours/copy = ${ratio(throughputRatio)} (target >= 0.5x)`);
    console.log(`  server RSS: ${mib(before)} before, peak ${mib(rss.max)} during (${rss.samples.length} samples), growth ${mib(growth)} (target < 64 MiB)`);
    return {
      figures: [
        { name: 'intake 1 GiB: ours / bare Node / copy+fsync', value: `${mibPerS(uploadMs).toFixed(0)} / ${mibPerS(bareMs).toFixed(0)} / ${mibPerS(copyMs).toFixed(0)} MiB/s` },
        { name: 'intake throughput ratio ours/bare Node', value: ratio(bareMs / uploadMs) },
        { name: 'intake throughput ratio ours/copy', value: ratio(throughputRatio), target: '>= 0.5x', ok: throughputRatio >= 0.5 },
        { name: 'server RSS growth during 1 GiB upload', value: mib(growth), target: '< 64 MiB', ok: growth < RSS_TARGET },
      ],
    };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
