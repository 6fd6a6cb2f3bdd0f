/** JSON-RPC 2.0 framing for MCP. Protocol faults only; tool failures are results. */

export const RPC_ERRORS = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
  /** Implementation-defined server errors live in -32000..-32099. */
  rateLimited: -32029,
} as const;

export type RpcId = string | number | null;

export interface RpcRequest {
  jsonrpc: '2.0';
  id?: RpcId;
  method: string;
  params?: unknown;
}

export type RpcResponse =
  | { jsonrpc: '2.0'; id: RpcId; result: unknown }
  | { jsonrpc: '2.0'; id: RpcId; error: { code: number; message: string; data?: unknown } };

/** A protocol fault with its JSON-RPC code. */
export class RpcError extends Error {
  override readonly name = 'RpcError';
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

export function rpcError(id: RpcId, error: RpcError): RpcResponse {
  return { jsonrpc: '2.0', id, error: { code: error.code, message: error.message, ...(error.data === undefined ? {} : { data: error.data }) } };
}

/**
 * Parse one text frame into a request, or throw RpcError. Returns the id
 * recovered so far with the error so the reply can name the request.
 */
export function parseFrame(text: string): RpcRequest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RpcError(RPC_ERRORS.parseError, 'Parse error: the message is not valid JSON.');
  }
  if (Array.isArray(value)) throw new RpcError(RPC_ERRORS.invalidRequest, 'Batches are not supported; send one request per message.');
  if (typeof value !== 'object' || value === null) throw new RpcError(RPC_ERRORS.invalidRequest, 'Invalid request: expected a JSON-RPC object.');
  const message = value as Record<string, unknown>;
  const id = message.id;
  if (id !== undefined && id !== null && typeof id !== 'string' && typeof id !== 'number') {
    throw new RpcError(RPC_ERRORS.invalidRequest, 'Invalid request: id must be a string or a number.');
  }
  if (message.jsonrpc !== '2.0' || typeof message.method !== 'string') {
    const error = new RpcError(RPC_ERRORS.invalidRequest, 'Invalid request: jsonrpc must be "2.0" and method a string.');
    (error as RpcError & { id?: RpcId }).id = (id as RpcId) ?? null;
    throw error;
  }
  return { jsonrpc: '2.0', method: message.method, ...(id !== undefined ? { id: id as RpcId } : {}), ...(message.params !== undefined ? { params: message.params } : {}) };
}

/** The id to answer a frame that failed to parse with, when one could be recovered. */
export function recoveredId(error: unknown): RpcId {
  return (error as { id?: RpcId }).id ?? null;
}
