import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChildServer, type ChildServer } from '../support/child-server.ts';
import { clamdAvailable, startClamd, type TestClamd } from '../support/clamd.ts';
import { McpTestClient } from '../support/mcp-client.ts';
import { reportPdf } from '../fixtures/generate/pdf.fixture.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

/** The README's newcomer path, for real: start the server, create a tenant, import a folder, find a file over WebSocket. */
let clamd: TestClamd;
let server: ChildServer;
let folder: string;
let configDir: string;

const withClamd = await clamdAvailable();

beforeAll(async () => {
  if (!withClamd) return;
  clamd = await startClamd();
  // No secrets given: the server generates its root key and admin token into the data dir, where the CLI finds the token.
  server = await startChildServer({ VOICEFILES_ADMIN_TOKEN: '', VOICEFILES_MASTER_KEY: '', VOICEFILES_ROOT_KEY: '', CLAMAV_URL: clamd.url });
  configDir = mkdtempSync(path.join(os.tmpdir(), 'voicefiles-cli-config-'));
  folder = mkdtempSync(path.join(os.tmpdir(), 'voicefiles-import-'));
  mkdirSync(path.join(folder, 'finance'));
  writeFileSync(path.join(folder, 'finance', 'Q2 Financial Report.pdf'), await reportPdf(2));
  writeFileSync(path.join(folder, 'meeting notes.txt'), 'Notes from the harbour project meeting.');
  writeFileSync(path.join(folder, 'setup.exe'), 'MZ not really a program');
}, 120_000);

afterAll(async () => {
  server?.process.kill('SIGTERM');
  await server?.exited;
  await clamd?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
  if (configDir) rmSync(configDir, { recursive: true, force: true });
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

function voicefiles(...args: string[]) {
  return run(process.execPath, [path.join(root, 'bin/voicefiles.js'), ...args], {
    cwd: root,
    env: { ...process.env, VOICEFILES_URL: server.url, VOICEFILES_DATA_DIR: server.dataDir, VOICEFILES_ADMIN_TOKEN: '', VOICEFILES_MASTER_KEY: '', VOICEFILES_CONFIG_DIR: configDir },
  }).then(
    (result) => ({ code: 0, ...result }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

describe.skipIf(!withClamd)(withClamd ? 'quick start through the CLI' : 'quick start through the CLI (skipped: clamd is not installed)', () => {
  it('generates a private root key and admin token, imports a folder, and a voice agent finds the file', async () => {
    expect(statSync(path.join(server.dataDir, 'root.key')).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(server.dataDir, 'admin.token')).mode & 0o777).toBe(0o600);
    const created = await voicefiles('tenant', 'create', 'acme');
    expect(created.code, created.stderr).toBe(0);

    const imported = await voicefiles('import', folder, '--tenant', 'acme', '--wait', '--json', '--visibility', 'public');
    expect(imported.code).toBe(1); // setup.exe is refused, so the import reports a failure
    const results = JSON.parse(imported.stdout) as Array<{ path: string; status?: string; error?: { code: string } }>;
    const byName = Object.fromEntries(results.map((r) => [path.basename(r.path), r]));
    expect(byName['Q2 Financial Report.pdf']).toMatchObject({ status: 'ready' });
    expect(byName['meeting notes.txt']).toMatchObject({ status: 'ready' });
    expect(JSON.stringify(byName['setup.exe'])).toContain('type_not_allowed');

    const listed = await voicefiles('files', '--tenant', 'acme', '--json');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('Q2 Financial Report.pdf');

    const token = await voicefiles('token', '--tenant', 'acme', '--role', 'caller');
    expect(token.code).toBe(0);
    // import, files and token shared one stored key instead of minting one each.
    const keys = JSON.parse((await voicefiles('key', 'list', '--tenant', 'acme', '--json')).stdout) as Array<{ name: string | null; status: string }>;
    expect(keys.filter((k) => k.name?.startsWith('voicefiles-cli@'))).toEqual([expect.objectContaining({ status: 'active' })]);
    const agent = await McpTestClient.connect(server.url, token.stdout.trim());
    await agent.initialize();
    const found = await agent.callTool('find', { query: 'the cue two financial report' });
    expect(found.isError).toBe(false);
    expect((found.data.results as Array<{ name: string }>)[0]?.name).toBe('Q2 Financial Report.pdf');
    const described = await agent.callTool('describe', { file_id: (found.data.results as Array<{ file_id: string }>)[0]!.file_id });
    expect(described.speech).toMatch(/pages|Seiten/i);
    await agent.close();
  }, 120_000);
});
