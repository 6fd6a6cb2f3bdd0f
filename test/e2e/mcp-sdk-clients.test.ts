import { Client, SSEClientTransport, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { WebSocketClientTransport } from '@modelcontextprotocol/sdk/client/websocket.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startMcpFixture, withClamd, type McpFixture } from '../support/mcp-fixture.ts';

/**
 * The official MCP TypeScript SDK client (v2) on every transport: Streamable HTTP in the
 * 2025 era (initialize, sessions) and the 2026-07-28 era (server/discover, stateless), the
 * legacy SSE transport, and /v1/agent through the SDK's own WebSocket client transport
 * (v2 dropped it, so the v1 SDK's `WebSocketClientTransport` under the v2 Client).
 */
let fx: McpFixture;

// The v1 WebSocket client transport uses the global WebSocket, which Node 20 has only behind a flag.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

beforeAll(async () => {
  if (withClamd) fx = await startMcpFixture();
});
afterAll(async () => fx?.stop());

async function findQ2(client: Client): Promise<void> {
  const listed = await client.listTools();
  const find = listed.tools.find((tool) => tool.name === 'find');
  expect(listed.tools.map((tool) => tool.name).sort()).toEqual(['describe', 'find', 'request-upload', 'share', 'upload-status']);
  expect(find).toMatchObject({ title: 'Find files', annotations: { readOnlyHint: true, destructiveHint: false }, outputSchema: { type: 'object' } });
  const result = await client.callTool({ name: 'find', arguments: { query: 'um could you pull up the cue two financial report' } });
  expect(result.isError).toBe(false);
  expect(result.content).toEqual([{ type: 'text', text: 'I found the Q2 Financial Report, a text file from today.' }]);
  expect(result.structuredContent).toMatchObject({ query: 'q2 financial report', results: [{ file_id: fx.fileIds.report, name: 'Q2 Financial Report.txt' }] });
}

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

describe.skipIf(!withClamd)('official TypeScript SDK client', () => {
  it('Streamable HTTP, 2025-11-25: initialize opens a session; find by a spoken query; DELETE ends it', async () => {
    const transport = new StreamableHTTPClientTransport(new URL(`${fx.server.url}/v1/mcp`), { requestInit: bearer(await fx.token()) });
    const client = new Client({ name: 'sdk-test', version: '1.0.0' });
    await client.connect(transport);
    expect(client.getProtocolEra()).toBe('legacy');
    expect(transport.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    await findQ2(client);
    await transport.terminateSession();
    await client.close();
  });

  it('Streamable HTTP, 2026-07-28: server/discover, then stateless requests with the version in _meta', async () => {
    const transport = new StreamableHTTPClientTransport(new URL(`${fx.server.url}/v1/mcp`), { requestInit: bearer(await fx.token()) });
    const client = new Client({ name: 'sdk-test', version: '1.0.0' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
    await client.connect(transport);
    expect(client.getProtocolEra()).toBe('modern');
    expect(transport.sessionId).toBeUndefined();
    await findQ2(client);
    await client.close();
  });

  it('legacy HTTP+SSE (2024-11-05) at /v1/sse', async () => {
    const token = await fx.token();
    const transport = new SSEClientTransport(new URL(`${fx.server.url}/v1/sse`), {
      requestInit: bearer(token),
      eventSourceInit: { fetch: (url, init) => fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), authorization: `Bearer ${token}` } }) },
    });
    const client = new Client({ name: 'sdk-test', version: '1.0.0' });
    await client.connect(transport);
    await findQ2(client);
    await client.close();
  });

  it('WebSocket /v1/agent with the token in the query (the SDK WebSocket transport sends no headers)', async () => {
    const token = await fx.token();
    const client = new Client({ name: 'sdk-test', version: '1.0.0' });
    await client.connect(new WebSocketClientTransport(new URL(`${fx.server.url.replace(/^http/, 'ws')}/v1/agent?token=${encodeURIComponent(token)}`)) as never);
    await findQ2(client);
    await client.close();
  });

  it('an agent key with the platform call id: the call id and caller number reach the audit trail, access stays the key’s', async () => {
    const { key } = await fx.agentKey({ name: 'vapi assistant', role: 'caller', scopes: ['read'] });
    const transport = new StreamableHTTPClientTransport(new URL(`${fx.server.url}/v1/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${key}`, 'x-call-id': 'vapi-call-77', 'x-caller-number': '+4915112345678', 'x-voice-platform': 'vapi' } },
    });
    const client = new Client({ name: 'vapi-like', version: '1.0.0' });
    await client.connect(transport);
    const result = await client.callTool({ name: 'find', arguments: { query: 'sales pipeline' } });
    // A caller key sees public files only: the internal pipeline sheet stays hidden whatever the headers say.
    expect((result.structuredContent as { results: Array<{ name: string }> }).results.map((r) => r.name)).not.toContain('Q2 Sales Pipeline.csv');
    await client.close();
    const event = (await fx.audit()).find((e) => e.action === 'tool.find' && e.call_id === 'vapi-call-77');
    expect(event).toMatchObject({ role: 'caller', outcome: 'ok', detail: { call_facts: { callId: 'vapi-call-77', callerNumber: '+4915112345678', platform: 'vapi' } } });
    expect(String(event?.actor)).toMatch(/^agent_key:/);
  });
});
