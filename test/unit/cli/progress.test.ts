import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { ImportResult } from '../../../src/cli/import-report.ts';
import { createLimiter } from '../../../src/cli/limiter.ts';
import { formatBytes, printable, table } from '../../../src/cli/output.ts';
import { createProgressBar, createProgressLines } from '../../../src/cli/progress.ts';
import { capture } from './cli-harness.ts';

const okResult: ImportResult = {
  path: 'docs/a.pdf',
  size: 1_234_567,
  ok: true,
  file_id: 'f1',
  version: 1,
  version_id: 'f1-v1',
  status: 'ready',
  status_reason: null,
  deduplicated: false,
  error: null,
};

describe('progress bar', () => {
  it('redraws at most ten times a second however often it is told, and ends with the final state', async () => {
    const stream = capture(true);
    const bar = createProgressBar(stream, { files: 2, bytes: 2_000_000, waiting: true });
    for (let i = 0; i < 1000; i += 1) bar.addBytes(1000);
    expect(stream.writes).toBe(1);
    await sleep(130);
    expect(stream.writes).toBe(2);
    const started = Date.now();
    while (Date.now() - started < 300) {
      bar.addBytes(100);
      await sleep(5);
    }
    // ~300 ms of constant updates: at most 3-4 redraws, never one per update
    expect(stream.writes).toBeGreaterThanOrEqual(3);
    expect(stream.writes).toBeLessThanOrEqual(6);
    bar.uploaded();
    bar.finished({ ...okResult, ok: false });
    bar.close();
    const last = stream.text.split('\r').at(-1) ?? '';
    expect(last).toMatch(/^\x1b\[2K\[#+-*\] {2}1\.\d\d MB \/ 2\.00 MB {2}1\/2 files {2}1 processed {2}1 failed\n$/);
  });

  it('fits the terminal width', () => {
    const stream = capture(true);
    stream.columns = 30;
    const bar = createProgressBar(stream, { files: 1, bytes: 10, waiting: false });
    bar.close();
    expect(stream.text.replace('\x1b[2K', '').replace(/[\r\n]/g, '').length).toBeLessThan(30);
  });

  it('off a terminal, writes one plain line per finished file', () => {
    const stream = capture(false);
    const lines = createProgressLines(stream);
    lines.addBytes(500);
    lines.finished(okResult);
    lines.finished({ ...okResult, path: 'docs/b.exe', ok: false, file_id: null, status: null, error: { code: 'type_not_allowed', message: 'That type of file is not accepted.' } });
    lines.close();
    expect(stream.text).toBe('ok      docs/a.pdf (1.23 MB) -> f1 v1 ready\nfailed  docs/b.exe: type_not_allowed: That type of file is not accepted.\n');
  });
});

describe('output helpers', () => {
  it('formats sizes, tables and unprintable names', () => {
    expect([0, 999, 1000, 12_345, 4_100_000, 25e9].map(formatBytes)).toEqual(['0 B', '999 B', '1.00 kB', '12.3 kB', '4.10 MB', '25.0 GB']);
    expect(table(['ID', 'NAME'], [['f1', 'a.pdf'], ['f22', 'b']])).toBe('ID   NAME\nf1   a.pdf\nf22  b');
    expect(printable('evil\x1b[2Jname\n.pdf')).toBe('evil\\x1b[2Jname\\x0a.pdf');
  });
});

describe('createLimiter', () => {
  it('never runs more than its limit at once, even as slots are handed over', async () => {
    const limit = createLimiter(3);
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limit(async () => {
          active += 1;
          peak = Math.max(peak, active);
          await sleep(i % 3);
          order.push(i);
          active -= 1;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(order).toHaveLength(20);
  });
});
