import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ImportResult } from '../../../src/cli/import-report.ts';
import { closedPort, startFakeApi, type FakeApi } from './fake-api.server.ts';
import { runChild, runInProcess } from './cli-harness.ts';

const MASTER = 'm'.repeat(43);
let work: string;
let api: FakeApi | null = null;
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

beforeAll(async () => {
  work = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'vf-import-')));
  await fs.mkdir(path.join(work, 'docs', 'sub'), { recursive: true });
  await fs.writeFile(path.join(work, 'docs', 'notes.txt'), 'hello from the notes\n');
  await fs.writeFile(path.join(work, 'docs', 'sub', 'q2 report.pdf'), randomBytes(3 * 1024 * 1024 + 17));
  await fs.writeFile(path.join(work, 'docs', 'sub', 'sheet.csv'), 'a,b\n1,2\n');
  await fs.writeFile(path.join(work, 'docs', '.env'), 'SECRET=do-not-upload');
  await fs.writeFile(path.join(work, 'secret.txt'), 'outside the tree');
  await fs.symlink(path.join(work, 'secret.txt'), path.join(work, 'docs', 'escape.txt'));
  await fs.mkdir(path.join(work, 'mixed'));
  await fs.writeFile(path.join(work, 'mixed', 'good.txt'), 'good');
  await fs.writeFile(path.join(work, 'mixed', 'tool.exe'), 'MZ not really');
  await fs.writeFile(path.join(work, 'mixed', 'copy-of-good.txt'), 'good');
  await fs.writeFile(path.join(work, 'mixed', 'eicar.txt'), 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR');
  await fs.mkdir(path.join(work, 'hidden-only'));
  await fs.writeFile(path.join(work, 'hidden-only', '.DS_Store'), 'x');
});
afterAll(async () => {
  await fs.rm(work, { recursive: true, force: true });
});
afterEach(async () => {
  await api?.close();
  api = null;
});

const envFor = (fake: FakeApi) => ({ VOICEFILES_URL: fake.url, VOICEFILES_MASTER_KEY: MASTER });
const uploads = (fake: FakeApi) => fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/files');

describe('voicefiles import (child process)', () => {
  it('streams every file below a folder intact with the minted tenant key, and prints JSON', async () => {
    api = await startFakeApi({ masterKey: MASTER });
    const run = await runChild(['import', 'docs', '--tenant', 'acme', '--customer', 'C-7', '--visibility', 'customer', '--concurrency', '2', '--json'], envFor(api), work);
    expect(run.code, run.stderr).toBe(0);

    const [mint] = api.requests;
    expect(mint).toMatchObject({ method: 'POST', path: '/v1/tenants/acme/keys' });
    expect(mint?.headers.authorization).toBe(`Bearer ${MASTER}`);
    const sent = uploads(api);
    expect(sent.map((r) => r.query.name).sort()).toEqual(['notes.txt', 'q2 report.pdf', 'sheet.csv']);
    for (const request of sent) {
      const local = await fs.readFile(path.join(work, 'docs', request.query.name === 'notes.txt' ? '' : 'sub', request.query.name ?? ''));
      expect(sha(request.body), request.query.name).toBe(sha(local));
      expect(request.headers['content-length']).toBe(String(local.length));
      expect(request.headers.authorization).toBe(`Bearer ${api.mintedKeys[0]}`);
      expect(request.query).toMatchObject({ customer_id: 'C-7', visibility: 'customer' });
    }
    expect(sent.find((r) => r.query.name === 'q2 report.pdf')?.body.length).toBe(3 * 1024 * 1024 + 17);

    const results = JSON.parse(run.stdout) as ImportResult[];
    expect(results.map((r) => [r.path, r.ok, r.status])).toEqual([
      ['docs/notes.txt', true, 'stored'],
      ['docs/sub/q2 report.pdf', true, 'stored'],
      ['docs/sub/sheet.csv', true, 'stored'],
    ]);
    expect(results[1]).toMatchObject({ size: 3 * 1024 * 1024 + 17, deduplicated: false, error: null });
    expect(results[1]?.file_id).toMatch(/^f\d$/);
    // not a terminal: one plain line per file on stderr, plus the skipped symlink is not uploaded
    expect(run.stderr.trim().split('\n').filter((l) => l.startsWith('ok      '))).toHaveLength(3);
    expect(run.stderr).not.toContain('\r');
  });

  it('exits 1 with one clear line when the server cannot be reached', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const run = await runChild(['import', 'docs', '--tenant', 'acme'], { VOICEFILES_URL: url, VOICEFILES_MASTER_KEY: MASTER }, work);
    expect(run).toEqual({ code: 1, stdout: '', stderr: `cannot reach the Voicefiles server at ${url}: is it running? (npm start)\n` });
  });

  it('exits 2 with the usage for an unknown flag', async () => {
    const run = await runChild(['import', 'docs', '--tenant', 'acme', '--recursive'], { VOICEFILES_URL: 'http://127.0.0.1:9' }, work);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("Unknown option '--recursive'");
    expect(run.stderr).toContain('Usage: voicefiles import');
  });
});

