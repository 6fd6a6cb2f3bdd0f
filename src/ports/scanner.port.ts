import type { Readable } from 'node:stream';

export type ScanVerdict =
  | { verdict: 'clean'; engine: string; signatureVersion: string }
  | { verdict: 'infected'; signature: string; engine: string; signatureVersion: string }
  /** The scanner refused the content (for example over its size limits): never treat as clean. */
  | { verdict: 'refused'; reason: 'too_large_to_scan' | 'unscannable'; detail: string };

/** A virus scanner fed by stream. Transient faults (scanner down, timeout) reject with a retryable error. */
export interface Scanner {
  /** Scan a stream; never resolves `clean` unless the scanner read all of it and said so. */
  scan(body: Readable): Promise<ScanVerdict>;
  /** Signature database version, for caching results by (sha256, version). */
  signatureVersion(): Promise<string>;
  /** True when the scanner answers now. */
  ping(): Promise<boolean>;
}
