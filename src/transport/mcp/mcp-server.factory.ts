import {
  ProtocolError,
  ProtocolErrorCode,
  ResourceNotFoundError,
  Server,
  type AuthInfo,
  type CallToolResult,
  type JSONRPCRequest,
  type Result,
  type ServerContext,
} from '@modelcontextprotocol/server';
import type { ToolResult } from '../../tools/tool.ts';
import type { ToolRunner } from '../../tools/tool-runner.ts';
import { callFactsFromMeta, mergeFacts, scopeFor, type CallScope } from './call-scope.ts';
import type { CallRegistry } from './call-registry.ts';
import { listedTool } from './tool-listing.ts';
import type { McpResources } from './upload-resources.ts';

export interface McpServerInfo {
  name: string;
  version: string;
  instructions: string;
}

export interface McpServerDeps {
  runner: ToolRunner;
  registry: CallRegistry;
  info: McpServerInfo;
  /** Resources calls may list, read and subscribe to (upload requests); none when absent. */
  resources?: McpResources;
  /** A fault of ours (never a client's mistake): logged, answered as -32603. */
  onFault: (error: unknown, context: Record<string, unknown>) => void;
}

/** Where each transport puts the caller's scope: `authInfo.extra[SCOPE_KEY]` of every message. */
const SCOPE_KEY = 'voicefiles/scope';

/** The `authInfo` a transport hands the SDK with each message. The token itself never travels further. */
export function authInfoFor(scope: CallScope): AuthInfo {
  return {
    token: '[redacted]',
    clientId: scope.principal.agentKeyId ? `agent_key:${scope.principal.agentKeyId}` : `session:${scope.principal.sessionId}`,
    scopes: [...scope.principal.scopes],
    expiresAt: Math.floor(scope.principal.expiresAt.getTime() / 1000),
    extra: { [SCOPE_KEY]: scope },
  };
}

/** The scope a transport attached to a message's `authInfo`, if any. */
export function scopeFromAuthInfo(authInfo: AuthInfo | undefined): CallScope | undefined {
  return authInfo?.extra?.[SCOPE_KEY] as CallScope | undefined;
}

function scopeOf(ctx: ServerContext): CallScope {
  const scope = scopeFromAuthInfo(ctx.http?.authInfo);
  // Every transport authenticates before the SDK sees a message; a message without a scope is a wiring fault.
  if (!scope) throw new ProtocolError(ProtocolErrorCode.InternalError, 'Internal error.');
  return scope;
}

/** The one place request parameters are judged malformed: zod issues turned into a short sentence, never dumped. */
function invalidParams(method: string, error: unknown): ProtocolError {
  let fields: string[] = [];
  try {
    const message = (error as Error).message;
    const issues = JSON.parse(message.slice(Math.max(0, message.indexOf('[')))) as Array<{ path?: unknown[] }>;
    if (Array.isArray(issues)) fields = issues.map((issue) => (issue.path ?? []).map(String).join('.')).filter(Boolean);
  } catch {
    // not a zod dump
  }
  const where = fields.length > 0 ? `: check ${[...new Set(fields)].slice(0, 4).join(', ')}` : '';
  return new ProtocolError(ProtocolErrorCode.InvalidParams, `Invalid params for ${method}${where}.`);
}

/**
 * The SDK's protocol server with one correction: when the SDK's own parameter validation
 * rejects a request (a plain Error, e.g. `initialize` without `clientInfo`), answer
 * -32602 Invalid params as the specification says, not -32603 with the validator's dump.
 * Our handlers throw only ProtocolError, so nothing of ours is reclassified.
 */
