import type { Readable } from 'node:stream';
import type { ScanVerdict, Scanner } from '../../../src/ports/scanner.port.ts';

/** Content containing this is reported infected by FakeScanner. */
export const INFECTED_MARKER = 'INFECTED';

/** A scanner for unit tests: answers or not (`up`), and calls content with `INFECTED` in it infected. */
export class FakeScanner implements Scanner {
  up = true;
  scans = 0;
  /** Content containing this marker is reported infected. */
  readonly marker = INFECTED_MARKER;
  /** When set, the next scan is refused with this reason. */
  refuseNext: 'too_large_to_scan' | null = null;

  async scan(body: Readable): Promise<ScanVerdict> {
    if (!this.up) throw Object.assign(new Error('clamd is not answering'), { retryable: true });
    this.scans++;
    let text = '';
    for await (const chunk of body) text += String(chunk);
    if (this.refuseNext) {
      const reason = this.refuseNext;
      this.refuseNext = null;
      return { verdict: 'refused', reason, detail: 'over the stream limit' };
    }
    return text.includes(this.marker)
      ? { verdict: 'infected', signature: 'Test.Marker', engine: 'fake', signatureVersion: 'fake-1' }
      : { verdict: 'clean', engine: 'fake', signatureVersion: 'fake-1' };
  }

  async signatureVersion(): Promise<string> {
    if (!this.up) throw Object.assign(new Error('clamd is not answering'), { retryable: true });
    return 'fake-1';
  }

  async ping(): Promise<boolean> {
    return this.up;
  }
}
