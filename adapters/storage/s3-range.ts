import { Readable } from 'node:stream';
import { DomainError } from '../../src/domain/errors.ts';
import type { ByteRange } from '../../src/ports/blob-store.port.ts';
import { S3BlobStoreError } from './s3-errors.ts';

/** The HTTP `Range` header for a port range; rejects a malformed one before any request. */
export function rangeHeader(range: ByteRange): string {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || start < 0 || (end !== undefined && (!Number.isSafeInteger(end) || end < start))) {
    throw new DomainError('bad_request', 'The byte range is not valid.');
  }
  return `bytes=${start}-${end ?? ''}`;
}

/**
 * Hold a ranged response to exactly the bytes asked for. A start past the end
 * already failed with 416; here `contentRange` is what the server says it sent.
 */
export function exactRange(key: string, body: Readable, range: ByteRange, contentRange: string | undefined): Readable {
  if (range.end === undefined) return body;
  const served = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(contentRange ?? '');
  if (!served || Number(served[1]) !== range.start) {
    body.destroy();
    throw new S3BlobStoreError('get', key, new Error(`asked for bytes ${range.start}-${range.end}, got ${contentRange ?? 'no range'}`));
  }
  const [servedEnd, size] = [Number(served[2]), Number(served[3])];
  // S3 silently shortens a range that runs past the end; the port calls that a bad request.
  if (servedEnd < range.end) {
    body.destroy();
    throw new DomainError('bad_request', `The byte range is outside the object (${size} bytes).`, { details: { size } });
  }
  // Some S3-compatible servers send more than asked (s3rver ignores an end of 0): cut to size.
  return servedEnd > range.end ? Readable.from(firstBytes(body, range.end - range.start + 1)) : body;
}

async function* firstBytes(source: Readable, length: number): AsyncGenerator<Buffer> {
  let left = length;
  for await (const chunk of source) {
    const buffer = chunk as Buffer;
    if (buffer.length >= left) {
      yield buffer.subarray(0, left);
      return; // leaving the loop destroys the source
    }
    left -= buffer.length;
    yield buffer;
  }
}
