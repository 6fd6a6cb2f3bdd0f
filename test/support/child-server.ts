import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

const root = path.resolve(import.meta.dirname, '../..');

export interface ChildServer {
  process: ChildProcess;
  url: string;
  /** The admin token (named for the master key it replaced); '' when the server generated its own into the data dir. */
  masterKey: string;
  dataDir: string;
  logs: Array<Record<string, unknown>>;
  exited: Promise<number | null>;
  /** What the process wrote to stderr so far (a crash's stack trace). */
  stderr(): string;
}

/** Run the server as `npm start` does, in its own process, and wait until it listens. */
export async function startChildServer(env: Record<string, string> = {}): Promise<ChildServer> {
  const dataDir = env.VOICEFILES_DATA_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'voicefiles-child-'));
  // An admin token unless the test brings its own (or the deprecated master key, or '' to have one generated).
  const given = 'VOICEFILES_ADMIN_TOKEN' in env || 'VOICEFILES_MASTER_KEY' in env;
  const masterKey = given ? (env.VOICEFILES_ADMIN_TOKEN || env.VOICEFILES_MASTER_KEY || '') : `vfadmin_${randomBytes(32).toString('base64url')}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', VOICEFILES_DATA_DIR: dataDir, ...(given ? {} : { VOICEFILES_ADMIN_TOKEN: masterKey }), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    // Generous: a first start creates the embedded database (PGlite compiles its WebAssembly), slow on a loaded 2-core machine.
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 90_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (typeof entry.url === 'string' && String(entry.msg).includes('listening')) {
          clearTimeout(timer);
          resolve(entry.url);
        }
      } catch {
        // not a log line
      }
    });
    void exited.then((code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
  return { process: child, url, masterKey, dataDir, logs, exited, stderr: () => stderr };
}
