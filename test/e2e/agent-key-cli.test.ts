import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { McpTestClient } from '../support/mcp-client.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/** `voicefiles agent-key create|list|revoke` against a real server, and the key it prints in use. */
let server: TestServer;
/** The CLI keeps the tenant key it makes here, never in the real ~/.config. */
const configDir = mkdtempSync(path.join(os.tmpdir(), 'vf-agent-key-cli-'));

beforeAll(async () => {
  server = await startTestServer();
  await server.createTenant('acme');
});
afterAll(async () => {
  await server?.stop();
  rmSync(configDir, { recursive: true, force: true });
});

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    env: { VOICEFILES_URL: server.url, VOICEFILES_ADMIN_TOKEN: server.adminToken, VOICEFILES_CONFIG_DIR: configDir },
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: process.cwd(),
  });
  return { code, stdout, stderr };
}

describe('voicefiles agent-key', () => {
  it('creates a key with fixed role and scopes, lists it, and revokes it', async () => {
    const created = await cli('agent-key', 'create', '--tenant', 'acme', '--role', 'caller', '--scopes', 'read,share', '--name', 'Vapi front desk', '--json');
    expect(created.code).toBe(0);
    const key = JSON.parse(created.stdout) as { id: string; key: string; role: string; scopes: string[]; expires_at: string };
    expect(key).toMatchObject({ role: 'caller', scopes: ['read', 'share'] });
    expect(key.key).toMatch(/^vfa_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    const client = await McpTestClient.connect(server.url, key.key);
    expect((await client.request('ping')).result).toEqual({});
    await client.close();

    const listed = await cli('agent-key', 'list', '--tenant', 'acme');
    expect(listed.stdout).toContain(key.id);
    expect(listed.stdout).toContain('Vapi front desk');
    expect(listed.stdout).not.toContain(key.key);

    expect((await cli('agent-key', 'revoke', '--tenant', 'acme', key.id)).code).toBe(0);
    expect((await cli('agent-key', 'list', '--tenant', 'acme')).stdout).toMatch(/revoked \d{4}-\d{2}-\d{2}/);
    const again = await cli('agent-key', 'revoke', '--tenant', 'acme', key.id);
    expect(again).toMatchObject({ code: 1 });
    expect(again.stderr).toContain('(not_found)');
  });

  it('refuses unknown scopes on the command line, and bad input at the API with validation_failed', async () => {
    expect((await cli('agent-key', 'create', '--tenant', 'acme', '--scopes', 'read,admin')).code).toBe(2);
    const res = await cli('agent-key', 'create', '--tenant', 'acme', '--name', 'x'.repeat(101));
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('(validation_failed)');
  });
});
