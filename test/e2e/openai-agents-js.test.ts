import { MCPServerSSE, MCPServerStreamableHttp, RunContext, getAllMcpTools, type FunctionTool } from '@openai/agents';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMcpFixture, withClamd, type McpFixture } from '../support/mcp-fixture.ts';

/**
 * The OpenAI Agents SDK for JavaScript (`@openai/agents`) connects its MCP server classes
 * to Voicefiles, lists the tools and calls them, without a model: first through the MCP
 * server class, then as the function tools an agent would get (with strict schemas).
 */
let fx: McpFixture;
beforeAll(async () => {
  if (withClamd) fx = await startMcpFixture();
});
afterAll(async () => fx?.stop());

const QUERY = { query: 'um could you pull up the cue two financial report' };

describe.skipIf(!withClamd)('OpenAI Agents SDK (JavaScript) MCP servers', () => {
  for (const [label, make] of [
    ['MCPServerStreamableHttp', (token: string) => new MCPServerStreamableHttp({ url: `${fx.server.url}/v1/mcp`, name: 'voicefiles', requestInit: { headers: { authorization: `Bearer ${token}` } } })],
    [
      'MCPServerSSE',
      (token: string) =>
        new MCPServerSSE({
          url: `${fx.server.url}/v1/sse`,
          name: 'voicefiles',
          requestInit: { headers: { authorization: `Bearer ${token}` } },
          eventSourceInit: { fetch: (url: string, init?: RequestInit) => fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), authorization: `Bearer ${token}` } }) },
        }),
    ],
  ] as const) {
    it(`${label}: lists the tools and finds the report by a spoken query`, async () => {
      const server = make(await fx.token());
      await server.connect();
      try {
        const tools = await server.listTools();
        expect(tools.map((t) => t.name).sort()).toEqual(['describe', 'find', 'request-upload', 'share', 'upload-status']);
        const result = await server.callTool('find', QUERY);
        expect(result).toEqual([{ type: 'text', text: 'I found the Q2 Financial Report, a text file from today.' }]);

        // As an agent sees them: function tools with strict schemas, invoked the way a model's call would be.
        const functionTools = (await getAllMcpTools({ mcpServers: [server], convertSchemasToStrict: true })) as FunctionTool[];
        const find = functionTools.find((t) => t.name === 'find') as FunctionTool;
        expect(find.strict).toBe(true);
        const output = await find.invoke(new RunContext({}), JSON.stringify({ ...QUERY, kind: null, limit: null }));
        expect(JSON.stringify(output)).toContain('Q2 Financial Report');
      } finally {
        await server.close();
      }
    });
  }
});
