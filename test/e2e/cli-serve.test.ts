import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../unit/cli/cli-harness.ts';

const root = path.resolve(import.meta.dirname, '../..');

describe('voicefiles serve reaches the composition root through bin/voicefiles.js, not through src/cli', () => {
  it('starts a server that answers, and stops on SIGTERM', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vf-serve-'));
    const child = spawn(process.execPath, [path.join(root, 'bin/voicefiles.js'), 'serve'], {
      cwd: root,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', VOICEFILES_DATA_DIR: dataDir, VOICEFILES_ROOT_KEY: randomBytes(32).toString('base64url'), VOICEFILES_ADMIN_TOKEN: `vfadmin_${randomBytes(32).toString('base64url')}`, PIPELINE_WORKERS: 'false', SCAN_POLICY: 'optional' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let stderr = '';
        const timer = setTimeout(() => reject(new Error(`no listening line: ${stderr}`)), 60_000);
        child.stderr!.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          const match = /listening on (http:\/\/\S+)/.exec(stderr);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
      });
      expect((await fetch(`${url}/health/live`)).status).toBe(200);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);

  it('without the entry point (in process), serve and worker say how to start them', async () => {
    for (const command of ['serve', 'worker']) {
      const run = await runInProcess([command], {});
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('bin/voicefiles.js');
    }
  });
});
