/**
 * The data directory is private: 0700, and everything in it 0600 (files) or 0700 (directories),
 * whatever the embedded database does; an existing directory from an older start is tightened;
 * a directory that group or others can write is refused at start with a clear message.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { startServer } from '../../src/main.ts';

const root = path.resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'voicefiles-modes-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Modes that let anyone but the owner in, as `path: mode`. */
function looseModes(dir: string): string[] {
  const loose: string[] = [];
  const visit = (current: string) => {
    const info = lstatSync(current);
    if (info.isSymbolicLink()) return;
    if ((info.mode & 0o077) !== 0) loose.push(`${path.relative(dir, current) || '.'}: 0${(info.mode & 0o777).toString(8)}`);
    if (info.isDirectory()) for (const name of readdirSync(current)) visit(path.join(current, name));
  };
  visit(dir);
  return loose;
}

const env = (dataDir: string) => ({ PORT: '0', HOST: '127.0.0.1', VOICEFILES_DATA_DIR: dataDir, VOICEFILES_MASTER_KEY: randomBytes(32).toString('base64url'), LOG_LEVEL: 'silent', PIPELINE_WORKERS: 'false' });

async function runAndUpload(dataDir: string): Promise<{ whileRunning: string[]; dataDirMode: number }> {
  const settings = env(dataDir);
  const server = await startServer(loadConfig(settings));
  try {
    const tenant = await fetch(`${server.url}/v1/tenants`, { method: 'POST', headers: { authorization: `Bearer ${settings.VOICEFILES_MASTER_KEY}`, 'content-type': 'application/json' }, body: '{"slug":"modes"}' });
    const { api_key: apiKey } = (await tenant.json()) as { api_key: string };
    const upload = await fetch(`${server.url}/v1/files?name=notes.txt`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}` }, body: 'private notes' });
    expect(upload.status).toBe(201);
    // The embedded database keeps creating files 0666 while it runs; they are tightened at start,
    // at every sweep and at shutdown, and the 0700 directory keeps everyone else out meanwhile.
    const outsideDatabase = looseModes(dataDir).filter((entry) => !entry.startsWith('pglite'));
    return { whileRunning: outsideDatabase, dataDirMode: statSync(dataDir).mode & 0o777 };
  } finally {
    await server.close();
  }
}

describe('the data directory is private', () => {
  it('a new data directory is 0700, blobs and the master key are private as they are written, and everything in it is private once the server ran', async () => {
    const dataDir = path.join(scratch, 'fresh', 'data');
    const { whileRunning, dataDirMode } = await runAndUpload(dataDir);
    expect(dataDirMode).toBe(0o700);
    expect(whileRunning).toEqual([]);
    expect(looseModes(dataDir)).toEqual([]);
  }, 60_000);

  it('an existing data directory with world-writable database files and world-readable blobs is tightened at start', async () => {
    const dataDir = path.join(scratch, 'old');
    mkdirSync(path.join(dataDir, 'pglite', 'base'), { recursive: true, mode: 0o777 });
    mkdirSync(path.join(dataDir, 'blobs', 'tenants'), { recursive: true, mode: 0o755 });
    writeFileSync(path.join(dataDir, 'pglite', 'base', 'stray'), 'x');
    writeFileSync(path.join(dataDir, 'blobs', 'tenants', 'old-blob'), 'x');
    // As an older start left them (umask 022, PGlite's 0666 files): set explicitly, whatever this process's umask.
    for (const [relative, mode] of [
      ['.', 0o755], ['pglite', 0o777], ['pglite/base', 0o777], ['pglite/base/stray', 0o666], ['blobs', 0o755], ['blobs/tenants', 0o755], ['blobs/tenants/old-blob', 0o644],
    ] as const) chmodSync(path.join(dataDir, relative), mode);
    expect(looseModes(dataDir)).toHaveLength(7);
    await runAndUpload(dataDir);
    expect(looseModes(dataDir)).toEqual([]);
  }, 60_000);

  it.each([
    ['0777', 0o777],
    ['0770', 0o770],
    ['0702', 0o702],
  ])('refuses a data directory of mode %s, which others can write, with a clear message', async (name, mode) => {
    const dataDir = path.join(scratch, `open-${name}`);
    mkdirSync(dataDir);
    chmodSync(dataDir, mode);
    await expect(startServer(loadConfig(env(dataDir)))).rejects.toThrow(/VOICEFILES_DATA_DIR .* can be written by (its group|other users) .*chmod 700/);
    expect(statSync(dataDir).mode & 0o777).toBe(mode);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('`npm start` on such a directory exits with that message', async () => {
    const dataDir = path.join(scratch, 'open-cli');
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o777);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env: { ...process.env, ...env(dataDir) }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/can be written by its group and other users \(mode 0777\).*chmod 700/s);
  }, 30_000);
});
