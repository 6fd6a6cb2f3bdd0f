import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** One recorded Converse exchange, written from the Bedrock API reference (test/fixtures/bedrock-converse). */
export interface ConverseFixture {
  description: string;
  docs: string[];
  modelId: string;
  request: { method: string; path: string; body?: Record<string, unknown> };
  response: { status: number; headers: Record<string, string>; body: unknown; delayMs?: number };
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/bedrock-converse');

export function loadConverseFixture(name: string): ConverseFixture {
  return JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as ConverseFixture;
}

/**
 * A local HTTP/1.1 server that answers the n-th request with the n-th recorded response
 * (after its `delayMs`), records every request, and notes requests the client gave up on.
 * A request beyond the recording gets a 400 ValidationException.
 */
export async function startConverseReplay(fixtures: ConverseFixture[]) {
  const recorded: RecordedRequest[] = [];
  let abandoned = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const fixture = fixtures[recorded.length];
      recorded.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (!fixture) {
        res.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'ValidationException' });
        res.end(JSON.stringify({ message: `no recorded response for request ${recorded.length}` }));
        return;
      }
      const answer = () => {
        if (res.destroyed) return;
        res.writeHead(fixture.response.status, fixture.response.headers);
        res.end(JSON.stringify(fixture.response.body));
      };
      const timer = setTimeout(answer, fixture.response.delayMs ?? 0);
      res.on('close', () => {
        if (!res.writableFinished) abandoned++;
        clearTimeout(timer);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    recorded,
    abandoned: () => abandoned,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
