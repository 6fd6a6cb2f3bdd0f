import { createHash, hkdfSync } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deriveKeys } from '../../../src/app/keys.ts';
import { readOrCreateSecretFile, readSecretFile } from '../../../src/composition/secret-files.ts';
import { resolveServerSecrets } from '../../../src/composition/secrets.ts';
import { loadConfig } from '../../../src/config.ts';

const OLD_MASTER = 'o'.repeat(43);
let dir: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vf-secrets-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const config = (env: Record<string, string> = {}) => loadConfig({ VOICEFILES_DATA_DIR: dir, ...env });
const sha256 = (value: string) => createHash('sha256').update(value).digest();
const mode = async (file: string) => (await fs.stat(path.join(dir, file))).mode & 0o777;
const read = async (file: string) => (await fs.readFile(path.join(dir, file), 'utf8')).trim();

describe('secret files', () => {
  it('are refused when others may read them, or when too short', async () => {
    const file = path.join(dir, 'x.key');
    await fs.writeFile(file, 'k'.repeat(40), { mode: 0o644 });
    await fs.chmod(file, 0o644);
    await expect(readSecretFile(file)).rejects.toThrow(/mode 0644; others may read it/);
    await fs.writeFile(path.join(dir, 'short.key'), 'short\n', { mode: 0o600 });
    await expect(readSecretFile(path.join(dir, 'short.key'))).rejects.toThrow(/shorter than 32/);
    expect(await readSecretFile(path.join(dir, 'absent.key'))).toBeNull();
  });

  it('are created once when several starts race, each reading the same complete value', async () => {
    let n = 0;
    const file = path.join(dir, 'race.key');
    const results = await Promise.all(Array.from({ length: 8 }, () => readOrCreateSecretFile(file, () => `value-${++n}-${'x'.repeat(40)}`)));
    expect(new Set(results.map((r) => r.value)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await fs.readdir(dir)).toEqual(['race.key']);
    expect(await mode('race.key')).toBe(0o600);
  });
});

describe('server secrets: the admin token derives nothing', () => {
  it('a fresh data dir gets a root key and an admin token (0600); the admin token is kept only as a hash', async () => {
    const secrets = await resolveServerSecrets(config(), { role: 'server' });
    expect((await fs.readdir(dir)).sort()).toEqual(['admin.token', 'root.key']);
    expect(await mode('root.key')).toBe(0o600);
    expect(await mode('admin.token')).toBe(0o600);
    const admin = await read('admin.token');
    expect(admin).toMatch(/^vfadmin_[A-Za-z0-9_-]{43}$/);
    expect(secrets.rootKey).toBe(await read('root.key'));
    expect(secrets.adminTokenSha256).toEqual(sha256(admin));
    expect(secrets.apiKeyHashing).toBeNull();
    // Nothing derived from the root matches anything derived from the admin token.
    expect(Buffer.from(deriveKeys(secrets.rootKey).sessionSigning).equals(Buffer.from(deriveKeys(admin).sessionSigning))).toBe(false);
    const again = await resolveServerSecrets(config(), { role: 'server' });
    expect(again.rootKey).toBe(secrets.rootKey);
    expect(again.adminTokenSha256).toEqual(secrets.adminTokenSha256);
  });

  it('configured values win and leave the data dir alone', async () => {
    const secrets = await resolveServerSecrets(config({ VOICEFILES_ROOT_KEY: 'r'.repeat(40), VOICEFILES_ADMIN_TOKEN_SHA256: 'ab'.repeat(32) }), { role: 'server' });
    expect(secrets).toMatchObject({ rootKey: 'r'.repeat(40), apiKeyHashing: null });
    expect(secrets.adminTokenSha256?.toString('hex')).toBe('ab'.repeat(32));
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('upgrades a data dir with master.key: new root and admin token, API-key hashing carried over, master.key retired', async () => {
    await fs.writeFile(path.join(dir, 'master.key'), `${OLD_MASTER}\n`, { mode: 0o600 });
    const secrets = await resolveServerSecrets(config(), { role: 'server' });
    expect((await fs.readdir(dir)).sort()).toEqual(['admin.token', 'api-key-hashing.key', 'root.key']);
    expect(await mode('api-key-hashing.key')).toBe(0o600);
    const oldHashing = Buffer.from(hkdfSync('sha256', OLD_MASTER, 'voicefiles', 'api-key-hashing', 32));
    expect(secrets.apiKeyHashing).toEqual(oldHashing);
    expect(secrets.rootKey).not.toBe(OLD_MASTER);
    expect(Buffer.from(deriveKeys(secrets.rootKey).sessionSigning).equals(Buffer.from(deriveKeys(OLD_MASTER).sessionSigning))).toBe(false);
    expect(secrets.adminTokenSha256).not.toEqual(sha256(OLD_MASTER));
    expect(secrets.notes.map((n) => n.message).join('\n')).toMatch(/retired .*master\.key/);
    // The next start finds the split data dir as it left it.
    const next = await resolveServerSecrets(config(), { role: 'server' });
    expect(next.apiKeyHashing).toEqual(oldHashing);
    expect(next.rootKey).toBe(secrets.rootKey);
  });

  it('VOICEFILES_MASTER_KEY (deprecated) stands in for the admin token and keeps old API keys, but is no root', async () => {
    const secrets = await resolveServerSecrets(config({ VOICEFILES_MASTER_KEY: OLD_MASTER }), { role: 'server' });
    expect(secrets.adminTokenSha256).toEqual(sha256(OLD_MASTER));
    expect(secrets.apiKeyHashing).toEqual(Buffer.from(hkdfSync('sha256', OLD_MASTER, 'voicefiles', 'api-key-hashing', 32)));
    expect(secrets.rootKey).not.toBe(OLD_MASTER);
    expect(secrets.notes.some((n) => n.message.includes('VOICEFILES_MASTER_KEY is deprecated'))).toBe(true);
  });

  it('a master key that turns up after the split does not change how API keys hash', async () => {
    await resolveServerSecrets(config(), { role: 'server' });
    const later = await resolveServerSecrets(config({ VOICEFILES_MASTER_KEY: OLD_MASTER }), { role: 'server' });
    expect(later.apiKeyHashing).toBeNull();
  });

  it('a worker needs the root and never creates one; production with DATABASE_URL needs VOICEFILES_ROOT_KEY', async () => {
    await expect(resolveServerSecrets(config(), { role: 'worker' })).rejects.toThrow(/No root key: set VOICEFILES_ROOT_KEY/);
    expect(await fs.readdir(dir)).toEqual([]);
    await expect(resolveServerSecrets(config({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x' }), { role: 'server' })).rejects.toThrow(/VOICEFILES_ROOT_KEY is required in production/);
  });
});
