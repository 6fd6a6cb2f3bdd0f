import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { clamdAvailable, startClamd, type TestClamd } from '../support/clamd.ts';
import { McpTestClient } from '../support/mcp-client.ts';
import { postgresAvailable } from '../support/services.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/**
 * Replays every ```jsonc example of docs/websocket-protocol.md against a real
 * server (real clamd, files ready through the pipeline) and checks each reply
 * matches the documented one. The document says how examples are written.
 */
interface Exchange {
  send: string;
  reply: string | null;
}
interface Example {
  title: string;
  mode: 'main' | 'rate-limit';
  line: number;
  exchanges: Exchange[];
}

const DOC = readFileSync(new URL('../../docs/websocket-protocol.md', import.meta.url), 'utf8');
/** Roomy enough for the main replay (about two messages per example); the rate-limit example floods past it. */
const RATE = { perSecond: 50, burst: 100 };

function parseExamples(markdown: string): Example[] {
  const lines = markdown.split('\n');
  const examples: Example[] = [];
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (/^#{1,6}\s/.test(line)) heading = line.replace(/^#+\s*/, '');
    const fence = /^```jsonc(?:\s+(\S+))?\s*$/.exec(line);
    if (!fence) continue;
    if (fence[1] !== undefined && fence[1] !== 'rate-limit') throw new Error(`line ${i + 1}: unknown example mode ${fence[1]}`);
    const example: Example = { title: heading, mode: fence[1] === 'rate-limit' ? 'rate-limit' : 'main', line: i + 1, exchanges: [] };
    let comment: string | null = null;
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i] as string); i++) {
      const text = lines[i] as string;
      const trimmed = text.trim();
      const last = example.exchanges.at(-1);
      if (trimmed === '') continue;
      if (trimmed.startsWith('//')) comment ??= trimmed.slice(2).trim();
      else if (trimmed.startsWith('→')) example.exchanges.push({ send: trimmed.slice(1).trim(), reply: null });
      else if (trimmed.startsWith('←') && last && last.reply === null) last.reply = trimmed.slice(1).trim();
      else if (/^\s/.test(text) && last) {
        if (last.reply === null) last.send += `\n${trimmed}`;
        else last.reply += `\n${trimmed}`;
      } else throw new Error(`docs/websocket-protocol.md line ${i + 1}: cannot read "${trimmed}"`);
    }
    if (comment) example.title = `${heading}: ${comment}`;
    examples.push(example);
  }
  return examples;
}

const PLACEHOLDER = /^<([a-z-]+)(?::(\w+))?>$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KINDS: Record<string, (v: unknown) => boolean> = {
  any: () => true,
  string: (v) => typeof v === 'string',
  integer: (v) => Number.isInteger(v),
  number: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  uuid: (v) => typeof v === 'string' && UUID.test(v),
  'date-time': (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)),
};

