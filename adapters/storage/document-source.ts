import type { Readable } from 'node:stream';
import { DomainError } from '../../src/domain/errors.ts';
import { MAX_INLINE_DOCUMENT_BYTES, type DocumentSourceRequest } from '../../src/ports/blob-store.port.ts';

/** The inline limit for a request: what it asks for, never above Bedrock's 4.5 MB. */
export function inlineLimit(request: DocumentSourceRequest): number {
  const asked = request.maxBytes ?? MAX_INLINE_DOCUMENT_BYTES;
  return Math.max(0, Math.min(asked, MAX_INLINE_DOCUMENT_BYTES));
}

/** The refusal for a blob too large to send inline; said before reading a byte of it. */
export function tooLargeForModel(size: number, limit: number): DomainError {
  return new DomainError('payload_too_large', `The document is ${size} bytes; a model takes at most ${limit} bytes inline.`, { details: { size, limit } });
}

/** Read a whole stream, refusing (and destroying it) once it passes `limit` bytes. */
export async function readWithin(body: Readable, limit: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > limit) {
      body.destroy();
      throw tooLargeForModel(size, limit);
    }
    chunks.push(buffer);
  }
  return new Uint8Array(Buffer.concat(chunks, size));
}
