import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ClamavScanner,
  ClamdTimeoutError,
  DEFAULT_CLAMD_URLS,
  ScannerUnavailableError,
  resolveClamavUrl,
} from '../../adapters/scan/clamav.scanner.ts';
import { interpretInstream } from '../../adapters/scan/clamd.reply.ts';
import { eicarBytes, fakePdfWith, pdfMarkerBytes, testMarkerBytes } from '../fixtures/eicar.ts';
import { clamdAvailable, startClamd, type TestClamd } from '../support/clamd.ts';

const MiB = 1024 * 1024;
const hasClamd = await clamdAvailable();
const needsClamd = hasClamd ? '' : ' [skipped: clamd (ClamAV daemon) not installed]';

/** A lazily generated text stream of `size` bytes, then `tail`; `produced()` counts bytes handed out. */
function generated(size: number, tail: Buffer = Buffer.alloc(0)) {
  const line = Buffer.from('Voicefiles quarterly numbers: revenue, churn, headcount, and more of the same.\n');
  const chunk = Buffer.alloc(64 * 1024);
  for (let i = 0; i < chunk.length; i += line.length) line.copy(chunk, i);
  let produced = 0;
  const stream = new Readable({
    read() {
      if (produced >= size) {
        if (tail.length > 0) this.push(tail);
        produced += tail.length;
        this.push(null);
        return;
      }
      const n = Math.min(chunk.length, size - produced);
      produced += n;
      this.push(Buffer.from(chunk.subarray(0, n)));
    },
  });
  return { stream, produced: () => produced };
}

const from = (...parts: Buffer[]) => Readable.from(parts);

