import type { IncomingMessage } from 'node:http';
import { DomainError } from '../../domain/errors.ts';

export interface BodyRateLimits {
  /** Below this many bytes per second, judged over `windowSeconds`, the body is cut off; 0 turns the check off. */
  minBytesPerSecond: number;
  windowSeconds: number;
}

/**
 * Watch a request body for a client that sends too slowly (slow loris on the
 * body): once a second, the bytes that arrived on the socket are counted, but
 * only while the request had nothing buffered, i.e. while we waited on the
 * client and not it on us (storage applying backpressure). When the last
 * `windowSeconds` such seconds brought less than `minBytesPerSecond` each on
 * average, `onTooSlow` is called once with a `too_slow` error.
 * Returns a function that stops watching.
 */
export function guardBodyRate(req: IncomingMessage, limits: BodyRateLimits, onTooSlow: (error: DomainError) => void): () => void {
  if (limits.minBytesPerSecond <= 0) return () => undefined;
  const samples: number[] = [];
  let last = req.socket.bytesRead;
  const timer = setInterval(() => {
    const now = req.socket.bytesRead;
    const arrived = now - last;
    last = now;
    if (req.complete || req.destroyed) return stop();
    if (req.readableLength > 0) return; // we are behind, not the client
    samples.push(arrived);
    if (samples.length > limits.windowSeconds) samples.shift();
    if (samples.length < limits.windowSeconds) return;
    const total = samples.reduce((sum, n) => sum + n, 0);
    if (total < limits.minBytesPerSecond * limits.windowSeconds) {
      stop();
      onTooSlow(
        new DomainError('too_slow', `The request body arrived at under ${limits.minBytesPerSecond} bytes a second over ${limits.windowSeconds} seconds.`, {
          details: { min_bytes_per_second: limits.minBytesPerSecond, window_seconds: limits.windowSeconds },
        }),
      );
    }
  }, 1000);
  timer.unref();
  const stop = () => clearInterval(timer);
  return stop;
}