/** Differences between a documented reply and a real one; remembers `<uuid:name>` values in `captured`. */
function differences(expected: unknown, actual: unknown, captured: Map<string, unknown>, at = '$'): string[] {
  const placeholder = typeof expected === 'string' ? PLACEHOLDER.exec(expected) : null;
  if (placeholder) {
    const [, kind, name] = placeholder as unknown as [string, string, string | undefined];
    const test = KINDS[kind];
    if (!test) throw new Error(`unknown placeholder ${String(expected)} at ${at}`);
    if (!test(actual)) return [`${at}: ${JSON.stringify(actual)} is not a ${kind}`];
    if (name !== undefined) {
      if (captured.has(name) && captured.get(name) !== actual) return [`${at}: ${JSON.stringify(actual)} is not the ${name} seen before`];
      captured.set(name, actual);
    }
    return [];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return [`${at}: expected ${expected.length} items, got ${JSON.stringify(actual)}`];
    return expected.flatMap((item, i) => differences(item, actual[i], captured, `${at}[${i}]`));
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return [`${at}: expected an object, got ${JSON.stringify(actual)}`];
    return Object.entries(expected).flatMap(([key, value]) =>
      key in actual ? differences(value, (actual as Record<string, unknown>)[key], captured, `${at}.${key}`) : [`${at}.${key} is missing`],
    );
  }
  return Object.is(expected, actual) ? [] : [`${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

/** A request with remembered values filled in. */
function fillIn(send: string, captured: Map<string, unknown>): string {
  return send.replace(/"<uuid:(\w+)>"/g, (_, name: string) => {
    if (!captured.has(name)) throw new Error(`<uuid:${name}> is used before a reply named it`);
    return JSON.stringify(captured.get(name));
  });
}

/** Every text frame a socket receives, in order. */
class Inbox {
  private readonly queue: string[] = [];
  private wake: (() => void) | null = null;

  constructor(ws: WebSocket) {
    ws.on('message', (data) => {
      this.queue.push(data.toString());
      this.wake?.();
    });
  }

  get waiting(): readonly string[] {
    return this.queue;
  }

  async next(timeoutMs = 5000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    while (this.queue.length === 0) {
      if (Date.now() > deadline) throw new Error('no reply within 5 s');
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, 50);
      });
    }
    return JSON.parse(this.queue.shift() as string) as Record<string, unknown>;
  }

  async nextWithId(id: unknown): Promise<Record<string, unknown>> {
    for (;;) {
      const message = await this.next();
      if (message.id === id) return message;
    }
  }
}

const examples = parseExamples(DOC);
const withClamd = await clamdAvailable();
const onServer = await postgresAvailable();
let clamd: TestClamd;
let server: TestServer;
let apiKey: string;
let client: McpTestClient;
let inbox: Inbox;
const captured = new Map<string, unknown>();

describe('docs/websocket-protocol.md: the examples', () => {
  it('cover the methods, both tools, a tool failure and every protocol error code', () => {
    const sent = examples.flatMap((e) => e.exchanges.map((x) => x.send)).join('\n');
    const replies = examples.flatMap((e) => e.exchanges.map((x) => x.reply ?? '')).join('\n');
    for (const method of ['initialize', 'notifications/initialized', 'ping', 'tools/list', 'tools/call']) expect(sent).toContain(`"method":"${method}"`);
    for (const tool of ['find', 'describe']) expect(sent).toContain(`"name":"${tool}"`);
    for (const code of [-32700, -32600, -32601, -32602, -32029]) expect(replies).toContain(`"code":${code}`);
    expect(replies).toContain('"isError":true');
    expect(examples.filter((e) => e.mode === 'main').length).toBeGreaterThanOrEqual(15);
  });
});

describe.skipIf(!withClamd)(`docs/websocket-protocol.md replayed (${withClamd ? 'clamd' : 'skipped: clamd not available'}, ${onServer ? 'PostgreSQL server' : 'PGlite'})`, () => {
  beforeAll(async () => {
    clamd = await startClamd();
    server = await startTestServer({
      engine: onServer ? 'postgres' : 'pglite',
      env: { CLAMAV_URL: clamd.url, WS_RATE_PER_SECOND: String(RATE.perSecond), WS_RATE_BURST: String(RATE.burst) },
    });
    // Spoken dates say "today": keep upload and replay on the same UTC day.
    const toMidnight = 86_400_000 - (Date.now() % 86_400_000);
    if (toMidnight < 30_000) await new Promise((resolve) => setTimeout(resolve, toMidnight + 1000));
    apiKey = (await server.createTenant('acme', 'en')).apiKey;
    const ids: string[] = [];
    for (const [name, body, visibility] of [
      ['Q2 Financial Report.txt', 'Revenue grew by twelve percent in the second quarter.', 'public'],
      ['Q2 Sales Pipeline.csv', 'customer,amount\nMüller,100\nSchmidt,250\n', 'internal'],
    ] as const) {
      const res = await server.upload(apiKey, name, body, { visibility });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
      ids.push(res.json.file_id as string);
    }
    for (const settled of await Promise.all(ids.map((id) => server.settled(apiKey, id, 15_000)))) expect(settled.status).toBe('ready');
    client = await McpTestClient.connect(server.url, await server.sessionToken(apiKey, { role: 'staff', call_id: 'call-1' }));
    inbox = new Inbox(client.ws);
  });

  afterAll(async () => {
    await client?.close();
    await server?.stop();
    await clamd?.close();
  });

  let probes = 0;
  const unasked: unknown[] = [];
  /** Send a ping; returns what arrived before its reply. */
  async function probe(): Promise<unknown[]> {
    const id = `probe-${++probes}`;
    client.ws.send(JSON.stringify({ jsonrpc: '2.0', id, method: 'ping' }));
    const before: unknown[] = [];
    for (let message = await inbox.next(); message.id !== id; message = await inbox.next()) before.push(message);
    return before;
  }

  for (const example of examples) {
    it(`${example.title} (line ${example.line})`, async () => {
      if (example.mode === 'rate-limit') return replayAfterBurst(example);
      // Start in step, so one failed example does not fail the ones after it.
      unasked.push(...(await probe()));
      for (const { send, reply } of example.exchanges) {
        client.ws.send(fillIn(send, captured));
        if (reply === null) {
          // Documented as unanswered: nothing may arrive before the reply to a ping sent after it.
          expect(await probe(), `${send} was answered`).toEqual([]);
          continue;
        }
        const actual = await inbox.next();
        expect(differences(JSON.parse(reply), actual, captured), `sent ${send}\nreceived ${JSON.stringify(actual)}`).toEqual([]);
      }
    });
  }

  it('sent nothing that was not asked for', async () => {
    unasked.push(...(await probe()));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect([...unasked, ...inbox.waiting]).toEqual([]);
  });
});

/** On a fresh connection: more pings than the burst allows, then the example's request at once. */
async function replayAfterBurst(example: Example): Promise<void> {
  const fresh = await McpTestClient.connect(server.url, await server.sessionToken(apiKey, { role: 'staff' }));
  try {
    const freshInbox = new Inbox(fresh.ws);
    for (const { send, reply } of example.exchanges) {
      expect(reply, 'a rate-limit example needs a reply').not.toBeNull();
      const expected = JSON.parse(reply as string) as { id: unknown };
      let actual: Record<string, unknown> = {};
      // A pause in reading right before the request refills a token; then it gets through, so flood again.
      for (let attempt = 0; attempt < 3 && !('error' in actual); attempt++) {
        for (let i = 0; i < RATE.burst + 50; i++) fresh.ws.send(JSON.stringify({ jsonrpc: '2.0', id: `burst-${attempt}-${i}`, method: 'ping' }));
        fresh.ws.send(fillIn(send, captured));
        actual = await freshInbox.nextWithId(expected.id);
      }
      expect(differences(expected, actual, captured), `sent ${send}\nreceived ${JSON.stringify(actual)}`).toEqual([]);
    }
  } finally {
    await fresh.close();
  }
}
