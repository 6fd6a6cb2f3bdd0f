import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';

/**
 * The intake type check over the wire: the same bytes sent in 1-byte, odd-sized
 * and single chunks (chunked transfer encoding, each write flushed on its own)
 * get the same answer.
 */
let server: TestServer;
let apiKey: string;

beforeAll(async () => {
  server = await startTestServer({ env: { PIPELINE_WORKERS: 'false', SCAN_POLICY: 'optional' } });
  apiKey = (await server.createTenant('chunks')).apiKey;
});
afterAll(async () => {
  await server.stop();
});

async function sendInChunks(name: string, bytes: Buffer, chunkSize: number): Promise<{ status: number; code: string | null }> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(`/v1/files?name=${encodeURIComponent(name)}`, server.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'transfer-encoding': 'chunked' },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, code: (JSON.parse(body) as { error?: { code: string } }).error?.code ?? null }));
    });
    req.on('error', reject);
    req.flushHeaders();
    void (async () => {
      for (let at = 0; at < bytes.length; at += chunkSize) {
        if (!req.write(bytes.subarray(at, at + chunkSize))) await new Promise((r) => req.once('drain', r));
        await new Promise((r) => setImmediate(r));
      }
      req.end();
    })();
  });
}

const line = 'Minutes of the board meeting, item by item.\n';
const longText = Buffer.from(line.repeat(200));
const nulPastWindow = Buffer.from(longText);
nulPastWindow[5000] = 0;
const bomScript = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('#!/bin/sh\nrm -rf ~\n' + line.repeat(150))]);

describe('intake answers the same however the body is chunked', () => {
  it.each([
    ['text with a NUL past the sniffing window', 'minutes.txt', nulPastWindow, 201, null],
    ['a script behind a UTF-8 byte-order mark', 'notes.txt', bomScript, 415, 'type_mismatch'],
  ])('%s', async (_label, name, bytes, status, code) => {
    const answers = [];
    for (const size of [1, 13, 4099, bytes.length]) answers.push(await sendInChunks(name, bytes, size));
    expect(answers).toEqual(Array(4).fill({ status, code }));
  });
});