describe('voicefiles import (in process)', () => {
  it('with --wait polls each file until it settles; an infected file fails the run', async () => {
    api = await startFakeApi({
      masterKey: MASTER,
      pipeline: true,
      pollsUntilSettled: 2,
      settlesAs: (name) => (name === 'eicar.txt' ? { status: 'infected', reason: 'Eicar-Test-Signature' } : { status: 'ready' }),
    });
    const fake = api;
    const run = await runInProcess(['import', 'mixed/good.txt', 'mixed/eicar.txt', '--tenant', 'acme', '--wait', '--json'], envFor(fake), { cwd: work });
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout) as ImportResult[];
    expect(results.map((r) => [r.path, r.ok, r.status])).toEqual([
      ['mixed/good.txt', true, 'ready'],
      ['mixed/eicar.txt', false, 'infected'],
    ]);
    expect(results[1]?.error).toEqual({ code: 'infected', message: 'Eicar-Test-Signature' });
    expect(fake.requests.some((r) => r.path === '/health/ready')).toBe(true);
    for (const file of fake.files) {
      const polls = fake.requests.filter((r) => r.method === 'GET' && r.path === `/v1/files/${file.id}`);
      expect(polls).toHaveLength(2);
      expect(polls.every((r) => r.headers.authorization === `Bearer ${fake.mintedKeys[0]}`)).toBe(true);
    }
  });

  it('with --wait and no pipeline on the server, counts `stored` as done without polling', async () => {
    api = await startFakeApi({ masterKey: MASTER, pipeline: false });
    const run = await runInProcess(['import', 'mixed/good.txt', '--tenant', 'acme', '--wait', '--json'], envFor(api), { cwd: work });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as ImportResult[])[0]).toMatchObject({ ok: true, status: 'stored' });
    expect(api.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v1/files/'))).toHaveLength(0);
  });

  it('gives up waiting at --timeout and fails the file, naming its last status', async () => {
    api = await startFakeApi({ masterKey: MASTER, pipeline: true, pollsUntilSettled: 1000 });
    const started = Date.now();
    const run = await runInProcess(['import', 'mixed/good.txt', '--tenant', 'acme', '--wait', '--timeout', '1'], envFor(api), { cwd: work });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Imported 0 of 1 file');
    expect(run.stdout).toContain('mixed/good.txt: wait_timeout: still scanning when the wait timed out');
  });

  it('reports a refused upload and a deduplicated one in the summary; exit 1', async () => {
    api = await startFakeApi({
      masterKey: MASTER,
      refuseUpload: (name) => (name.endsWith('.exe') ? { status: 415, code: 'type_not_allowed', message: 'That type of file is not accepted.' } : null),
    });
    const run = await runInProcess(['import', 'mixed/good.txt', 'mixed/copy-of-good.txt', 'mixed/tool.exe', '--tenant', 'acme', '--concurrency', '1'], envFor(api), { cwd: work });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^Imported 2 of 3 files \(8 B\) in \d+\.\d s\.\n {2}1 with content the server already had \(deduplicated\)\nFailed \(1\):\n {2}mixed\/tool\.exe: type_not_allowed: That type of file is not accepted\.\n$/);
    expect(run.stderr).toContain('failed  mixed/tool.exe: type_not_allowed');
  });

  it('does not follow a redirect on an upload (a replayable stream body would be held in memory whole)', async () => {
    api = await startFakeApi({ masterKey: MASTER, redirectUpload: (name) => (name === 'good.txt' ? '/v1/elsewhere' : null) });
    const run = await runInProcess(['import', 'mixed/good.txt', '--tenant', 'acme', '--json'], envFor(api), { cwd: work });
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as ImportResult[])[0]?.error?.message).toMatch(/^POST \/v1\/files failed: .*redirect/);
    expect(api.requests.map((r) => r.path)).toEqual(['/v1/tenants/acme/keys', '/v1/files']);
  });

  it('draws a progress bar on a terminal and ends with the summary', async () => {
    api = await startFakeApi({ masterKey: MASTER });
    const run = await runInProcess(['import', 'docs', '--tenant', 'acme'], envFor(api), { cwd: work, tty: true });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/\r\x1b\[2K\[#{24}\] {2}3\.15 MB \/ 3\.15 MB {2}3\/3 files\n$/);
    expect(run.stdout).toMatch(/^Imported 3 of 3 files \(3\.15 MB\) in \d+\.\d s\.\nSkipped \(1\):\n {2}docs\/escape\.txt: symlink leads outside the folder\n$/);
  });

  it('fails when there is nothing to import, before calling the server', async () => {
    api = await startFakeApi({ masterKey: MASTER });
    const run = await runInProcess(['import', 'hidden-only', '--tenant', 'acme'], envFor(api), { cwd: work });
    expect(run).toMatchObject({ code: 1, stdout: '', stderr: 'voicefiles: no files to import\n' });
    const missing = await runInProcess(['import', 'nope', '--tenant', 'acme'], envFor(api), { cwd: work });
    expect(missing).toMatchObject({ code: 1, stderr: 'voicefiles import: no such file or folder: nope\n' });
    expect(api.requests).toHaveLength(0);
  });
});

