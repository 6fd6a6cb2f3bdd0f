import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { McpTestClient } from '../support/mcp-client.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/**
 * Property-based fuzzing (fast-check) of the JSON-RPC framing and the tool arguments on
 * every transport. The properties: the server never answers -32603 or a tool result with
 * `internal`, never 5xx, never crashes (a ping still works afterwards), and every request
 * that parses gets exactly one answer. Each run prints how many inputs it tried.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
let server: TestServer;
let token: string;
const tried: Record<string, number> = {};

beforeAll(async () => {
  server = await startTestServer({ env: { WS_RATE_PER_SECOND: '10000', WS_RATE_BURST: '100000', MCP_MAX_CONNECTIONS_PER_TOKEN: '50' } });
  const { apiKey } = await server.createTenant('fuzz');
  await server.upload(apiKey, 'Q2 Report.txt', 'numbers', { visibility: 'public' });
  token = await server.sessionToken(apiKey, { role: 'staff' });
});
afterAll(async () => {
  console.log(`[fuzz] inputs tried: ${JSON.stringify(tried)}; total ${Object.values(tried).reduce((a, b) => a + b, 0)}`);
  await server?.stop();
});

const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', '__proto__', 'constructor', '\u202e', '💥', 'x'.repeat(3000), '', ' ', '\ud800'),
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  { depthSize: 'small' },
  nasty,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(nasty, { maxLength: 3 }),
  fc.dictionary(nasty, nasty, { maxKeys: 3 }),
);
const toolArguments = fc.oneof(
  fc.dictionary(fc.oneof(nasty, fc.constantFrom('query', 'kind', 'limit', 'file_id', '__proto__')), value, { maxKeys: 5 }),
  fc.record({ query: value, kind: value, limit: value }, { requiredKeys: [] }),
  fc.record({ file_id: fc.oneof(fc.uuid(), nasty) }),
  value,
);
// Integers above the clients' own request ids (they count up from 1), so a fuzzed frame never answers for the test's ping.
const id = fc.oneof(fc.integer({ min: 2 ** 32, max: 2 ** 40 }), fc.string({ maxLength: 20 }), fc.double(), fc.constant(null), fc.constant({}));
const method = fc.oneof(fc.constantFrom('initialize', 'ping', 'tools/list', 'tools/call', 'resources/subscribe', 'resources/read', 'logging/setLevel', 'server/discover', 'notifications/initialized', 'notifications/cancelled'), nasty);
const message = fc.oneof(
  fc.record({ jsonrpc: fc.constant('2.0'), id, method: fc.constant('tools/call'), params: fc.record({ name: fc.oneof(fc.constantFrom('find', 'describe'), nasty), arguments: toolArguments, _meta: fc.option(value) }, { requiredKeys: ['name'] }) }),
  fc.record({ jsonrpc: fc.oneof(fc.constant('2.0'), nasty), id, method, params: fc.option(value) }, { requiredKeys: ['jsonrpc', 'method'] }),
  fc.record({ jsonrpc: fc.constant('2.0'), id, method: fc.constant('initialize'), params: fc.record({ protocolVersion: fc.oneof(fc.constantFrom('2025-11-25', '2024-11-05'), nasty), capabilities: value, clientInfo: value }, { requiredKeys: [] }) }),
);
const frame = fc.oneof({ weight: 5, arbitrary: message.map((m) => JSON.stringify(m)) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) }, { weight: 1, arbitrary: fc.json() });

/** Problems in one JSON-RPC reply: an internal error or a tool result saying `internal`. */
function faults(reply: unknown): string[] {
  const list = Array.isArray(reply) ? reply : [reply];
  return list.flatMap((r) => {
    const m = r as { error?: { code?: number }; result?: { structuredContent?: { error?: { code?: string } } } };
    if (m?.error?.code === -32603) return [`internal error: ${JSON.stringify(m).slice(0, 300)}`];
    if (m?.result?.structuredContent?.error?.code === 'internal') return [`internal tool result: ${JSON.stringify(m).slice(0, 300)}`];
    return [];
  });
}

