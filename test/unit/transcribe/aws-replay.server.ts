import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** One recorded exchange, as written by hand from the AWS API reference. */
export interface Exchange {
  request: { method: string; path: string; target?: string; body?: unknown };
  response: { status: number; headers: Record<string, string>; body: unknown };
}

export interface Fixture {
  description: string;
  docs: string[];
  input: { storageKey: string; mimeType: string; locale: 'en' | 'de' };
  output?: { bucket: string; keyPrefix: string };
  outputObject?: unknown;
  exchanges: Exchange[];
}

/** A request as it arrived on the wire. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/aws-transcribe');

export function loadFixture(name: string): Fixture {
  return JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as Fixture;
}

/**
 * An HTTP server on 127.0.0.1 that answers the n-th request with the n-th recorded
 * response (`{{endpoint}}` replaced by its own address) and records every request.
 * A request beyond the recording gets a 400 the SDK does not retry.
 */
export async function startReplay(exchanges: Exchange[]): Promise<{ endpoint: string; recorded: RecordedRequest[]; close(): Promise<void> }> {
  const recorded: RecordedRequest[] = [];
  let endpoint = '';
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const exchange = exchanges[recorded.length];
      recorded.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (!exchange) {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify({ __type: 'UnexpectedRequestException', Message: `no recorded response for request ${recorded.length}` }));
        return;
      }
      res.writeHead(exchange.response.status, exchange.response.headers);
      res.end(JSON.stringify(exchange.response.body).replaceAll('{{endpoint}}', endpoint));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    recorded,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
