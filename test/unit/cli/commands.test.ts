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
  env = { VOICEFILES_URL: api.url, VOICEFILES_ADMIN_TOKEN: MASTER };
});
afterEach(async () => {
  await api.close();
});

const json = (body: Buffer) => JSON.parse(body.toString('utf8')) as unknown;

describe('tenant create', () => {
  it('posts the slug, name and locale with the admin token and prints the key once, with a warning', async () => {
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

  it('posts --time-zone as time_zone', async () => {
    const run = await runInProcess(['tenant', 'create', 'kiwi', '--time-zone', 'Pacific/Auckland'], env);
    expect(run.code).toBe(0);
    expect(json(api.requests.at(-1)?.body ?? Buffer.alloc(0))).toEqual({ slug: 'kiwi', time_zone: 'Pacific/Auckland' });
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

  it('explains a refused admin token', async () => {
    const run = await runInProcess(['tenant', 'create', 'globex'], { ...env, VOICEFILES_ADMIN_TOKEN: 'x'.repeat(40) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('(unauthenticated)');
    expect(run.stderr).toContain("the CLI must use the server's admin token");
  });

  it('still takes the deprecated VOICEFILES_MASTER_KEY as the admin token', async () => {
    const run = await runInProcess(['tenant', 'create', 'globex'], { VOICEFILES_URL: api.url, VOICEFILES_MASTER_KEY: MASTER });
    expect(run.code, run.stderr).toBe(0);
    expect(api.requests.at(-1)?.headers.authorization).toBe(`Bearer ${MASTER}`);
  });
});

describe('admin token lookup', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vf-cli-data-'));
  });
  afterAll(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('finds the token in VOICEFILES_DATA_DIR/admin.token, relative to the working directory, and never creates one', async () => {
    const bare = { VOICEFILES_URL: api.url, VOICEFILES_DATA_DIR: 'data' };
    const missing = await runInProcess(['tenant', 'create', 'globex'], bare, { cwd: dataDir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`No admin token: set VOICEFILES_ADMIN_TOKEN`);
    expect(missing.stderr).toContain(path.join(dataDir, 'data', 'admin.token'));
    await expect(fs.stat(path.join(dataDir, 'data'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(api.requests).toHaveLength(0);

    await fs.mkdir(path.join(dataDir, 'data'));
    await fs.writeFile(path.join(dataDir, 'data', 'admin.token'), `${MASTER}\n`, { mode: 0o644 });
    await fs.chmod(path.join(dataDir, 'data', 'admin.token'), 0o644);
    const exposed = await runInProcess(['tenant', 'create', 'globex'], bare, { cwd: dataDir });
    expect(exposed.stderr).toContain('has mode 0644; others may read it');
    await fs.chmod(path.join(dataDir, 'data', 'admin.token'), 0o600);
    const found = await runInProcess(['tenant', 'create', 'globex'], bare, { cwd: dataDir });
    expect(found.code).toBe(0);
    expect(api.requests.at(-1)?.headers.authorization).toBe(`Bearer ${MASTER}`);
  });
});

describe('token', () => {
  it('makes a named, expiring tenant API key with the admin token, then opens a session with it', async () => {
    const run = await runInProcess(['token', '--tenant', 'acme', '--role', 'staff', '--customer', 'C-1', '--call-id', 'call-9', '--ttl', '600'], env);
    expect(run).toMatchObject({ code: 0, stdout: 'session-token-for-acme\n', stderr: '' });
    const [mint, session] = api.requests;
    expect(mint).toMatchObject({ method: 'POST', path: '/v1/tenants/acme/keys' });
    expect(mint?.headers.authorization).toBe(`Bearer ${MASTER}`);
    expect(json(mint?.body ?? Buffer.alloc(0))).toEqual({ name: expect.stringMatching(/^voicefiles-cli@/), expires_in_days: 90 });
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

describe('the CLI keeps its tenant key instead of minting one per run', () => {
  let configDir: string;
  beforeEach(async () => {
    configDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vf-cli-keep-'));
  });
  afterEach(async () => {
    await fs.rm(configDir, { recursive: true, force: true });
  });

  it('makes a key once, stores it 0600 under the config dir, and reuses it on the next runs', async () => {
    const kept = { ...env, VOICEFILES_CONFIG_DIR: configDir };
    for (let i = 0; i < 3; i++) expect((await runInProcess(['token', '--tenant', 'acme'], kept)).code).toBe(0);
    expect(api.mintedKeys).toHaveLength(1);
    const file = path.join(configDir, 'credentials.json');
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    expect((await fs.stat(configDir)).mode & 0o077).toBe(0);
    const stored = JSON.parse(await fs.readFile(file, 'utf8')) as { servers: Record<string, Record<string, { api_key: string; key_id: string }>> };
    expect(stored.servers[api.url]?.acme).toMatchObject({ api_key: api.mintedKeys[0], key_id: 'k1' });
    const sessions = api.requests.filter((r) => r.path === '/v1/sessions');
    expect(sessions.every((r) => r.headers.authorization === `Bearer ${api.mintedKeys[0]}`)).toBe(true);
  });

  it('replaces a stored key the server no longer accepts (revoked), once', async () => {
    const kept = { ...env, VOICEFILES_CONFIG_DIR: configDir };
    await runInProcess(['token', '--tenant', 'acme'], kept);
    api.keyRecords.get(api.mintedKeys[0]!)!.revoked = true;
    const run = await runInProcess(['token', '--tenant', 'acme'], kept);
    expect(run.code, run.stderr).toBe(0);
    expect(api.mintedKeys).toHaveLength(2);
    expect(api.requests.at(-1)?.headers.authorization).toBe(`Bearer ${api.mintedKeys[1]}`);
    await runInProcess(['token', '--tenant', 'acme'], kept);
    expect(api.mintedKeys).toHaveLength(2);
  });

  it('refuses a credentials file others may read', async () => {
    const kept = { ...env, VOICEFILES_CONFIG_DIR: configDir };
    await runInProcess(['token', '--tenant', 'acme'], kept);
    await fs.chmod(path.join(configDir, 'credentials.json'), 0o644);
    const run = await runInProcess(['token', '--tenant', 'acme'], kept);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('credentials.json has mode 0644');
  });
});

describe('key list, create, revoke', () => {
  it('creates a named key with an expiry and shows it once', async () => {
    const run = await runInProcess(['key', 'create', '--tenant', 'acme', '--name', 'billing backend', '--expires-in-days', '30'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(json(api.requests.at(-1)?.body ?? Buffer.alloc(0))).toEqual({ name: 'billing backend', expires_in_days: 30 });
    const expiry = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    expect(run.stdout).toBe(`Made key k1 for acme, expiring ${expiry}T00:00:00.000Z.\nAPI key: ${api.mintedKeys[0]}\n`);
    expect(run.stderr).toContain('shown only once');
  });

  it('lists keys with their status, and revokes one', async () => {
    await runInProcess(['key', 'create', '--tenant', 'acme', '--name', 'one'], env);
    await runInProcess(['key', 'create', '--tenant', 'acme', '--name', 'two'], env);
    const revoked = await runInProcess(['key', 'revoke', 'k1', '--tenant', 'acme'], env);
    expect(revoked).toMatchObject({ code: 0, stdout: 'Revoked key k1 of acme (2025-05-24T10:00:00.000Z).\n' });
    expect(api.requests.at(-1)).toMatchObject({ method: 'DELETE', path: '/v1/tenants/acme/keys/k1' });
    const listed = await runInProcess(['key', 'list', '--tenant', 'acme'], env);
    expect(listed.stdout).toBe('k2\ttwo\tactive\t2025-05-23T10:00:00.000Z\tnever\nk1\tone\trevoked\t2025-05-23T10:00:00.000Z\tnever\n');
    const asJson = JSON.parse((await runInProcess(['key', 'list', '--tenant', 'acme', '--json'], env)).stdout) as Array<{ key_id: string; status: string }>;
    expect(asJson.map((k) => [k.key_id, k.status])).toEqual([['k2', 'active'], ['k1', 'revoked']]);
  });

  it('needs --name to create and a key id to revoke', async () => {
    expect((await runInProcess(['key', 'create', '--tenant', 'acme'], env)).code).toBe(2);
    expect((await runInProcess(['key', 'revoke', '--tenant', 'acme'], env)).code).toBe(2);
    const unknown = await runInProcess(['key', 'revoke', 'k9', '--tenant', 'acme'], env);
    expect(unknown.stderr).toBe('voicefiles key revoke: That API key does not exist for this tenant. (key_not_found)\n');
  });
});