describe('fuzzing the MCP transports', () => {
  it('WebSocket /v1/agent: arbitrary frames and tool arguments', async () => {
    const client = await McpTestClient.connect(server.url, token);
    await client.initialize();
    const problems: string[] = [];
    await fc.assert(
      fc.asyncProperty(frame, async (text) => {
        tried.websocket = (tried.websocket ?? 0) + 1;
        client.ws.send(text);
        // A ping after each frame: it must still be answered, and whatever came before it must be sound.
        const pong = await client.request('ping');
        expect(pong.result).toEqual({});
        problems.push(...client.unmatched.splice(0).flatMap(faults));
      }),
      { numRuns: RUNS },
    );
    expect(problems).toEqual([]);
    expect(client.ws.readyState).toBe(client.ws.OPEN);
    await client.close();
  });

  for (const mode of ['stateless', 'session'] as const) {
    it(`Streamable HTTP /v1/mcp (${mode}): arbitrary bodies and tool arguments`, async () => {
      let session: string | null = null;
      const headers = (extra: Record<string, string> = {}) => ({ accept: 'application/json, text/event-stream', 'content-type': 'application/json', authorization: `Bearer ${token}`, ...extra });
      if (mode === 'session') {
        const res = await fetch(`${server.url}/v1/mcp`, { method: 'POST', headers: headers(), body: JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'fuzz', version: '1' } } }) });
        session = res.headers.get('mcp-session-id');
        await res.text();
      }
      const problems: string[] = [];
      await fc.assert(
        fc.asyncProperty(frame, async (body) => {
          tried[`streamable-http-${mode}`] = (tried[`streamable-http-${mode}`] ?? 0) + 1;
          const res = await fetch(`${server.url}/v1/mcp`, { method: 'POST', headers: headers(session ? { 'mcp-session-id': session, 'mcp-protocol-version': '2025-11-25' } : {}), body });
          const text = await res.text();
          if (res.status >= 500) problems.push(`HTTP ${res.status}: ${text.slice(0, 200)} for ${body.slice(0, 200)}`);
          for (const data of text.startsWith('{') || text.startsWith('[') ? [text] : [...text.matchAll(/^data: ?(.*)$/gm)].map((m) => m[1] as string)) {
            problems.push(...faults(JSON.parse(data)));
          }
        }),
        { numRuns: RUNS },
      );
      expect(problems).toEqual([]);
    });
  }

  it('legacy SSE /v1/sse: arbitrary message bodies', async () => {
    const controller = new AbortController();
    const stream = await fetch(`${server.url}/v1/sse`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    let buffer = '';
    const first = await reader.read();
    buffer += new TextDecoder().decode(first.value);
    const endpoint = /data: (\/v1\/sse\/messages\?sessionId=[^\n]+)/.exec(buffer)?.[1];
    expect(endpoint).toBeTruthy();
    const events: string[] = [];
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        buffer += new TextDecoder().decode(value);
        for (const m of buffer.matchAll(/^data: ?(\{.*)$/gm)) events.push(m[1] as string);
        buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
      }
    })();
    const problems: string[] = [];
    await fc.assert(
      fc.asyncProperty(frame, async (body) => {
        tried.sse = (tried.sse ?? 0) + 1;
        const res = await fetch(`${server.url}${endpoint}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
        const text = await res.text();
        if (res.status >= 500) problems.push(`HTTP ${res.status}: ${text.slice(0, 200)}`);
      }),
      { numRuns: RUNS },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    problems.push(...events.flatMap((e) => faults(JSON.parse(e))));
    controller.abort();
    expect(problems).toEqual([]);
  });

  it('is still up and answering after all of it', async () => {
    const client = await McpTestClient.connect(server.url, token);
    expect((await client.request('ping')).result).toEqual({});
    await client.close();
  });
});
