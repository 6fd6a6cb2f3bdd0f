/** Running the CLI in tests: in-process with captured output, or as a real child process. */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliContext, OutputStream } from '../../../src/cli/context.ts';
import { runCli } from '../../../src/cli/main.ts';

export const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/voicefiles.js');

export interface CapturedStream extends OutputStream {
  text: string;
  writes: number;
}

export function capture(isTTY = false): CapturedStream {
  const stream: CapturedStream = {
    text: '',
    writes: 0,
    isTTY,
    columns: 120,
    write(chunk: string) {
      stream.text += chunk;
      stream.writes += 1;
      return true;
    },
  };
  return stream;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * A fresh, empty config dir unless the test gives VOICEFILES_CONFIG_DIR: the CLI keeps
 * its API keys there, and a test must never touch the real ~/.config (nor see another test's keys).
 */
function withConfigDir(env: Record<string, string>): Record<string, string> {
  return env.VOICEFILES_CONFIG_DIR ? env : { ...env, VOICEFILES_CONFIG_DIR: mkdtempSync(path.join(os.tmpdir(), 'vf-cli-config-')) };
}

/** Run a command line in this process. */
export async function runInProcess(args: string[], env: Record<string, string>, options: { cwd?: string; tty?: boolean } = {}): Promise<CliRun> {
  const stdout = capture(options.tty);
  const stderr = capture(options.tty);
  const ctx: CliContext = { env: withConfigDir(env), stdout, stderr, cwd: options.cwd ?? process.cwd() };
  const code = await runCli(args, ctx);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/**
 * Run `node bin/voicefiles.js ...` as a child process. Asynchronous on purpose:
 * the fake server lives in this process and must keep answering meanwhile.
 */
export function runChild(args: string[], env: Record<string, string>, cwd: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...withConfigDir(env) }, timeout: 20_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(error);
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}
