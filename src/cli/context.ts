/**
 * What a command runs against: its environment, its output streams and its
 * working directory. Passed in, so tests can run commands in-process.
 */

/** The part of a writable stream the CLI uses; `isTTY` decides between a progress bar and plain lines. */
export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/**
 * Starts the server or a pipeline worker in this process. Given by the entry point
 * (`bin/voicefiles.js`, which may reach the composition root), so that src/cli
 * itself never imports src/main.ts.
 */
export interface ProcessLauncher {
  startServer(): Promise<{ url: string; close(): Promise<void> }>;
  startWorker(): Promise<{ close(): Promise<void> }>;
}

export interface CliContext {
  /** Environment for config; unset means process.env (read only by src/config.ts). */
  env?: Record<string, string | undefined>;
  stdout: OutputStream;
  stderr: OutputStream;
  /** Relative paths (files to import, the data dir, the config dir) are resolved against this. */
  cwd: string;
  /** For `serve` and `worker`; absent when the CLI runs without the entry point (tests). */
  launcher?: ProcessLauncher;
}

/** One `voicefiles` command: `run` returns the process exit code. */
export interface Command {
  /** As typed: "import", "tenant create". */
  name: string;
  /** One line for the overview. */
  summary: string;
  /** Full `--help` text. */
  help: string;
  run(argv: string[], ctx: CliContext): Promise<number>;
}

/** Exit codes: 0 done, 1 something failed, 2 the command line was wrong. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
