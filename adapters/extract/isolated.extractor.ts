import type { Extractor } from '../../src/ports/extractor.port.ts';
import { ExtractionFailed, ExtractionRejected } from './extraction-errors.ts';
import { DEFAULT_MAX_TEXT_BYTES, withDefaultLimits, type ExtractLimits } from './extract-limits.ts';
import { ExtractChild } from './extract-child.ts';
import { EXTRACTABLE_MIME_TYPES } from './mime-types.ts';
import { fileAttachment } from './attachment-files.ts';
import { makeScratchDir, removeScratchDir, sweepStaleScratchDirs } from './scratch-dir.ts';

export interface IsolatedExtractorOptions {
  /** Wall-clock limit per file, from the moment a child takes it; past it the child is killed (`timeout`). Default 60 s. */
  timeoutMs?: number;
  /**
   * Wall-clock limit once a file turns out to need OCR (scanned PDF, image): OCR
   * returns what it has read a few seconds before, the child is killed at it. Default 300 s.
   */
  ocrTimeoutMs?: number;
  /** V8 heap limit of each child (`--max-old-space-size`); running out is `too_complex`. Default 512. */
  maxMemoryMb?: number;
  /** Ceiling on extracted text; a smaller `maxTextBytes` in a call wins. Default 1 MiB. */
  maxTextBytes?: number;
  /** PDFs with more pages are refused (`too_many_pages`). Default 2000. */
  maxPages?: number;
  /** Any other limit (rows, cells, zip sizes, input size). */
  limits?: Partial<ExtractLimits>;
  /** Children working at once; further calls wait their turn. Default 2. */
  concurrency?: number;
  /** Idle children kept loaded between jobs. Default 1. */
  warmChildren?: number;
  /** A child is replaced after this many jobs, so leaks in a parser cannot build up. Default 100. */
  maxJobsPerChild?: number;
  /** Limit for a child to load its parsers. Default 30 s. */
  startupTimeoutMs?: number;
}

export interface IsolatedExtractorStats {
  spawned: number;
  live: number;
  idle: number;
  jobs: number;
  timeouts: number;
  crashes: number;
  /** Start-up time of the most recent child (fork to parsers loaded), ms. */
  lastStartupMs: number;
  /** Process ids of the children alive now. */
  pids: number[];
}

export interface IsolatedExtractor extends Extractor {
  /** Start the warm children now instead of on the first call. */
  warmUp(): Promise<void>;
  stats(): IsolatedExtractorStats;
  /** Kill all children; later calls fail. */
  close(): Promise<void>;
}

/**
 * Runs the extractors in child processes so a hostile file costs only its own
 * job: each child has a V8 heap limit, a per-file time limit enforced with
 * SIGKILL (of its whole process group, tools included), no secrets in its
 * environment and no `eval`. Files are streamed to the child over IPC in binary
 * chunks; the child buffers one file (bounded by `maxInputBytes`) because the
 * parsers need whole buffers. Each job gets a private scratch directory (page
 * renders, attachments), removed when the job ends, or by `release()` when the
 * extraction hands attachments back.
 */
export function createIsolatedExtractor(options: IsolatedExtractorOptions = {}): IsolatedExtractor {
  const timeouts = { timeoutMs: options.timeoutMs ?? 60_000, ocrTimeoutMs: options.ocrTimeoutMs ?? 300_000 };
  const maxTextBytes = options.maxTextBytes ?? DEFAULT_MAX_TEXT_BYTES;
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const warmChildren = Math.min(concurrency, Math.max(0, options.warmChildren ?? 1));
  const maxJobsPerChild = options.maxJobsPerChild ?? 100;
  const limits = withDefaultLimits({ ...options.limits, ...(options.maxPages === undefined ? {} : { maxPages: options.maxPages }) });
  const childOptions = { maxMemoryMb: options.maxMemoryMb ?? 512, startupTimeoutMs: options.startupTimeoutMs ?? 30_000 };

  const idle: ExtractChild[] = [];
  const all = new Set<ExtractChild>();
  const waiters: (() => void)[] = [];
  const counters = { spawned: 0, live: 0, jobs: 0, timeouts: 0, crashes: 0, lastStartupMs: 0 };
  let closed = false;
  // Scratch directories of a process that died: a job lasts at most ocrTimeoutMs, so a day is safe.
  void sweepStaleScratchDirs(24 * 3600_000);

  const wake = (): void => waiters.shift()?.();
  const onExit = (child: ExtractChild): void => {
    if (!all.delete(child)) return; // died while starting: spawn() accounts for it
    counters.live -= 1;
    const at = idle.indexOf(child);
    if (at !== -1) idle.splice(at, 1);
    wake();
  };

  async function spawn(): Promise<ExtractChild> {
    counters.live += 1;
    counters.spawned += 1;
    try {
      const child = await ExtractChild.start(childOptions, onExit);
      all.add(child);
      counters.lastStartupMs = child.startupMs;
      return child;
    } catch (error) {
      counters.live -= 1;
      wake();
      throw error;
    }
  }

  async function acquire(): Promise<ExtractChild> {
    for (;;) {
      if (closed) throw new ExtractionFailed('The isolated extractor is closed');
      const child = idle.pop();
      if (child?.alive) return child;
      if (counters.live < concurrency) return spawn();
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  }

  function release(child: ExtractChild): void {
    if (!child.alive) return; // onExit already accounted for it
    child.setBusy(false);
    const keep = !closed && child.jobs < maxJobsPerChild && (idle.length < warmChildren || waiters.length > 0);
    if (keep) idle.push(child);
    else child.kill();
    wake();
  }

  const mimeTypes = EXTRACTABLE_MIME_TYPES;
  const supported = new Set<string>(mimeTypes);

  return {
    mimeTypes,
    async extract(body, info) {
      if (!supported.has(info.mimeType)) {
        body.destroy();
        throw new ExtractionRejected('unsupported', `No extractor for ${info.mimeType}`);
      }
      const child = await acquire();
      child.setBusy(true);
      counters.jobs += 1;
      let scratchDir: string | undefined;
      let keepScratch = false;
      try {
        scratchDir = await makeScratchDir();
        const job = { ...info, maxTextBytes: Math.min(info.maxTextBytes, maxTextBytes), scratchDir };
        const { attachmentFiles, ...extraction } = await child.run(body, job, limits, timeouts);
        if (attachmentFiles === undefined || attachmentFiles.length === 0) return extraction;
        keepScratch = true;
        const dir = scratchDir;
        return { ...extraction, attachments: attachmentFiles.map(fileAttachment), release: () => removeScratchDir(dir) };
      } catch (error) {
        if (error instanceof ExtractionRejected && error.reason === 'timeout') counters.timeouts += 1;
        else if (!child.alive) counters.crashes += 1;
        throw error;
      } finally {
        release(child);
        if (scratchDir !== undefined && !keepScratch) await removeScratchDir(scratchDir).catch(() => undefined);
      }
    },
    async warmUp() {
      const count = Math.min(warmChildren - idle.length, concurrency - counters.live);
      const starting = Array.from({ length: Math.max(0, count) }, () => spawn());
      for (const child of await Promise.all(starting)) {
        child.setBusy(false);
        idle.push(child);
      }
    },
    stats: () => ({ ...counters, idle: idle.length, pids: [...all].flatMap((child) => (child.pid === undefined ? [] : [child.pid])) }),
    async close() {
      closed = true;
      idle.length = 0;
      for (const child of all) child.kill();
      while (waiters.length > 0) wake();
    },
  };
}
