/**
 * What clamd's answer to one INSTREAM means. The rule that matters: only
 * `stream: OK` after the whole stream was sent is clean; everything that is not
 * understood is a fault (retry), never clean.
 */
import { ClamdTimeoutError, ScannerUnavailableError, type InstreamOutcome } from './clamd.client.ts';

/** The scanner-independent part of a verdict; the adapter adds engine and version. */
export type InstreamVerdict =
  | { verdict: 'clean' }
  | { verdict: 'infected'; signature: string }
  | { verdict: 'refused'; reason: 'too_large_to_scan' | 'unscannable'; detail: string };

const FOUND = /^stream: (.+) FOUND$/;
// ExtendedDetectionInfo (on in Debian's packaged config) appends "(md5:size)" to the name.
const EXTENDED_INFO = /\([0-9a-f]{32,64}:\d+\)$/;
const LIMITS_EXCEEDED = 'Heuristics.Limits.Exceeded';

/**
 * Interpret an INSTREAM exchange. Throws ScannerUnavailableError (retryable) for
 * transport faults, timeouts and replies it does not understand.
 * @param streamMaxBytes clamd's StreamMaxLength, when known; lets a connection cut
 *   off after more than that many bytes count as a size refusal.
 */
export function interpretInstream(outcome: InstreamOutcome, streamMaxBytes: number | undefined): InstreamVerdict {
  const { reply, transportError } = outcome;
  if (reply.startsWith('INSTREAM size limit exceeded')) {
    return { verdict: 'refused', reason: 'too_large_to_scan', detail: `clamd: ${reply}` };
  }
  if (transportError !== undefined) {
    const cutOffOverLimit =
      !(transportError instanceof ClamdTimeoutError) &&
      !outcome.sentWholeStream &&
      streamMaxBytes !== undefined &&
      outcome.bytesSent > streamMaxBytes;
    if (cutOffOverLimit) {
      return {
        verdict: 'refused',
        reason: 'too_large_to_scan',
        detail: `clamd closed the stream after ${outcome.bytesSent} bytes, over its StreamMaxLength of ${streamMaxBytes}`,
      };
    }
    if (transportError instanceof ScannerUnavailableError) throw transportError;
    throw new ScannerUnavailableError(`clamd connection failed during the scan: ${transportError.message}`, {
      cause: transportError,
    });
  }
  const found = FOUND.exec(reply);
  if (found) {
    const signature = found[1]!.replace(EXTENDED_INFO, '');
    if (signature.startsWith(LIMITS_EXCEEDED)) {
      const tooLarge = /MaxFileSize|MaxScanSize/.test(signature);
      return { verdict: 'refused', reason: tooLarge ? 'too_large_to_scan' : 'unscannable', detail: `clamd: ${signature}` };
    }
    return { verdict: 'infected', signature };
  }
  if (reply === 'stream: OK') {
    if (outcome.sentWholeStream) return { verdict: 'clean' };
    throw new ScannerUnavailableError(`clamd answered OK after ${outcome.bytesSent} bytes, before the stream ended`);
  }
  throw new ScannerUnavailableError(`unexpected clamd reply: ${JSON.stringify(reply.slice(0, 200))}`);
}
