import type { PipelineDeps } from './pipeline-deps.ts';
import { rescanUnscanned, resumeUnfinished } from './pipeline.ts';

export interface ScannerWatchOptions {
  /** Time between two pings. */
  intervalMs: number;
  /** Told every change of availability (and the first answer). */
  onChange?: (up: boolean) => void;
}

/**
 * Pings the scanner continuously, so a clamd that is slow at boot or restarts never turns
 * scanning off. Each time it starts answering (the first time included), everything that
 * waited for it is caught up: scans waiting for their retry run now, versions whose scan
 * retries ran out while it was away are queued again, and versions that went through
 * `unscanned` are scanned. A catch-up that fails (the database is away too) is tried again
 * at the next ping.
 */
export class ScannerWatch {
  private state: boolean | null = null;
  private owed = false;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly deps: Pick<PipelineDeps, 'scanner' | 'scanPolicy' | 'store' | 'queue' | 'logger'>,
    private readonly options: ScannerWatchOptions,
  ) {}

  /** Whether the scanner answered the last ping (null before the first). */
  get up(): boolean | null {
    return this.state;
  }

  /** Ping now, then every `intervalMs`. */
  start(): void {
    if (this.running || this.stopped) return;
    this.running = this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    const scanner = this.deps.scanner;
    const up = scanner ? await scanner.ping().catch(() => false) : false;
    if (up !== this.state) this.changed(up);
    if (up && this.owed) await this.catchUp();
    if (this.stopped) return;
    this.timer = setTimeout(() => void (this.running = this.tick()), this.options.intervalMs);
    this.timer.unref();
  }

  private changed(up: boolean): void {
    const first = this.state === null;
    this.state = up;
    this.options.onChange?.(up);
    if (up) {
      this.owed = true;
      if (!first) this.deps.logger.info('the virus scanner answers again; catching up on waiting files');
    } else if (this.deps.scanPolicy === 'required') {
      this.deps.logger.warn('the virus scanner does not answer: new files wait in scanning until it does');
    } else {
      this.deps.logger.warn('the virus scanner does not answer: new files end unscanned (SCAN_POLICY=optional) and are scanned once it does');
    }
  }

  private async catchUp(): Promise<void> {
    try {
      const expedited = (await this.deps.queue.retryNow?.('scan')) ?? 0;
      const waiting = await resumeUnfinished(this.deps, ['scanning']);
      const unscanned = await rescanUnscanned(this.deps);
      this.owed = false;
      if (expedited + waiting + unscanned > 0) this.deps.logger.info({ expedited, waiting, unscanned }, 'queued scans that waited for the scanner');
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'could not queue the scans that waited for the scanner; trying again at the next ping');
    }
  }
}
