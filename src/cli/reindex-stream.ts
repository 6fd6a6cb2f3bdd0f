/**
 * `POST /v1/reindex` with `Accept: application/x-ndjson`: the server's progress lines as they
 * arrive. A server that answers with plain JSON (one that does not stream) yields only `done`.
 */
import { ApiError, apiErrorFrom, connectionError } from './http-client.ts';

export interface ReindexTenantCount {
  slug: string;
  indexed: number;
}

export type ReindexEvent =
  | { event: 'start'; tenants: Array<{ slug: string; total: number | null }> }
  | { event: 'progress'; tenant: string; seen: number; indexed: number; total: number | null; finished: boolean }
  | { event: 'done'; tenants: ReindexTenantCount[]; indexed: number };

/** No line for this long means the server or the connection is stuck (a page of files takes seconds). */
const IDLE_TIMEOUT_MS = 120_000;

export async function* reindexEvents(baseUrl: string, adminToken: string, body: { tenant?: string }, idleMs = IDLE_TIMEOUT_MS): AsyncGenerator<ReindexEvent> {
  const url = new URL('/v1/reindex', `${baseUrl}/`);
  const controller = new AbortController();
  let idle = setTimeout(() => controller.abort(), idleMs);
  const awake = () => {
    clearTimeout(idle);
    idle = setTimeout(() => controller.abort(), idleMs);
  };
  try {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json', accept: 'application/x-ndjson, application/json;q=0.5' },
        body: JSON.stringify(body),
        signal: controller.signal,
      });
    } catch (error) {
      throw connectionError(baseUrl, 'POST', url, error);
    }
    if (!response.ok) throw apiErrorFrom(response.status, await response.text().catch(() => ''));
    if (!(response.headers.get('content-type') ?? '').includes('ndjson')) {
      yield { event: 'done', ...((await response.json()) as { tenants: ReindexTenantCount[]; indexed: number }) };
      return;
    }
    if (!response.body) throw new ApiError(response.status, 'invalid_response', 'The server sent no progress.');
    const decoder = new TextDecoder();
    let buffered = '';
    let finished = false;
    try {
      for await (const chunk of response.body) {
        awake();
        buffered += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffered.indexOf('\n')) >= 0) {
          const text = buffered.slice(0, end).trim();
          buffered = buffered.slice(end + 1);
          if (text === '') continue;
          const event = parseLine(text);
          if (event.event === 'done') finished = true;
          yield event;
        }
      }
    } catch (error) {
      if (error instanceof ApiError) throw error;
      if (controller.signal.aborted) throw new Error(`POST /v1/reindex: no progress from the server for ${Math.round(idleMs / 1000)} s`, { cause: error });
      throw new Error(`POST /v1/reindex: the connection broke off during the rebuild (${(error as Error).message})`, { cause: error });
    }
    if (!finished) throw new Error('POST /v1/reindex: the server ended the answer before the rebuild finished');
  } finally {
    clearTimeout(idle);
  }
}

function parseLine(text: string): ReindexEvent {
  let value: { event?: unknown; error?: { code?: unknown; message?: unknown } };
  try {
    value = JSON.parse(text) as typeof value;
  } catch {
    throw new ApiError(200, 'invalid_response', 'The server sent a progress line that is not JSON.');
  }
  if (value.event === 'error') {
    const code = typeof value.error?.code === 'string' ? value.error.code : 'internal';
    throw new ApiError(200, code, typeof value.error?.message === 'string' ? value.error.message : 'The rebuild failed.');
  }
  if (value.event !== 'start' && value.event !== 'progress' && value.event !== 'done') throw new ApiError(200, 'invalid_response', `Unknown progress event ${String(value.event)}.`);
  return value as ReindexEvent;
}
