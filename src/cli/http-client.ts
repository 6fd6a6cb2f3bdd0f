/**
 * A small client of the Voicefiles HTTP API over the global fetch. Server
 * errors (`{error: {code, message}}`) become ApiError; a server that cannot be
 * reached at all becomes ServerUnreachableError.
 */

/** The server answered with an error. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    /** The parsed JSON body of the error response, when it was JSON. */
    readonly body?: unknown,
  ) {
    super(message);
  }
}

/** No connection could be made to the server. */
export class ServerUnreachableError extends Error {
  override readonly name = 'ServerUnreachableError';
  constructor(
    readonly baseUrl: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot reach the Voicefiles server at ${baseUrl}: is it running? (npm start)`, options);
  }
}

/** Errors of the connection itself, before any answer: the server is not there. */
const CONNECT_ERRORS = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT']);
const REQUEST_TIMEOUT_MS = 30_000;

export interface RequestOptions {
  /** Bearer credential: the admin token, a tenant API key. */
  auth?: string;
  /** More request headers (e.g. Idempotency-Key). */
  headers?: Record<string, string>;
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  /** A streamed body; sent with `duplex: 'half'`. */
  stream?: { body: ReadableStream<Uint8Array>; length: number; contentType: string };
  /** Default 30 s; streamed uploads have none (the server enforces its own). */
  timeoutMs?: number | null;
}

export interface ApiClient {
  readonly baseUrl: string;
  request<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
}

export function createApiClient(baseUrl: string): ApiClient {
  return {
    baseUrl,
    async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
      const url = new URL(path, `${baseUrl}/`);
      for (const [key, value] of Object.entries(options.query ?? {})) {
        if (value !== undefined) url.searchParams.set(key, String(value));
      }
      const headers: Record<string, string> = { ...options.headers, accept: 'application/json' };
      if (options.auth !== undefined) headers.authorization = `Bearer ${options.auth}`;
      const init: RequestInit & { duplex?: 'half' } = { method, headers };
      if (options.json !== undefined) {
        headers['content-type'] = 'application/json';
        init.body = JSON.stringify(options.json);
      } else if (options.stream !== undefined) {
        headers['content-type'] = options.stream.contentType;
        // Known length up front lets the server refuse an oversized file before reading it.
        headers['content-length'] = String(options.stream.length);
        init.body = options.stream.body;
        init.duplex = 'half';
        // With redirects allowed, undici keeps every chunk sent in case it must replay
        // the body, so memory grows to the file's size (https://github.com/nodejs/undici/issues/4058).
        init.redirect = 'error';
      }
      const timeoutMs = options.timeoutMs === undefined ? (options.stream ? null : REQUEST_TIMEOUT_MS) : options.timeoutMs;
      if (timeoutMs !== null) init.signal = AbortSignal.timeout(timeoutMs);

      let response: Response;
      try {
        response = await fetch(url, init);
      } catch (error) {
        throw connectionError(baseUrl, method, url, error);
      }
      const text = await response.text().catch(() => '');
      if (!response.ok) throw apiErrorFrom(response.status, text);
      if (text === '') return undefined as T;
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new ApiError(response.status, 'invalid_response', `The server sent a response that is not JSON (${method} ${url.pathname}).`);
      }
    },
  };
}

export function connectionError(baseUrl: string, method: string, url: URL, error: unknown): Error {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code !== undefined && CONNECT_ERRORS.has(cause.code)) return new ServerUnreachableError(baseUrl, { cause: error });
  if ((error as Error).name === 'TimeoutError') return new Error(`${method} ${url.pathname}: the server did not answer in time`, { cause: error });
  const reason = cause?.message ?? (error as Error).message;
  return new Error(`${method} ${url.pathname} failed: ${reason}`, { cause: error });
}

export function apiErrorFrom(status: number, text: string): ApiError {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: a generic error with the start of the body.
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  if (error && typeof error.code === 'string') {
    const details = typeof error.details === 'object' && error.details !== null ? (error.details as Record<string, unknown>) : undefined;
    return new ApiError(status, error.code, typeof error.message === 'string' ? error.message : error.code, details, body);
  }
  const snippet = text.trim().slice(0, 200);
  const message = snippet === '' || body !== undefined ? `The server answered HTTP ${status}.` : `The server answered HTTP ${status}: ${snippet}`;
  return new ApiError(status, `http_${status}`, message, undefined, body);
}
