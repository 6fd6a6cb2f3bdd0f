import type { OutputStream } from './context.ts';
import { printable } from './output.ts';

/** Shows a rebuild's progress on stderr as the server reports it. */
export interface ReindexProgressView {
  progress(p: { tenant: string; seen: number; indexed: number; total: number | null; finished: boolean }): void;
  /** Final redraw; call once. */
  close(): void;
}

const REDRAW_MS = 100;
const BAR_WIDTH = 24;

function describe(p: { tenant: string; seen: number; indexed: number; total: number | null }, startedAt: number, at: number): string {
  const seconds = Math.max((at - startedAt) / 1000, 0.001);
  const of = p.total === null ? '' : `/${Math.max(p.total, p.seen)}`;
  return `${printable(p.tenant)}  ${p.seen}${of} files, ${p.indexed} indexed  ${Math.round(p.indexed / seconds)} files/s`;
}

/** A bar per tenant redrawn in place (\r), finished tenants left on their own line; for a terminal. */
export function createReindexBar(stream: OutputStream, now = Date.now): ReindexProgressView {
  let current: { tenant: string; seen: number; indexed: number; total: number | null; finished: boolean } | null = null;
  let startedAt = now();
  let lastDraw = 0;
  let timer: NodeJS.Timeout | null = null;

  const draw = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (!current) return;
    lastDraw = now();
    const total = current.total === null ? null : Math.max(current.total, current.seen);
    const fraction = current.finished ? 1 : total ? Math.min(current.seen / total, 1) : 0;
    const filled = Math.round(fraction * BAR_WIDTH);
    const text = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${describe(current, startedAt, lastDraw)}`;
    const width = stream.columns ?? 80;
    stream.write(`\r\x1b[2K${text.length >= width ? text.slice(0, width - 1) : text}`);
  };

  return {
    progress(p) {
      if (current && current.tenant !== p.tenant) {
        // A new tenant: the last one's line stays as it was drawn.
        draw();
        stream.write('\n');
        startedAt = now();
      }
      current = p;
      if (p.finished || now() - lastDraw >= REDRAW_MS) draw();
      else if (timer === null) {
        timer = setTimeout(draw, lastDraw + REDRAW_MS - now());
        timer.unref();
      }
    },
    close() {
      draw();
      if (current) stream.write('\n');
      current = null;
    },
  };
}

/** A plain line per tenant at most every `everyMs`, and one when it finishes; for logs and pipes. */
export function createReindexLines(stream: OutputStream, options: { everyMs?: number; now?: () => number } = {}): ReindexProgressView {
  const { everyMs = 2000, now = Date.now } = options;
  let tenant: string | null = null;
  let startedAt = now();
  let lastLine = startedAt;
  return {
    progress(p) {
      if (p.tenant !== tenant) {
        tenant = p.tenant;
        startedAt = now();
        lastLine = startedAt;
      }
      if (!p.finished && now() - lastLine < everyMs) return;
      lastLine = now();
      stream.write(`${describe(p, startedAt, lastLine)}${p.finished ? ' (finished)' : ''}\n`);
    },
    close() {},
  };
}
