import { startClamd, type TestClamd } from './clamd.ts';
import { McpTestClient } from './mcp-client.ts';
import { startTestServer, type TestServer } from './server.ts';

/** A clock the test moves: the code clock of the server (expiry, throttles, confirmations). */
export class MovableClock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }
}

export interface ShareFixture {
  server: TestServer;
  clock: MovableClock;
  /** Tenant slug -> its API key and the id of its one ready file. */
  tenants: Record<string, { apiKey: string; fileId: string; content: string; name: string }>;
  /** The whole spoken flow of a caller: find the file by what was said, share, a spoken yes; the share tool's data. */
  share(slug: string, said: string): Promise<Record<string, any>>;
  stop(): Promise<void>;
}

/** A real server (real clamd) with tenants whose one file is ready, and a movable code clock. */
export async function startShareFixture(tenants: Array<{ slug: string; locale: 'en' | 'de'; name: string; content: string }>, env: Record<string, string> = {}): Promise<ShareFixture> {
  const clamd: TestClamd = await startClamd();
  const clock = new MovableClock();
  const server = await startTestServer({ env: { CLAMAV_URL: clamd.url, ...env }, start: { codeClock: clock } });
  const out: ShareFixture['tenants'] = {};
  for (const t of tenants) {
    const { apiKey } = await server.createTenant(t.slug, t.locale);
    const res = await server.upload(apiKey, t.name, t.content, { visibility: 'public' });
    if (res.status !== 201) throw new Error(`upload failed: ${JSON.stringify(res.json)}`);
    const fileId = res.json.file_id as string;
    const settled = await server.settled(apiKey, fileId, 60_000);
    if (settled.status !== 'ready') throw new Error(`file ended ${String(settled.status)}`);
    out[t.slug] = { apiKey, fileId, content: t.content, name: t.name };
  }
  return {
    server,
    clock,
    tenants: out,
    async share(slug, said) {
      const t = out[slug]!;
      const token = await server.sessionToken(t.apiKey, { role: 'caller', scopes: ['read', 'share'], caller: { phone: '+1 555 0100 4711' } });
      const ws = await McpTestClient.connect(server.url, token);
      try {
        await ws.initialize();
        const found = await ws.callTool('find', { query: said });
        const fileId = (found.data.results as Array<{ file_id: string }> | undefined)?.[0]?.file_id;
        if (fileId !== t.fileId) throw new Error(`find did not find the file for "${said}": ${found.speech}`);
        const asked = await ws.callTool('share', { file_id: fileId });
        const done = await ws.callTool('share', { file_id: fileId, confirmation_token: asked.data.confirmation_token, utterance: slug === 'firma' ? 'ja bitte' : 'yes please' });
        if (done.data.status !== 'shared') throw new Error(`share failed: ${JSON.stringify(done.data)}`);
        return done.data;
      } finally {
        await ws.close();
      }
    },
    async stop() {
      await server.stop();
      await clamd.close();
    },
  };
}
