/** `voicefiles reindex` against a real server: the index is emptied behind its back, the command rebuilds it. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { McpTestClient } from '../support/mcp-client.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
let server: TestServer;
let apiKey: string;

beforeAll(async () => {
  server = await startTestServer({ engine: 'postgres', env: { SCAN_POLICY: 'optional' } });
  apiKey = (await server.createTenant('cli-reindex')).apiKey;
});
afterAll(async () => {
  await server?.stop();
});

function voicefiles(...args: string[]) {
  return run(process.execPath, [path.join(root, 'bin/voicefiles.js'), ...args], {
    cwd: root,
    env: { ...process.env, VOICEFILES_URL: server.url, VOICEFILES_ADMIN_TOKEN: server.adminToken },
  }).then(
    (result) => ({ code: 0, ...result }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

async function find(query: string): Promise<string[]> {
  const client = await McpTestClient.connect(server.url, await server.sessionToken(apiKey, { role: 'staff' }));
  try {
    const { data } = await client.callTool('find', { query });
    return (data.results as Array<{ name: string }>).map((r) => r.name);
  } finally {
    await client.close();
  }
}

describe('voicefiles reindex (CLI against a server on PostgreSQL)', () => {
  it('refuses without --tenant or --all, rebuilds one tenant or all, and names an unknown tenant', async () => {
    for (const name of ['Lease agreement.txt', 'Board minutes.txt']) {
      const { json } = await server.upload(apiKey, name, `The ${name} says the notice period is three months.`);
      await server.settled(apiKey, String(json.file_id));
    }
    expect(await find('lease agreement')).toEqual(['Lease agreement.txt']);

    expect((await voicefiles('reindex')).code).not.toBe(0);
    const one = await voicefiles('reindex', '--tenant', 'cli-reindex');
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('cli-reindex: 2 files indexed');
    // Progress as the server streamed it (stderr is a pipe here: plain lines, no bar).
    expect(one.stderr).toMatch(/cli-reindex {2}2\/2 files, 2 indexed {2}\d+ files\/s \(finished\)/);
    expect(await find('lease agreement')).toEqual(['Lease agreement.txt']);

    const all = await voicefiles('reindex', '--all', '--json');
    expect(all.code).toBe(0);
    expect(JSON.parse(all.stdout)).toMatchObject({ indexed: 2, tenants: [{ slug: 'cli-reindex', indexed: 2 }] });

    const unknown = await voicefiles('reindex', '--tenant', 'no-such-tenant');
    expect(unknown.code).not.toBe(0);
  });
});