export class VoicefilesMcpServer extends Server {
  protected override _wrapHandler(method: string, handler: (request: JSONRPCRequest, ctx: ServerContext) => Promise<Result>) {
    const wrapped = super._wrapHandler(method, handler);
    return async (request: JSONRPCRequest, ctx: ServerContext) => {
      try {
        return await wrapped(request, ctx);
      } catch (error) {
        // The SDK's own "Invalid tools/call request: [...zod issues...]" is right in code, not in words.
        if (ProtocolError.isInstance(error) && !(error.code === ProtocolErrorCode.InvalidParams && /request: \[/.test(error.message))) throw error;
        throw invalidParams(method, error);
      }
    };
  }
}

/** One MCP server definition: every transport builds its instances here, so a tool is registered once. */
export function buildMcpServer(deps: McpServerDeps): VoicefilesMcpServer {
  const server = new VoicefilesMcpServer(
    { name: deps.info.name, version: deps.info.version },
    {
      capabilities: { tools: { listChanged: false }, resources: { subscribe: true, listChanged: false }, logging: {} },
      instructions: deps.info.instructions,
    },
  );
  const tools = () => deps.runner.list().map(listedTool);

  server.setRequestHandler('tools/list', async () => ({ tools: tools() as never }));

  server.setRequestHandler('tools/call', async (request, ctx) => {
    const name = request.params.name;
    if (!deps.runner.has(name)) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown tool: ${name}`);
    const edge = scopeOf(ctx);
    // Facts in the request's _meta (ElevenLabs request_meta) add to those of the connection; the connection's win.
    const metaFacts = callFactsFromMeta(request.params._meta);
    const scope = Object.keys(metaFacts).length > 0 ? { ...scopeFor(edge.principal, mergeFacts(edge.facts, metaFacts), edge.transport) } : edge;
    const progressToken = request.params._meta?.progressToken;
    if (progressToken !== undefined) deps.registry.rememberProgressToken(scope.callKey, progressToken);
    try {
      const result = await deps.runner.call(name, request.params.arguments ?? {}, {
        principal: scope.principal,
        requestId: `${scope.principal.sessionId}:${String(ctx.mcpReq.id)}`,
        now: new Date(),
        signal: ctx.mcpReq.signal,
        call: {
          key: scope.callKey,
          facts: scope.facts,
          ...(progressToken !== undefined ? { progressToken } : {}),
          progress: async (progress, total, message) => {
            if (progressToken === undefined) return;
            await ctx.mcpReq.notify({
              method: 'notifications/progress',
              params: { progressToken, progress, ...(total !== undefined ? { total } : {}), ...(message !== undefined ? { message } : {}) },
            });
          },
        },
      });
      return toCallToolResult(result);
    } catch (error) {
      deps.onFault(error, { tool: name, call: scope.callKey });
      throw new ProtocolError(ProtocolErrorCode.InternalError, 'Internal error.');
    }
  });

  // Resources: the call's upload requests (issue 9); subscriptions are kept per call.
  server.setRequestHandler('resources/list', async (_request, ctx) => ({ resources: deps.resources ? ((await deps.resources.list(scopeOf(ctx))) as never) : [] }));
  server.setRequestHandler('resources/templates/list', async () => ({
    resourceTemplates: deps.resources ? [{ uriTemplate: 'voicefiles://uploads/{upload_id}', name: 'upload', title: 'Upload request', description: 'An upload request of this call and its files.', mimeType: 'application/json' }] : [],
  }));
  server.setRequestHandler('resources/read', async (request, ctx) => {
    const uri = checkedUri(request.params.uri);
    const contents = deps.resources ? await deps.resources.read(scopeOf(ctx), uri).catch((error: unknown) => {
      deps.onFault(error, { method: 'resources/read' });
      throw new ProtocolError(ProtocolErrorCode.InternalError, 'Internal error.');
    }) : null;
    if (!contents) throw new ResourceNotFoundError(uri);
    return { contents: [contents] };
  });
  server.setRequestHandler('resources/subscribe', async (request, ctx) => {
    const scope = scopeOf(ctx);
    if (!deps.registry.subscribe(scope.callKey, checkedUri(request.params.uri))) {
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, 'This call already holds as many subscriptions as allowed.');
    }
    return {};
  });
  server.setRequestHandler('resources/unsubscribe', async (request, ctx) => {
    deps.registry.unsubscribe(scopeOf(ctx).callKey, checkedUri(request.params.uri));
    return {};
  });
  return server;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

function checkedUri(uri: string): string {
  if (uri.length === 0 || uri.length > 2000 || CONTROL.test(uri) || !/^[a-z][a-z0-9+.-]*:/i.test(uri)) {
    throw new ProtocolError(ProtocolErrorCode.InvalidParams, 'params.uri must be an absolute URI of at most 2000 characters.');
  }
  return uri;
}

/** Our tool result as MCP's: the speech as text content, the data (with speech) as structured content. */
export function toCallToolResult(result: ToolResult): CallToolResult {
  return {
    content: [{ type: 'text', text: result.speech }],
    structuredContent: { speech: result.speech, ...result.data },
    isError: result.isError === true,
  };
}
