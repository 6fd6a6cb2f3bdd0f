import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closedPort, startFakeApi, type FakeApi } from './fake-api.server.ts';
import { runInProcess } from './cli-harness.ts';

const MASTER = 'm'.repeat(43);
let api: FakeApi;
let env: Record<string, string>;

beforeEach(async () => {
  api = await startFakeApi({ masterKey: MASTER, pageSize: 2 });
  env = { VOICEFILES_URL: api.url, VOICEFILES_MASTER_KEY: MASTER };
});
afterEach(async () => {
  await api.close();
});

const json = (body: Buffer) => JSON.parse(body.toString('utf8')) as unknown;

describe('tenant create', () => {
  it('posts the slug, name and locale with the master key and prints the key once, with a warning', async () => {
    const run = await runInProcess(['tenant', 'create', 'globex', '--name', 'Globex Corp', '--locale', 'de'], env);
    expect(run.code).toBe(0);
    const request = api.requests.at(-1);
    expect(request).toMatchObject({ method: 'POST', path: '/v1/tenants' });
    expect(request?.headers.authorization).toBe(`Bearer ${MASTER}`);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(json(request?.body ?? Buffer.alloc(0))).toEqual({ slug: 'globex', name: 'Globex Corp', locale: 'de' });
    expect(run.stdout).toBe('Created tenant globex (t-globex).\nAPI key: vf_globex_1\n');
    expect(run.stderr).toMatch(/Store this key now.*shown only once/);
  });

  it('with --json prints the server answer as JSON', async () => {
    const run = await runInProcess(['tenant', 'create', 'initech', '--json'], env);
    expect(JSON.parse(run.stdout)).toEqual({ id: 't-initech', slug: 'initech', api_key: 'vf_initech_1' });
    expect(json(api.requests.at(-1)?.body ?? Buffer.alloc(0))).toEqual({ slug: 'initech' });
  });

  it('reports a server error with its code and exits 1', async () => {
    const run = await runInProcess(['tenant', 'create', 'acme'], env);
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toBe('voicefiles tenant create: That tenant slug is already in use. (slug_taken)\n');
  });

  it('explains a refused master key', async () => {
    const run = await runInProcess(['tenant', 'create', 'globex'], { ...env, VOICEFILES_MASTER_KEY: 'x'.repeat(40) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('(unauthenticated)');
    expect(run.stderr).toContain('the CLI must use the same master key as the server');
  });
});

describe('master key lookup', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vf-cli-data-'));
  });
  afterAll(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('finds the key in VOICEFILES_DATA_DIR/master.key, relative to the working directory, and never creates one', async () => {
    const bare = { VOICEFILES_URL: api.url, VOICEFILES_DATA_DIR: 'data' };
    const missing = await runInProcess(['tenant', 'create', 'globex'], bare, { cwd: dataDir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`No master key: set VOICEFILES_MASTER_KEY`);
    expect(missing.stderr).toContain(path.join(dataDir, 'data', 'master.key'));
    await expect(fs.stat(path.join(dataDir, 'data'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(api.requests).toHaveLength(0);

    await fs.mkdir(path.join(dataDir, 'data'));
    await fs.writeFile(path.join(dataDir, 'data', 'master.key'), `${MASTER}\n`, { mode: 0o600 });
    const found = await runInProcess(['tenant', 'create', 'globex'], bare, { cwd: dataDir });
    expect(found.code).toBe(0);
    expect(api.requests.at(-1)?.headers.authorization).toBe(`Bearer ${MASTER}`);
  });
});

describe('token', () => {
  it('mints a tenant API key with the master key, then opens a session with it', async () => {
    const run = await runInProcess(['token', '--tenant', 'acme', '--role', 'staff', '--customer', 'C-1', '--call-id', 'call-9', '--ttl', '600'], env);
    expect(run).toMatchObject({ code: 0, stdout: 'session-token-for-acme\n', stderr: '' });
    const [mint, session] = api.requests;
    expect(mint).toMatchObject({ method: 'POST', path: '/v1/tenants/acme/keys' });
    expect(mint?.headers.authorization).toBe(`Bearer ${MASTER}`);
    expect(session).toMatchObject({ method: 'POST', path: '/v1/sessions' });
    expect(session?.headers.authorization).toBe(`Bearer ${api.mintedKeys[0]}`);
    expect(json(session?.body ?? Buffer.alloc(0))).toEqual({ role: 'staff', call_id: 'call-9', caller: { customer_id: 'C-1' }, ttl_seconds: 600 });
  });

  it('sends only what was given, and prints the whole answer with --json', async () => {
    const run = await runInProcess(['token', '--tenant', 'acme', '--json'], env);
    expect(JSON.parse(run.stdout)).toEqual({ token: 'session-token-for-acme', expires_at: '2025-05-23T11:00:00.000Z' });
    expect(json(api.requests.at(-1)?.body ?? Buffer.alloc(0))).toEqual({});
  });

  it('reports an unknown tenant', async () => {
    const run = await runInProcess(['token', '--tenant', 'nobody'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('voicefiles token: That tenant does not exist. (tenant_not_found)\n');
  });
});

describe('files', () => {
  const seed = async (count: number) => {
    expect((await runInProcess(['token', '--tenant', 'acme'], env)).code).toBe(0);
    const key = api.mintedKeys.at(-1) ?? '';
    for (let i = 0; i < count; i += 1) {
      const response = await fetch(`${api.url}/v1/files?name=${encodeURIComponent(`report-${i}.pdf`)}&customer_id=C-${i}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}` },
        body: `content ${i}`,
      });
      expect(response.status).toBe(201);
    }
    api.requests.length = 0;
  };

  it('follows next_cursor through every page and prints JSON with --json', async () => {
    await seed(5);
    const run = await runInProcess(['files', '--tenant', 'acme', '--json'], env);
    expect(run.code).toBe(0);
    const files = JSON.parse(run.stdout) as Array<{ file_id: string; name: string }>;
    expect(files.map((f) => f.name)).toEqual(['report-0.pdf', 'report-1.pdf', 'report-2.pdf', 'report-3.pdf', 'report-4.pdf']);
    const pages = api.requests.filter((r) => r.path === '/v1/files');
    expect(pages.map((r) => r.query.cursor ?? null)).toEqual([null, '2', '4']);
    expect(pages.every((r) => r.headers.authorization === `Bearer ${api.mintedKeys.at(-1)}`)).toBe(true);
  });

  it('prints an aligned table on a terminal and tab-separated lines otherwise', async () => {
    await seed(2);
    const tty = await runInProcess(['files', '--tenant', 'acme'], env, { tty: true });
    const lines = tty.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+STATUS\s+SIZE\s+VISIBILITY\s+CUSTOMER\s+UPDATED$/);
    expect(lines[1]).toMatch(/^f1\s+report-0\.pdf\s+stored\s+9 B\s+internal\s+C-0\s+2025-05-23T10:00:00\.000Z$/);
    expect(lines[1]?.indexOf('stored')).toBe(lines[0]?.indexOf('STATUS'));
    const piped = await runInProcess(['files', '--tenant', 'acme'], env);
    expect(piped.stdout).toBe(
      'f1\treport-0.pdf\tstored\t9\tinternal\tC-0\t2025-05-23T10:00:00.000Z\nf2\treport-1.pdf\tstored\t9\tinternal\tC-1\t2025-05-23T10:00:00.000Z\n',
    );
  });

  it('says so when there are no files', async () => {
    const run = await runInProcess(['files', '--tenant', 'acme'], env, { tty: true });
    expect(run.stdout).toBe('No files in acme yet.\n');
  });
});

describe('an unreachable server', () => {
  it('is one clear line and exit 1, for every command that calls it', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    for (const args of [['tenant', 'create', 'acme'], ['token', '--tenant', 'acme'], ['files', '--tenant', 'acme']]) {
      const run = await runInProcess(args, { ...env, VOICEFILES_URL: url });
      expect(run, args.join(' ')).toEqual({ code: 1, stdout: '', stderr: `cannot reach the Voicefiles server at ${url}: is it running? (npm start)\n` });
    }
  });
});
