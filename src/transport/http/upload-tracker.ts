import { DomainError } from '../../domain/errors.ts';

/** In-flight uploads, so shutdown can let them finish or discard them cleanly. */
export class UploadTracker {
  private readonly active = new Set<AbortController>();
  private accepting = true;

  /** Register an upload; throws `unavailable` once shutdown began. */
  begin(timeoutMs: number): { signal: AbortSignal; abort: (reason: Error) => void; end: () => void } {
    if (!this.accepting) throw new DomainError('unavailable', 'The server is shutting down; retry the upload shortly.');
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DomainError('upload_timeout')), timeoutMs);
    timer.unref();
    this.active.add(controller);
    return {
      signal: controller.signal,
      abort: (reason) => controller.abort(reason),
      end: () => {
        clearTimeout(timer);
        this.active.delete(controller);
      },
    };
  }

  get count(): number {
    return this.active.size;
  }

  /** Refuse new uploads, wait up to `graceMs` for running ones, then abort the rest (they leave nothing behind). */
  async drain(graceMs: number): Promise<void> {
    this.accepting = false;
    const deadline = Date.now() + graceMs;
    while (this.active.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    for (const controller of this.active) controller.abort(new DomainError('upload_aborted', 'The server shut down during the upload; please retry.'));
    while (this.active.size > 0 && Date.now() < deadline + 5000) await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
