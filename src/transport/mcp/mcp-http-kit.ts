import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostHeaderValidation, originValidation } from '@modelcontextprotocol/node';
import type { EdgeAuthError } from './edge-auth.ts';
import type { RpcId } from './json-rpc-errors.ts';

/** Answer with a JSON-RPC error object (the shape MCP clients read on every HTTP status). */
export function sendRpcError(res: ServerResponse, status: number, code: number, message: string, id: RpcId = null, headers: Record<string, string> = {}, data?: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ jsonrpc: '2.0', id, error: { code, message, ...(data === undefined ? {} : { data }) } });
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

/** A refused credential: our error envelope with the HTTP status (401 with a Bearer challenge, 429 with Retry-After). */
export function sendEdgeRefusal(res: ServerResponse, refusal: EdgeAuthError): void {
  const body = JSON.stringify({ error: { code: refusal.domain.code, message: refusal.domain.message } });
  res.writeHead(refusal.status, {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    ...(refusal.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {}),
    ...(refusal.retryAfterSeconds > 0 ? { 'Retry-After': String(refusal.retryAfterSeconds) } : {}),
  });
  res.end(body);
}

/** Read a request body of at most `limit` bytes; null when it is larger (the rest is not read). */
export async function readBoundedBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export interface OriginPolicy {
  /** Hostnames accepted in `Host` (DNS-rebinding protection); null: not checked. */
  allowedHosts: string[] | null;
  /** Hostnames (or `scheme://*`) accepted in `Origin`; requests without one (non-browser clients) always pass. */
  allowedOrigins: string[];
}

/** The SDK's Host and Origin guards, composed: true when the request may go on; otherwise 403 was sent. */
export function originGuard(policy: OriginPolicy): (req: IncomingMessage, res: ServerResponse) => boolean {
  const host = policy.allowedHosts ? hostHeaderValidation(policy.allowedHosts) : null;
  const origin = originValidation(policy.allowedOrigins);
  return (req, res) => (host === null || host(req, res)) && origin(req, res);
}

/** Count of JSON-RPC messages in a body (a 2025-03-26 batch counts each), for the rate limit. */
export function messageCount(body: unknown): number {
  return Array.isArray(body) ? Math.max(1, body.length) : 1;
}

/** The id of a single request, to address an error to it. */
export function requestIdOf(body: unknown): RpcId {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const id = (body as { id?: unknown }).id;
  return typeof id === 'string' || (typeof id === 'number' && Number.isSafeInteger(id)) ? id : null;
}
