import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError } from '../../domain/errors.ts';

/** Largest JSON request body we read. */
export const MAX_JSON_BYTES = 64 * 1024;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store', ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, error: DomainError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, error.status, { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } }, error.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {});
}

/** Read a small JSON object body; an empty body is `{}`. */
export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const type = req.headers['content-type'] ?? '';
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_JSON_BYTES) throw new DomainError('payload_too_large', `JSON bodies are limited to ${MAX_JSON_BYTES} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BYTES) throw new DomainError('payload_too_large', `JSON bodies are limited to ${MAX_JSON_BYTES} bytes.`);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  if (type && !/^application\/json\b/i.test(type)) throw new DomainError('bad_request', 'Send JSON with Content-Type: application/json.');
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    throw new DomainError('invalid_json', undefined, { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new DomainError('validation_failed', 'The body must be a JSON object.');
  return value as Record<string, unknown>;
}
