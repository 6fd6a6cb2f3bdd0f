import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MasterKeyError, resolveMasterKey } from '../../../src/master-key.ts';

const KEY = 'k'.repeat(40);
let dir: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vf-master-key-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('resolveMasterKey', () => {
  it('uses the configured value first, without touching the data dir', async () => {
    await fs.writeFile(path.join(dir, 'master.key'), 'f'.repeat(40), { mode: 0o600 });
    const resolved = await resolveMasterKey({ configured: KEY, dataDir: dir, create: true });
    expect(resolved).toEqual({ key: KEY, source: 'env' });
  });

  it('reads <dataDir>/master.key, trimming the newline', async () => {
    await fs.writeFile(path.join(dir, 'master.key'), `${KEY}\n`, { mode: 0o600 });
    const resolved = await resolveMasterKey({ configured: null, dataDir: dir, create: false });
    expect(resolved).toEqual({ key: KEY, source: 'file', path: path.join(dir, 'master.key') });
  });

  it.skipIf(process.platform === 'win32')('refuses a key file that group or others may read, naming the fix', async () => {
    const file = path.join(dir, 'master.key');
    await fs.writeFile(file, KEY);
    await fs.chmod(file, 0o640);
    const attempt = resolveMasterKey({ configured: null, dataDir: dir, create: true });
    await expect(attempt).rejects.toBeInstanceOf(MasterKeyError);
    await expect(attempt).rejects.toThrow(/mode 0640.*chmod 600/);
    await fs.chmod(file, 0o604);
    await expect(resolveMasterKey({ configured: null, dataDir: dir, create: false })).rejects.toThrow(/mode 0604/);
  });

  it('refuses a key file with a too short key', async () => {
    await fs.writeFile(path.join(dir, 'master.key'), 'short\n', { mode: 0o600 });
    await expect(resolveMasterKey({ configured: null, dataDir: dir, create: false })).rejects.toThrow(/shorter than 32/);
  });

  it('without create, a missing key is an error that says where it looked', async () => {
    await expect(resolveMasterKey({ configured: null, dataDir: dir, create: false })).rejects.toThrow(
      new RegExp(`VOICEFILES_MASTER_KEY.*${path.join(dir, 'master.key').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
    await expect(fs.stat(path.join(dir, 'master.key'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('with create, generates a 32-byte base64url key with mode 0600 (creating the dir), then reads it back', async () => {
    const dataDir = path.join(dir, 'nested', 'data');
    const generated = await resolveMasterKey({ configured: null, dataDir, create: true });
    expect(generated.source).toBe('generated');
    expect(generated.path).toBe(path.join(dataDir, 'master.key'));
    expect(generated.key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(generated.key, 'base64url')).toHaveLength(32);
    const stat = await fs.stat(path.join(dataDir, 'master.key'));
    if (process.platform !== 'win32') expect(stat.mode & 0o777).toBe(0o600);
    expect((await fs.readdir(dataDir)).sort()).toEqual(['master.key']);

    const again = await resolveMasterKey({ configured: null, dataDir, create: true });
    expect(again).toEqual({ key: generated.key, source: 'file', path: generated.path });
  });

  it('two starts racing to create the key agree on one key', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => resolveMasterKey({ configured: null, dataDir: dir, create: true })));
    expect(new Set(results.map((r) => r.key)).size).toBe(1);
    expect(results.filter((r) => r.source === 'generated')).toHaveLength(1);
    expect(await fs.readdir(dir)).toEqual(['master.key']);
  });
});
