import { clamdAvailable, startClamd, type TestClamd } from './clamd.ts';
import { startTestServer, type TestServer } from './server.ts';

/**
 * A real server with a tenant "acme" and two files ready through the real pipeline (real
 * clamd), as in docs/websocket-protocol.md: "Q2 Financial Report.txt" (public) and
 * "Q2 Sales Pipeline.csv" (internal). For the MCP client tests of every transport.
 */
export interface McpFixture {
  server: TestServer;
  apiKey: string;
  tenantId: string;
  fileIds: { report: string; pipeline: string };
  /** A session token (staff by default). */
  token(body?: Record<string, unknown>): Promise<string>;
  /** A new agent key: `{ id, key }`. */
  agentKey(body?: Record<string, unknown>): Promise<{ id: string; key: string }>;
  /** The tenant's audit trail, newest first. */
  audit(): Promise<Array<Record<string, unknown>>>;
  stop(): Promise<void>;
}

export const withClamd = await clamdAvailable();

export async function startMcpFixture(env: Record<string, string> = {}): Promise<McpFixture> {
  const clamd: TestClamd = await startClamd();
  const server = await startTestServer({ env: { CLAMAV_URL: clamd.url, WS_RATE_PER_SECOND: '200', WS_RATE_BURST: '400', ...env } });
  const tenant = await server.createTenant('acme', 'en');
  const ids: string[] = [];
  for (const [name, body, visibility] of [
    ['Q2 Financial Report.txt', 'Revenue grew by twelve percent in the second quarter.', 'public'],
    ['Q2 Sales Pipeline.csv', 'customer,amount\nMüller,100\nSchmidt,250\n', 'internal'],
  ] as const) {
    const res = await server.upload(tenant.apiKey, name, body, { visibility });
    if (res.status !== 201) throw new Error(`upload failed: ${JSON.stringify(res.json)}`);
    ids.push(res.json.file_id as string);
  }
  for (const id of ids) {
    const settled = await server.settled(tenant.apiKey, id, 30_000);
    if (settled.status !== 'ready') throw new Error(`file ${id} ended ${String(settled.status)}`);
  }
  const api = (method: string, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${tenant.apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  return {
    server,
    apiKey: tenant.apiKey,
    tenantId: tenant.id,
    fileIds: { report: ids[0] as string, pipeline: ids[1] as string },
    token: (body = { role: 'staff' }) => server.sessionToken(tenant.apiKey, body),
    async agentKey(body = { role: 'staff', scopes: ['read'] }) {
      const res = await api('POST', '/v1/agent-keys', body);
      const json = (await res.json()) as { id: string; key: string };
      if (res.status !== 201) throw new Error(`agent key failed: ${res.status} ${JSON.stringify(json)}`);
      return json;
    },
    async audit() {
      const res = await api('GET', '/v1/audit?limit=200');
      return ((await res.json()) as { events: Array<Record<string, unknown>> }).events;
    },
    async stop() {
      await server.stop();
      await clamd.close();
    },
  };
}
