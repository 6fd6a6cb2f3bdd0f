import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config.ts';
import { startServer, type RunningServer, type StartOptions } from '../../src/main.ts';
import { createRoleSeparatedDatabase } from './role-separated-database.ts';
import { TEST_DATABASE_URL } from './services.ts';

export interface TestServer extends RunningServer {
  /** The admin bearer token (VOICEFILES_ADMIN_TOKEN); named for the master key it replaced. */
  masterKey: string;
  adminToken: string;
  /** VOICEFILES_ROOT_KEY: what session tokens and links are signed with (to forge test tokens). */
  rootKey: string;
  dataDir: string;
  /** Create a tenant through the API; returns its id and API key. */
  createTenant(slug: string, locale?: 'en' | 'de'): Promise<{ id: string; apiKey: string }>;
  /** A session token for a tenant API key. */
  sessionToken(apiKey: string, body?: Record<string, unknown>): Promise<string>;
  /** Upload bytes as a file. */
  upload(apiKey: string, name: string, body: Buffer | string, query?: Record<string, string>): Promise<{ status: number; json: Record<string, unknown> }>;
  /** Poll GET /v1/files/<id> until its status is terminal; returns the file's JSON. */
  settled(apiKey: string, fileId: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** The bearer token for GET /metrics on test servers. */
export const TEST_METRICS_TOKEN = 'test-metrics-token-0123456789';

const TERMINAL = new Set(['ready', 'unscanned', 'infected', 'rejected', 'failed']);

/**
 * A real server on a free port with a temp data dir: PGlite by default, or a
 * fresh database on the Postgres server with `engine: 'postgres'`, set up as
 * infra/postgres/init.sql sets up a real one (migrations as an owner role,
 * requests as a role that owns nothing, so row-level security binds them).
 */
export async function startTestServer(
  options: { engine?: 'pglite' | 'postgres'; env?: Record<string, string>; start?: StartOptions } = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'voicefiles-test-'));
  const masterKey = options.env?.VOICEFILES_ADMIN_TOKEN ?? `vfadmin_${randomBytes(32).toString('base64url')}`;
  const rootKey = options.env?.VOICEFILES_ROOT_KEY ?? randomBytes(32).toString('base64url');
  let dropDatabase: (() => Promise<void>) | null = null;
  const env: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    VOICEFILES_DATA_DIR: dataDir,
    VOICEFILES_ROOT_KEY: rootKey,
    VOICEFILES_ADMIN_TOKEN: masterKey,
    METRICS_TOKEN: TEST_METRICS_TOKEN,
    // Tests make many refused requests on purpose; the throttle's own tests set a small burst.
    AUTH_FAILURE_BURST: '100000',
    LOG_LEVEL: 'silent',
    ...options.env,
  };
  if (options.engine === 'postgres') {
    const database = await createRoleSeparatedDatabase(TEST_DATABASE_URL, 'vf_test');
    env.DATABASE_URL = database.url;
    env.DATABASE_MIGRATION_URL = database.migrationUrl;
    dropDatabase = database.drop;
  }
  const config: Config = loadConfig(env);
  const running = await startServer(config, options.start);
  const base = running.url;

  return {
    ...running,
    masterKey,
    adminToken: masterKey,
    rootKey,
    dataDir,
    async createTenant(slug, locale = 'en') {
      const res = await fetch(`${base}/v1/tenants`, { method: 'POST', headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ slug, locale }) });
      const body = (await res.json()) as { id: string; api_key: string };
      if (res.status !== 201) throw new Error(`tenant create failed: ${res.status} ${JSON.stringify(body)}`);
      return { id: body.id, apiKey: body.api_key };
    },
    async sessionToken(apiKey, body = {}) {
      const res = await fetch(`${base}/v1/sessions`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const parsed = (await res.json()) as { token: string };
      if (res.status !== 201) throw new Error(`session failed: ${res.status} ${JSON.stringify(parsed)}`);
      return parsed.token;
    },
    async upload(apiKey, name, body, query = {}) {
      const params = new URLSearchParams({ name, ...query });
      const res = await fetch(`${base}/v1/files?${params}`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/octet-stream' }, body });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    },
    async settled(apiKey, fileId, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const res = await fetch(`${base}/v1/files/${fileId}`, { headers: { authorization: `Bearer ${apiKey}` } });
        const body = (await res.json()) as Record<string, unknown>;
        if (res.status !== 200) throw new Error(`GET file failed: ${res.status} ${JSON.stringify(body)}`);
        if (TERMINAL.has(String(body.status))) return body;
        if (Date.now() > deadline) throw new Error(`file ${fileId} still ${String(body.status)} after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async stop() {
      await running.close();
      await dropDatabase?.();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
