import WebSocket from 'ws';

/** A real WebSocket MCP client for tests: sends JSON-RPC, matches replies by id. */
export class McpTestClient {
  private nextId = 1;
  private readonly pending = new Map<string | number, (message: Record<string, unknown>) => void>();
  readonly unmatched: Array<Record<string, unknown>> = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as Record<string, unknown>;
      const id = message.id as string | number | null;
      const resolve = id === null || id === undefined ? undefined : this.pending.get(id);
      if (resolve) {
        this.pending.delete(id as string | number);
        resolve(message);
      } else this.unmatched.push(message);
    });
  }

  static async connect(baseUrl: string, token: string, options: { protocols?: string[]; viaQuery?: boolean } = {}): Promise<McpTestClient> {
    const url = `${baseUrl.replace(/^http/, 'ws')}/v1/agent${options.viaQuery ? `?token=${encodeURIComponent(token)}` : ''}`;
    const ws = new WebSocket(url, options.protocols ?? ['mcp'], options.viaQuery ? {} : { headers: { authorization: `Bearer ${token}` } });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
    return new McpTestClient(ws);
  }

  request(method: string, params?: unknown): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return this.sendRaw(JSON.stringify({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) }), id);
  }

  /** Send any text; resolves with the reply carrying `expectId` (or the next unmatched message for id null). */
  sendRaw(text: string, expectId: string | number | null): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no reply for ${String(expectId)}`)), 5000);
      const done = (message: Record<string, unknown>) => {
        clearTimeout(timer);
        resolve(message);
      };
      if (expectId === null) {
        const before = this.unmatched.length;
        const poll = setInterval(() => {
          if (this.unmatched.length > before) {
            clearInterval(poll);
            done(this.unmatched[before] as Record<string, unknown>);
          }
        }, 5);
      } else this.pending.set(expectId, done);
      this.ws.send(text);
    });
  }

  async initialize(): Promise<Record<string, unknown>> {
    const reply = await this.request('initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'test', version: '0' } });
    this.ws.send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
    return reply;
  }

  async callTool(name: string, args: Record<string, unknown>): Promise<{ speech: string; data: Record<string, unknown>; isError: boolean }> {
    const reply = await this.request('tools/call', { name, arguments: args });
    const result = reply.result as { content: Array<{ text: string }>; structuredContent: Record<string, unknown>; isError: boolean } | undefined;
    if (!result) throw new Error(`tools/call failed: ${JSON.stringify(reply.error)}`);
    return { speech: result.content[0]?.text ?? '', data: result.structuredContent, isError: result.isError };
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve();
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}
