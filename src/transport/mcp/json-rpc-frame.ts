import { isJSONRPCNotification, isJSONRPCRequest, isJSONRPCResponse, type JSONRPCMessage } from '@modelcontextprotocol/server';
import { RPC_ERRORS, rpcError, type RpcId } from './json-rpc-errors.ts';

/** One parsed frame: a message for the SDK, or the error to answer it with. */
export type Frame = { message: JSONRPCMessage; id: RpcId | undefined } | { reply: JSONRPCMessage };

/**
 * Parse one text frame (WebSocket) into a single JSON-RPC message, checked against the
 * SDK's own message schema so that nothing reaches the protocol layer that it would drop
 * unanswered (a fractional id, say). Batches are refused: one message per frame.
 */
export function parseFrame(text: string): Frame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { reply: rpcError(null, RPC_ERRORS.parseError, 'Parse error: the message is not valid JSON.') };
  }
  if (Array.isArray(value)) return { reply: rpcError(null, RPC_ERRORS.invalidRequest, 'Batches are not supported; send one request per message.') };
  if (typeof value !== 'object' || value === null) return { reply: rpcError(null, RPC_ERRORS.invalidRequest, 'Invalid request: expected a JSON-RPC object.') };
  const record = value as Record<string, unknown>;
  const id = record.id;
  const usableId = typeof id === 'string' || (typeof id === 'number' && Number.isSafeInteger(id)) ? id : null;
  if (id !== undefined && id !== null && usableId === null) {
    return { reply: rpcError(null, RPC_ERRORS.invalidRequest, 'Invalid request: id must be a string or a whole number.') };
  }
  if (record.jsonrpc !== '2.0' || (typeof record.method !== 'string' && !('result' in record) && !('error' in record))) {
    return { reply: rpcError(usableId, RPC_ERRORS.invalidRequest, 'Invalid request: jsonrpc must be "2.0" and method a string.') };
  }
  const message = value as JSONRPCMessage;
  if (isJSONRPCRequest(message) || isJSONRPCNotification(message) || isJSONRPCResponse(message)) {
    return { message, id: isJSONRPCRequest(message) ? message.id : undefined };
  }
  return { reply: rpcError(usableId, RPC_ERRORS.invalidRequest, 'Invalid request: not a JSON-RPC 2.0 request or notification.') };
}
