import type { OutputStream } from './context.ts';
import type { SkippedEntry } from './file-walk.ts';
import { formatBytes, formatDuration, line, printable } from './output.ts';

/** How one file's import ended; also the element of `import --json`. */
export interface ImportResult {
  /** The local path as shown. */
  path: string;
  size: number;
  ok: boolean;
  file_id: string | null;
  version: number | null;
  version_id: string | null;
  /** Last status seen: from the upload answer, or from polling with --wait. */
  status: string | null;
  status_reason: string | null;
  deduplicated: boolean;
  /** Why it failed: the server's error code, or the failing status. */
  error: { code: string; message: string } | null;
}

/** Terminal statuses that count as a failed import; `unscanned` is accepted (stored, but no scanner ran). */
export const FAILED_STATUSES: ReadonlySet<string> = new Set(['infected', 'rejected', 'failed']);

/** One plain line per finished file, for logs and pipes. */
export function resultLine(result: ImportResult): string {
  const shown = printable(result.path);
  if (!result.ok) return `failed  ${shown}: ${reason(result)}`;
  const notes = [result.status ?? '', result.deduplicated ? 'deduplicated' : ''].filter(Boolean).join(', ');
  return `ok      ${shown} (${formatBytes(result.size)}) -> ${result.file_id} v${result.version} ${notes}`.trimEnd();
}

function reason(result: ImportResult): string {
  const error = result.error;
  return printable(error ? `${error.code}: ${error.message}` : (result.status ?? 'unknown'));
}

/** Closing summary: counts, then each failure with its reason, then what was skipped. */
export function writeSummary(stream: OutputStream, results: ImportResult[], skipped: SkippedEntry[], elapsedMs: number): void {
  const ok = results.filter((r) => r.ok);
  const failed = results.filter((r) => !r.ok);
  const bytes = ok.reduce((sum, r) => sum + r.size, 0);
  line(stream, `Imported ${ok.length} of ${results.length} file${results.length === 1 ? '' : 's'} (${formatBytes(bytes)}) in ${formatDuration(elapsedMs)}.`);
  const deduplicated = ok.filter((r) => r.deduplicated).length;
  if (deduplicated > 0) line(stream, `  ${deduplicated} with content the server already had (deduplicated)`);
  const unscanned = ok.filter((r) => r.status === 'unscanned').length;
  if (unscanned > 0) line(stream, `  ${unscanned} unscanned (no virus scanner checked ${unscanned === 1 ? 'it' : 'them'})`);
  if (failed.length > 0) {
    line(stream, `Failed (${failed.length}):`);
    for (const result of failed) line(stream, `  ${printable(result.path)}: ${reason(result)}`);
  }
  if (skipped.length > 0) {
    line(stream, `Skipped (${skipped.length}):`);
    for (const entry of skipped) line(stream, `  ${printable(entry.shown)}: ${entry.reason}`);
  }
}
