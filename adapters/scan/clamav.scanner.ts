/**
 * Scanner port on ClamAV's daemon (clamd), fed by INSTREAM; the blob never touches
 * our disk.
 *
 * Why not the `clamscan` npm package (2.4.0), which the issue named: its scanStream()
 * writes into the socket without backpressure (measured: a 256 MiB stream was held
 * wholly in memory against a daemon that stopped reading), and against a stalled
 * daemon it either never settles despite `timeout` or resolves `isInfected: null`.
 * Bounded memory and "never clean unless clamd read it all" need control of the
 * socket, and the protocol is small, so clamd.client.ts speaks it directly.
 */
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Scanner, ScanVerdict } from '../../src/ports/scanner.port.ts';
import { clamdCommand, clamdInstream, parseClamdUrl, ScannerUnavailableError, type ClamdEndpoint } from './clamd.client.ts';
import { interpretInstream } from './clamd.reply.ts';

export { ClamdTimeoutError, ScannerUnavailableError } from './clamd.client.ts';

/** Options for {@link ClamavScanner}. */
export interface ClamavScannerConfig {
  /** Where clamd listens: `tcp://host:port` or `unix:///path/to/clamd.ctl`. */
  url: string;
  /**
   * Longest stretch without progress on a clamd connection (connecting, clamd taking
   * more bytes, waiting for its verdict) before the call fails as retryable.
   */
  timeoutMs: number;
  /**
   * clamd's StreamMaxLength in bytes, when known. clamd sometimes resets the
   * connection instead of saying "size limit exceeded"; with this set, a reset after
   * more bytes than that is reported as `refused: too_large_to_scan` rather than as a fault.
   */
  streamMaxBytes?: number;
}

/**
 * ClamAV scanner. Verdicts: `clean` only for `stream: OK` after the whole stream;
 * `infected` for `<name> FOUND`; `refused` for size limits (INSTREAM size limit,
 * Heuristics.Limits.Exceeded.* with AlertExceedsMax). Faults reject with
 * {@link ScannerUnavailableError} (`retryable = true`).
 */
export class ClamavScanner implements Scanner {
  private readonly endpoint: ClamdEndpoint;

  constructor(private readonly config: ClamavScannerConfig) {
    this.endpoint = parseClamdUrl(config.url);
  }

  /** Scan by streaming `body` to clamd; the body is read to its end or destroyed. */
  async scan(body: Readable): Promise<ScanVerdict> {
    const outcome = await clamdInstream(this.endpoint, body, this.config.timeoutMs);
    const result = interpretInstream(outcome, this.config.streamMaxBytes);
    if (result.verdict === 'refused') return result;
    const signatureVersion = await this.signatureVersion();
    const engine = signatureVersion.split('/')[0]!;
    return result.verdict === 'clean'
      ? { verdict: 'clean', engine, signatureVersion }
      : { verdict: 'infected', signature: result.signature, engine, signatureVersion };
  }

  /**
   * clamd's VERSION reply, e.g. `ClamAV 1.4.6/27500/Sun Nov 22 08:00:00 2026` with the
   * official daily DB. With only custom databases (our dev/test set) it is just
   * `ClamAV 1.4.6`: changing those files does not change it.
   */
  async signatureVersion(): Promise<string> {
    const reply = await clamdCommand(this.endpoint, 'VERSION', this.config.timeoutMs);
    if (!reply.startsWith('ClamAV ')) throw new ScannerUnavailableError(`unexpected clamd VERSION reply: ${reply}`);
    return reply;
  }

  /** True when clamd answers PING with PONG now. */
  async ping(): Promise<boolean> {
    try {
      return (await clamdCommand(this.endpoint, 'PING', this.config.timeoutMs)) === 'PONG';
    } catch {
      return false;
    }
  }
}

/** Where a packaged clamd listens by default: Debian's socket, then clamd's TCP port. */
export const DEFAULT_CLAMD_URLS: readonly string[] = ['unix:///var/run/clamav/clamd.ctl', 'tcp://127.0.0.1:3310'];

/**
 * The clamd URL to use. A configured URL wins (validated). Otherwise the first of
 * `candidates` that answers PING; failing that, the first unix socket that exists
 * (clamd may still be loading its database); failing that, the last candidate.
 */
export async function resolveClamavUrl(
  configured: string | null,
  candidates: readonly string[] = DEFAULT_CLAMD_URLS,
  probeTimeoutMs = 1_000,
): Promise<string> {
  if (configured) {
    parseClamdUrl(configured);
    return configured;
  }
  for (const url of candidates) {
    if (await new ClamavScanner({ url, timeoutMs: probeTimeoutMs }).ping()) return url;
  }
  for (const url of candidates) {
    const endpoint = parseClamdUrl(url);
    if ('path' in endpoint && (await stat(endpoint.path).then((s) => s.isSocket(), () => false))) return url;
  }
  const fallback = candidates.at(-1);
  if (fallback === undefined) throw new Error('resolveClamavUrl needs at least one candidate URL');
  return fallback;
}
