import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DomainError, isDomainError } from '../../domain/errors.ts';

/** The sha256 of a request body, read to its end and kept nowhere; at most `maxBytes`, stopped by `signal`. */
export async function digestBody(body: Readable, maxBytes: number, signal: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  let size = 0;
  const onAbort = () => body.destroy(signal.reason instanceof Error ? signal.reason : new DomainError('upload_aborted'));
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const chunk of body) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) throw new DomainError('payload_too_large', undefined, { details: { max_bytes: maxBytes } });
      hash.update(chunk as Buffer);
    }
  } catch (error) {
    if (isDomainError(error)) throw error;
    const reason: unknown = signal.reason;
    throw isDomainError(reason) ? reason : new DomainError('upload_aborted', undefined, { cause: error });
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  return hash.digest('hex');
}
