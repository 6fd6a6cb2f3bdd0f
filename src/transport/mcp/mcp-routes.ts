import { DomainError } from '../../domain/errors.ts';
import type { ObjectSchema } from '../../tools/json-schema.ts';
import type { ToolRunner } from '../../tools/tool-runner.ts';
import type { Router } from '../http/router.ts';
import { authenticateEdge, EdgeAuthError, type EdgeAuthDeps } from './edge-auth.ts';
import { SSE_MESSAGES_PATH, SSE_PATH, type LegacySseEndpoint } from './legacy-sse.endpoint.ts';
import { sendEdgeRefusal } from './mcp-http-kit.ts';
import type { StreamableHttpEndpoint } from './streamable-http.endpoint.ts';
import { TOOL_FORMATS, toolsAs, type ToolFormat } from './tool-formats.ts';

export const MCP_PATH = '/v1/mcp';

/** The query parameters these endpoints read (through the router's input gate, like every route's). */
const TOKEN = { type: 'string', minLength: 1, maxLength: 4096 } as const;
const QUERY = {
  mcp: { type: 'object', properties: { token: TOKEN }, additionalProperties: false },
  sseMessages: { type: 'object', properties: { sessionId: { type: 'string', minLength: 1, maxLength: 200 }, token: TOKEN }, additionalProperties: false },
  tools: { type: 'object', properties: { token: TOKEN, format: { type: 'string', enum: TOOL_FORMATS } }, additionalProperties: false },
} satisfies Record<string, ObjectSchema>;

/** The MCP HTTP endpoints and the tool catalogue, on the API's router. */
export function mcpRoutes(
  router: Router,
  deps: EdgeAuthDeps & { streamable: StreamableHttpEndpoint; sse: LegacySseEndpoint; runner: ToolRunner; queryToken: boolean },
): void {
  for (const method of ['POST', 'GET', 'DELETE']) router.add(method, MCP_PATH, (req, res, ctx) => deps.streamable.handle(req, res, ctx.url), { query: QUERY.mcp });
  router.add('GET', SSE_PATH, (req, res, ctx) => deps.sse.open(req, res, ctx.url), { query: QUERY.mcp });
  router.add('POST', SSE_MESSAGES_PATH, (req, res, ctx) => deps.sse.post(req, res, ctx.url), { query: QUERY.sseMessages });

  // GET /v1/tools?format=mcp|openai|bedrock: the tool definitions for platforms configured with functions.
  router.add('GET', '/v1/tools', async (req, res, ctx) => {
    try {
      await authenticateEdge(deps, req, deps.queryToken ? ctx.url.searchParams.get('token') : null);
    } catch (error) {
      if (error instanceof EdgeAuthError) return sendEdgeRefusal(res, error);
      throw error;
    }
    const format = ctx.url.searchParams.get('format') ?? 'mcp';
    if (!(TOOL_FORMATS as readonly string[]).includes(format)) {
      throw new DomainError('validation_failed', `format must be one of ${TOOL_FORMATS.join(', ')}.`, { details: { 'query.format': `must be one of ${TOOL_FORMATS.join(', ')}` } });
    }
    const body = JSON.stringify(toolsAs(format as ToolFormat, deps.runner.list()));
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)), 'Cache-Control': 'no-store' });
    res.end(body);
  }, { query: QUERY.tools });
}
