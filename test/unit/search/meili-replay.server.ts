import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One exchange as the Meilisearch API reference describes it: the request we must send, the answer it gives. */
export interface MeiliExchange {
  request: { method: string; path: string; body?: unknown };
  response: { status: number; body: unknown };
}

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/**
 * A local HTTP server that plays Meilisearch: it answers the n-th request with the n-th
 * scripted response and records what arrived (the test compares it with the script). A
 * request beyond the script gets a 500 that the adapter surfaces as an error.
 */
export async function startMeiliReplay(exchanges: MeiliExchange[]) {
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: raw ? (JSON.parse(raw) as unknown) : undefined });
      const exchange = exchanges[seen.length - 1];
      res.setHeader('content-type', 'application/json');
      if (!exchange) {
        res.statusCode = 500;
        res.end(JSON.stringify({ message: `unscripted request ${req.method} ${req.url}`, code: 'internal', type: 'internal', link: '' }));
        return;
      }
      res.statusCode = exchange.response.status;
      res.end(JSON.stringify(exchange.response.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let taskUid = 100;

/** `202 Accepted` with a summarised task, as every asynchronous write answers. */
export function enqueued(type: string, indexUid = 'voicefiles_files'): MeiliExchange['response'] {
  return { status: 202, body: { taskUid: ++taskUid, indexUid, status: 'enqueued', type, enqueuedAt: '2026-12-01T13:00:00.000000Z' } };
}

/** `GET /tasks/<uid>` for the task just enqueued, in the given state. */
export function taskState(status: 'enqueued' | 'processing' | 'succeeded' | 'failed', type: string, error?: { message: string; code: string }): MeiliExchange {
  return {
    request: { method: 'GET', path: `/tasks/${taskUid}` },
    response: {
      status: 200,
      body: {
        uid: taskUid, batchUid: taskUid, indexUid: 'voicefiles_files', status, type, canceledBy: null, details: {}, error: error ? { ...error, type: 'invalid_request', link: 'https://docs.meilisearch.com/errors' } : null,
        duration: status === 'succeeded' || status === 'failed' ? 'PT0.012S' : null, enqueuedAt: '2026-12-01T13:00:00.000000Z', startedAt: '2026-12-01T13:00:00.001000Z',
        finishedAt: status === 'succeeded' || status === 'failed' ? '2026-12-01T13:00:00.013000Z' : null,
      },
    },
  };
}

/** A search answer. */
export function searchResult(hits: unknown[], query = ''): MeiliExchange['response'] {
  return { status: 200, body: { hits, query, processingTimeMs: 1, limit: 20, offset: 0, estimatedTotalHits: hits.length } };
}
