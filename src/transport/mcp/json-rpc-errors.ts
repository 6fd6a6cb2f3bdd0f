import type { JSONRPCMessage } from '@modelcontextprotocol/server';

/** JSON-RPC error codes our transports answer themselves (framing and limits); the SDK answers the rest. */
export const RPC_ERRORS = {
  parseError: -32700,
  invalidRequest: -32600,
  internalError: -32603,
  /** Implementation-defined server errors live in -32000..-32099. */
  rateLimited: -32029,
} as const;

export type RpcId = string | number | null;

/** A JSON-RPC error response. */
export function rpcError(id: RpcId, code: number, message: string, data?: unknown): JSONRPCMessage {
  return { jsonrpc: '2.0', id, error: { code, message, ...(data === undefined ? {} : { data }) } } as unknown as JSONRPCMessage;
}

export const RATE_LIMITED_MESSAGE = 'Too many requests; slow down.';

export function rateLimited(id: RpcId): JSONRPCMessage {
  return rpcError(id, RPC_ERRORS.rateLimited, RATE_LIMITED_MESSAGE, { code: 'rate_limited' });
}
