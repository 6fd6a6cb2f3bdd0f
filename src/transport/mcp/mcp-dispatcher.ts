import type { ToolContext } from '../../tools/tool.ts';
import { UnknownToolError, type ToolRunner } from '../../tools/tool-runner.ts';
import { RPC_ERRORS, RpcError, rpcError, type RpcRequest, type RpcResponse } from './json-rpc.ts';

/** MCP revisions we speak; the newest is offered when the client asks for one we do not know. */
export const SUPPORTED_PROTOCOL_VERSIONS = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'] as const;

export interface McpServerInfo {
  name: string;
  version: string;
  instructions: string;
}

/**
 * Transport-independent MCP method handling: the WebSocket server (and later
 * Streamable HTTP) hand it parsed requests and send back what it returns.
 */
export class McpDispatcher {
  constructor(
    private readonly runner: ToolRunner,
    private readonly info: McpServerInfo,
  ) {}

  /** Handle one request; notifications (no id) return null. */
  async handle(request: RpcRequest, context: () => ToolContext): Promise<RpcResponse | null> {
    const id = request.id ?? null;
    const isNotification = request.id === undefined;
    try {
      const result = await this.dispatch(request, context);
      return isNotification ? null : { jsonrpc: '2.0', id, result };
    } catch (error) {
      if (isNotification) return null;
      if (error instanceof RpcError) return rpcError(id, error);
      return rpcError(id, new RpcError(RPC_ERRORS.internalError, 'Internal error.'));
    }
  }

  private async dispatch(request: RpcRequest, context: () => ToolContext): Promise<unknown> {
    switch (request.method) {
      case 'initialize':
        return this.initialize(request.params);
      case 'ping':
        return {};
      case 'notifications/initialized':
      case 'notifications/cancelled':
        return null;
      case 'tools/list':
        return { tools: this.runner.list() };
      case 'tools/call':
        return this.callTool(request.params, context());
      default:
        if (request.method.startsWith('notifications/')) return null;
        throw new RpcError(RPC_ERRORS.methodNotFound, `Method not found: ${request.method}`);
    }
  }

  private initialize(params: unknown): unknown {
    const requested = (params as { protocolVersion?: unknown } | undefined)?.protocolVersion;
    if (typeof requested !== 'string') throw new RpcError(RPC_ERRORS.invalidParams, 'initialize needs params.protocolVersion.');
    const protocolVersion = (SUPPORTED_PROTOCOL_VERSIONS as readonly string[]).includes(requested) ? requested : SUPPORTED_PROTOCOL_VERSIONS[0];
    return {
      protocolVersion,
      capabilities: { tools: { listChanged: false } },
      serverInfo: { name: this.info.name, version: this.info.version },
      instructions: this.info.instructions,
    };
  }

  private async callTool(params: unknown, context: ToolContext): Promise<unknown> {
    if (typeof params !== 'object' || params === null) throw new RpcError(RPC_ERRORS.invalidParams, 'tools/call needs params with a name.');
    const { name, arguments: args } = params as { name?: unknown; arguments?: unknown };
    if (typeof name !== 'string') throw new RpcError(RPC_ERRORS.invalidParams, 'tools/call needs params.name as a string.');
    if (args !== undefined && (typeof args !== 'object' || args === null || Array.isArray(args))) {
      throw new RpcError(RPC_ERRORS.invalidParams, 'tools/call params.arguments must be an object.');
    }
    try {
      const result = await this.runner.call(name, args ?? {}, context);
      return {
        content: [{ type: 'text', text: result.speech }],
        structuredContent: { speech: result.speech, ...result.data },
        isError: result.isError === true,
      };
    } catch (error) {
      if (error instanceof UnknownToolError) throw new RpcError(RPC_ERRORS.invalidParams, error.message);
      throw error;
    }
  }
}
