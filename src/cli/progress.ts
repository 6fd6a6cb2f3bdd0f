import type { OutputStream } from './context.ts';
import type { ImportResult } from './import-report.ts';
import { resultLine } from './import-report.ts';
import { formatBytes } from './output.ts';

/** Reports an import as it goes, on stderr. */
export interface ImportProgress {
  /** Bytes read from disk into an upload. */
  addBytes(bytes: number): void;
  /** A file's upload was accepted (it may still be processed). */
  uploaded(): void;
  /** A file's import ended, for good or bad. */
  finished(result: ImportResult): void;
  /** Final redraw; call once. */
  close(): void;
}

/** Redraw at most 10 times a second. */
const REDRAW_MS = 100;
const BAR_WIDTH = 24;

/** A bar with bytes and files, redrawn in place; for a terminal. */
export function createProgressBar(stream: OutputStream, totals: { files: number; bytes: number; waiting: boolean }, now = Date.now): ImportProgress {
  let bytes = 0;
  let uploaded = 0;
  let done = 0;
  let failed = 0;
  let lastDraw = 0;
  let timer: NodeJS.Timeout | null = null;

  const draw = () => {
    lastDraw = now();
    const fraction = totals.bytes === 0 ? uploaded / Math.max(totals.files, 1) : Math.min(bytes / totals.bytes, 1);
    const filled = Math.round(fraction * BAR_WIDTH);
    const parts = [
      `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`,
      `${formatBytes(bytes)} / ${formatBytes(totals.bytes)}`,
      `${uploaded}/${totals.files} files`,
    ];
    if (totals.waiting) parts.push(`${done} processed`);
    if (failed > 0) parts.push(`${failed} failed`);
    const text = parts.join('  ');
    const width = stream.columns ?? 80;
    stream.write(`\r\x1b[2K${text.length >= width ? text.slice(0, width - 1) : text}`);
  };
  const schedule = () => {
    if (timer !== null) return;
    const wait = lastDraw + REDRAW_MS - now();
    if (wait <= 0) return draw();
    timer = setTimeout(() => {
      timer = null;
      draw();
    }, wait);
    timer.unref();
  };

  return {
    addBytes(n) {
      bytes += n;
      schedule();
    },
    uploaded() {
      uploaded += 1;
      schedule();
    },
    finished(result) {
      done += 1;
      if (!result.ok) failed += 1;
      schedule();
    },
    close() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      draw();
      stream.write('\n');
    },
  };
}

/** One line per finished file; for logs and pipes. */
export function createProgressLines(stream: OutputStream): ImportProgress {
  return {
    addBytes() {},
    uploaded() {},
    finished(result) {
      stream.write(`${resultLine(result)}\n`);
    },
    close() {},
  };
}
