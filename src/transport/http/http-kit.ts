import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError } from '../../domain/errors.ts';
import { guardBodyRate, type BodyRateLimits } from './body-rate-guard.ts';

/** Largest JSON request body we read. */
export const MAX_JSON_BYTES = 64 * 1024;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store', ...headers });
  res.end(text);
}

/** 204 No Content. */
export function sendNoContent(res: ServerResponse): void {
  res.writeHead(204, { 'Cache-Control': 'no-store' });
  res.end();
}

export function sendError(res: ServerResponse, error: DomainError, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(
    res,
    error.status,
    { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } },
    { ...(error.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {}), ...headers },
  );
}

export interface JsonBodyLimits extends BodyRateLimits {
  /** The whole body must have arrived within this. */
  deadlineMs: number;
}

/**
 * Read a small JSON object body; an empty body is `{}`. Bounded in size
 * (`MAX_JSON_BYTES`), in time (`deadlineMs`, then 408 `request_timeout`) and in
 * rate (408 `too_slow`). The value is not yet checked: the route's gate does that.
 */
export async function readJson(req: IncomingMessage, limits: JsonBodyLimits): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_JSON_BYTES) throw new DomainError('payload_too_large', `JSON bodies are limited to ${MAX_JSON_BYTES} bytes.`);
  const text = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (error: DomainError | null) => {
      clearTimeout(deadline);
      stopRate();
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      if (error) {
        req.pause();
        reject(error);
      } else resolve(Buffer.concat(chunks));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_JSON_BYTES) finish(new DomainError('payload_too_large', `JSON bodies are limited to ${MAX_JSON_BYTES} bytes.`));
      else chunks.push(chunk);
    };
    const onEnd = () => finish(null);
    const onError = () => finish(new DomainError('upload_aborted', 'The request body was cut off.'));
    const deadline = setTimeout(() => finish(new DomainError('request_timeout', `The request body did not arrive within ${Math.round(limits.deadlineMs / 1000)} seconds.`)), limits.deadlineMs);
    deadline.unref();
    const stopRate = guardBodyRate(req, limits, (error) => finish(error));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
  if (text.length === 0) return {};
  if (type && !/^application\/json\b/i.test(type)) throw new DomainError('bad_request', 'Send JSON with Content-Type: application/json.');
  let value: unknown;
  try {
    value = JSON.parse(text.toString('utf8'));
  } catch (error) {
    throw new DomainError('invalid_json', undefined, { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new DomainError('validation_failed', 'The body must be a JSON object.', { details: { body: 'must be an object' } });
  return value;
}