describe('voicefiles import: retried uploads do not duplicate', () => {
  it('sends one Idempotency-Key per file, the same on every retry and on the next run of the unchanged file', async () => {
    api = await startFakeApi({ masterKey: MASTER, failUpload: (name, attempt) => (name === 'good.txt' && attempt < 3 ? { status: 503, code: 'unavailable' } : null) });
    const env = { ...envFor(api), VOICEFILES_CONFIG_DIR: await fs.mkdtemp(path.join(os.tmpdir(), 'vf-import-keys-')) };
    const run = await runInProcess(['import', 'mixed/good.txt', 'mixed/copy-of-good.txt', '--tenant', 'acme', '--json'], env, { cwd: work });
    expect(run.code, run.stderr).toBe(0);
    const keyOf = (name: string) => uploads(api!).filter((r) => r.query.name === name).map((r) => r.headers['idempotency-key']);
    const good = keyOf('good.txt');
    expect(good).toHaveLength(3);
    expect(new Set(good).size).toBe(1);
    expect(good[0]).toMatch(/^vfi-[A-Za-z0-9_-]{43}$/);
    expect(keyOf('copy-of-good.txt')[0]).not.toBe(good[0]);

    await runInProcess(['import', 'mixed/good.txt', '--tenant', 'acme'], env, { cwd: work });
    expect(keyOf('good.txt').at(-1)).toBe(good[0]);
    await runInProcess(['import', 'mixed/good.txt', '--tenant', 'acme', '--visibility', 'public'], env, { cwd: work });
    expect(keyOf('good.txt').at(-1)).not.toBe(good[0]);
  });

  it('does not retry what a retry cannot fix', async () => {
    api = await startFakeApi({ masterKey: MASTER, failUpload: (name) => (name === 'good.txt' ? { status: 422, code: 'idempotency_key_reused' } : null) });
    const run = await runInProcess(['import', 'mixed/good.txt', '--tenant', 'acme', '--json'], envFor(api), { cwd: work });
    expect(run.code).toBe(1);
    expect(uploads(api)).toHaveLength(1);
    expect((JSON.parse(run.stdout) as ImportResult[])[0]?.error?.code).toBe('idempotency_key_reused');
  });
});