describe.skipIf(!hasClamd)(`ClamavScanner against a real clamd${needsClamd}`, () => {
  let clamd: TestClamd;
  let scanner: ClamavScanner;
  let dir: string;

  beforeAll(async () => {
    clamd = await startClamd();
    scanner = new ClamavScanner({ url: clamd.url, timeoutMs: 10_000 });
    dir = await mkdtemp(path.join(os.tmpdir(), 'voicefiles-scan-'));
  });
  afterAll(async () => {
    await clamd?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('answers PING and VERSION', async () => {
    expect(await scanner.ping()).toBe(true);
    expect(await scanner.signatureVersion()).toMatch(/^ClamAV \d+\.\d+/);
  });

  it('a plain text file is clean, with engine and signature version', async () => {
    const file = path.join(dir, 'notes.txt');
    await writeFile(file, 'Meeting notes: ship the scanner on Friday.\n');
    const verdict = await scanner.scan(createReadStream(file));
    expect(verdict).toEqual({ verdict: 'clean', engine: expect.stringMatching(/^ClamAV /), signatureVersion: expect.stringMatching(/^ClamAV /) });
  });

  it('EICAR is infected, named by our signature', async () => {
    const verdict = await scanner.scan(from(eicarBytes()));
    expect(verdict).toMatchObject({ verdict: 'infected', signature: expect.stringMatching(/^Voicefiles\.Test\.EICAR/) });
  });

  it('EICAR in the middle of a file named .pdf is infected', async () => {
    const file = path.join(dir, 'quarterly-report.pdf');
    await writeFile(file, fakePdfWith(eicarBytes()));
    expect(await scanner.scan(createReadStream(file, { highWaterMark: 1024 }))).toMatchObject({ verdict: 'infected' });
  });

  it('the project test marker is infected', async () => {
    const verdict = await scanner.scan(from(Buffer.from('some text '), testMarkerBytes(), Buffer.from(' more text')));
    expect(verdict).toMatchObject({ verdict: 'infected', signature: 'Voicefiles.Test.Marker.UNOFFICIAL' });
  });

  it('the logical PDF signature needs both the PDF header and its marker', async () => {
    expect(await scanner.scan(from(fakePdfWith(pdfMarkerBytes())))).toMatchObject({ signature: 'Voicefiles.Test.PdfMarker.UNOFFICIAL' });
    expect(await scanner.scan(from(Buffer.from('plain text '), pdfMarkerBytes()))).toMatchObject({ verdict: 'clean' });
  });

  it('EICAR split over many tiny chunks, with an empty chunk between, is still found', async () => {
    const eicar = eicarBytes();
    const parts: Buffer[] = [Buffer.from('prefix '), Buffer.alloc(0)];
    for (let i = 0; i < eicar.length; i += 5) parts.push(eicar.subarray(i, i + 5));
    // An empty chunk framed as length 0 would end the stream early and scan only "prefix ".
    expect(await scanner.scan(Readable.from(parts))).toMatchObject({ verdict: 'infected' });
  });

  it('works over the unix socket too', async () => {
    const overSocket = new ClamavScanner({ url: clamd.socketUrl, timeoutMs: 5_000 });
    expect(await overSocket.ping()).toBe(true);
    expect(await overSocket.scan(from(eicarBytes()))).toMatchObject({ verdict: 'infected' });
  });

  it('a 10 MiB stream is read to the end: clean, and EICAR at its very end is found', async () => {
    const clean = generated(10 * MiB);
    expect(await scanner.scan(clean.stream)).toMatchObject({ verdict: 'clean' });
    expect(clean.produced()).toBe(10 * MiB);
    const dirty = generated(10 * MiB, eicarBytes());
    expect(await scanner.scan(dirty.stream)).toMatchObject({ verdict: 'infected' });
  });

  it("a failing body rejects with the body's error, never a verdict", async () => {
    async function* failing() {
      yield Buffer.from('first part');
      throw new Error('upload cut off');
    }
    await expect(scanner.scan(Readable.from(failing()))).rejects.toThrow('upload cut off');
    expect(await scanner.ping()).toBe(true);
  });

  it('resolveClamavUrl prefers a configured URL, then the first candidate that answers', async () => {
    expect(await resolveClamavUrl('tcp://10.0.0.9:3310')).toBe('tcp://10.0.0.9:3310');
    await expect(resolveClamavUrl('http://clamd:3310')).rejects.toThrow(/tcp:\/\/host:port/);
    expect(await resolveClamavUrl(null, ['unix:///nonexistent/clamd.ctl', clamd.url])).toBe(clamd.url);
    expect(await resolveClamavUrl(null, [clamd.socketUrl, clamd.url])).toBe(clamd.socketUrl);
    expect(DEFAULT_CLAMD_URLS).toContain(await resolveClamavUrl(null, DEFAULT_CLAMD_URLS, 200));
  });
});

describe.skipIf(!hasClamd)(`ClamavScanner with a clamd whose limits are small${needsClamd}`, () => {
  let clamd: TestClamd;
  let scanner: ClamavScanner;

  beforeAll(async () => {
    clamd = await startClamd({ limits: { streamMaxLength: '4M', maxFileSize: '1M', maxScanSize: '1M' } });
    scanner = new ClamavScanner({ url: clamd.url, timeoutMs: 10_000 });
  });
  afterAll(async () => clamd?.close());

  it('a file under the limits is still scanned (clean)', async () => {
    expect(await scanner.scan(generated(900 * 1024).stream)).toMatchObject({ verdict: 'clean' });
  });

  it('over MaxFileSize: refused too_large_to_scan (Heuristics.Limits.Exceeded), never clean', async () => {
    const verdict = await scanner.scan(generated(2 * MiB).stream);
    expect(verdict).toEqual({ verdict: 'refused', reason: 'too_large_to_scan', detail: expect.stringContaining('Heuristics.Limits.Exceeded') });
  });

  it('over StreamMaxLength with the limit configured: refused too_large_to_scan, never clean', async () => {
    // clamd either says "INSTREAM size limit exceeded" or, when our next write hits
    // its closed socket first (EPIPE), the reply is lost; knowing the limit covers both.
    const knowsLimit = new ClamavScanner({ url: clamd.url, timeoutMs: 10_000, streamMaxBytes: 4 * MiB });
    for (let i = 0; i < 3; i++) {
      const verdict = await knowsLimit.scan(generated(12 * MiB).stream);
      expect(verdict).toMatchObject({ verdict: 'refused', reason: 'too_large_to_scan' });
    }
  });

  it('over StreamMaxLength without the limit configured: refused or a retryable fault, never clean', async () => {
    for (let i = 0; i < 3; i++) {
      const outcome = await scanner.scan(generated(12 * MiB).stream).catch((e: unknown) => e);
      if (outcome instanceof ScannerUnavailableError) expect(outcome.retryable).toBe(true);
      else expect(outcome).toMatchObject({ verdict: 'refused', reason: 'too_large_to_scan', detail: expect.stringContaining('INSTREAM size limit exceeded') });
    }
  });
});

describe.skipIf(!hasClamd)(`ClamavScanner when clamd is down${needsClamd}`, () => {
  let clamd: TestClamd;
  afterAll(async () => clamd?.close());

  it('stopped clamd: retryable ScannerUnavailableError and ping false; scans again once restarted', async () => {
    clamd = await startClamd();
    const scanner = new ClamavScanner({ url: clamd.url, timeoutMs: 5_000 });
    await clamd.stop();
    const body = from(Buffer.from('hello'));
    const error = await scanner.scan(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScannerUnavailableError);
    expect(body.destroyed).toBe(true); // a file stream's descriptor is released
    expect((error as ScannerUnavailableError).retryable).toBe(true);
    expect(await scanner.ping()).toBe(false);
    await expect(scanner.signatureVersion()).rejects.toBeInstanceOf(ScannerUnavailableError);
    await clamd.start();
    expect(await scanner.scan(from(Buffer.from('hello')))).toMatchObject({ verdict: 'clean' });
  });
});

/** A TCP server standing in for a misbehaving clamd; `received` counts bytes it read. */
async function fakeClamd(onConnection: (socket: net.Socket, state: { received: number }) => void) {
  const sockets = new Set<net.Socket>();
  const state = { received: 0 };
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('data', (d) => (state.received += d.length));
    onConnection(socket, state);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `tcp://127.0.0.1:${port}`,
    state,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('ClamavScanner against a misbehaving daemon (fake TCP server)', () => {
  it('a daemon that accepts and never answers: timeout, retryable, never clean', async () => {
    const fake = await fakeClamd(() => undefined);
    try {
      const scanner = new ClamavScanner({ url: fake.url, timeoutMs: 300 });
      const started = Date.now();
      const error = await scanner.scan(from(eicarBytes())).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ClamdTimeoutError);
      expect((error as ScannerUnavailableError).retryable).toBe(true);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(await scanner.ping()).toBe(false);
    } finally {
      await fake.close();
    }
  });

  it('a daemon that stops reading: memory stays bounded (backpressure), then timeout', async () => {
    const fake = await fakeClamd((socket) => socket.pause());
    try {
      const body = generated(256 * MiB);
      const scanner = new ClamavScanner({ url: fake.url, timeoutMs: 500 });
      await expect(scanner.scan(body.stream)).rejects.toBeInstanceOf(ClamdTimeoutError);
      // Only socket buffers and stream high-water marks may be in flight; without
      // backpressure the whole 256 MiB would have been read into memory.
      expect(body.produced()).toBeLessThan(32 * MiB);
    } finally {
      await fake.close();
    }
  });

  it('"stream: OK" before the whole stream was sent is a fault, never clean', async () => {
    const fake = await fakeClamd((socket) => socket.once('data', () => socket.end('stream: OK\0')));
    try {
      const scanner = new ClamavScanner({ url: fake.url, timeoutMs: 2_000 });
      await expect(scanner.scan(generated(64 * MiB).stream)).rejects.toThrow(/OK after \d+ bytes, before the stream ended/);
    } finally {
      await fake.close();
    }
  });

  it('a connection reset: refused when more than StreamMaxLength was sent, else retryable', async () => {
    const fake = await fakeClamd((socket, state) => {
      socket.on('data', () => {
        if (state.received > 1 * MiB) socket.resetAndDestroy();
      });
    });
    try {
      const knowsLimit = new ClamavScanner({ url: fake.url, timeoutMs: 2_000, streamMaxBytes: 1 * MiB });
      expect(await knowsLimit.scan(generated(16 * MiB).stream)).toMatchObject({ verdict: 'refused', reason: 'too_large_to_scan' });
      fake.state.received = 0;
      const unknownLimit = new ClamavScanner({ url: fake.url, timeoutMs: 2_000 });
      await expect(unknownLimit.scan(generated(16 * MiB).stream)).rejects.toBeInstanceOf(ScannerUnavailableError);
    } finally {
      await fake.close();
    }
  });

  it.each([
    ['a reply it does not understand', 'stream: MAYBE\0'],
    ['an OK cut off before its NUL', 'stream: OK'],
    ['a generic error', 'Error processing command. ERROR\0'],
  ])('%s is a retryable fault, never clean', async (_name, reply) => {
    const fake = await fakeClamd((socket) => {
      let seen = Buffer.alloc(0);
      socket.on('data', (d: Buffer) => {
        seen = Buffer.concat([seen, d]);
        if (seen.subarray(-4).equals(Buffer.alloc(4))) socket.end(reply);
      });
    });
    try {
      const scanner = new ClamavScanner({ url: fake.url, timeoutMs: 2_000 });
      await expect(scanner.scan(from(Buffer.from('hello')))).rejects.toBeInstanceOf(ScannerUnavailableError);
    } finally {
      await fake.close();
    }
  });
});

describe('clamd reply interpretation', () => {
  const sent = { bytesSent: 68, sentWholeStream: true, transportError: undefined };

  it('strips ExtendedDetectionInfo "(md5:size)" from signature names', () => {
    const reply = 'stream: Win.Test.EICAR_HDB-1(44d88612fea8a8f36de82e1278abb02f:68) FOUND';
    expect(interpretInstream({ ...sent, reply }, undefined)).toEqual({ verdict: 'infected', signature: 'Win.Test.EICAR_HDB-1' });
  });

  it('limits other than size are refused as unscannable', () => {
    const reply = 'stream: Heuristics.Limits.Exceeded.MaxRecursion FOUND';
    expect(interpretInstream({ ...sent, reply }, undefined)).toMatchObject({ verdict: 'refused', reason: 'unscannable' });
  });
});
