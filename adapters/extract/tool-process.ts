/**
 * Runs a command-line tool (tesseract, pdftoppm, antiword...) from inside the
 * extraction child, with its own limits: an address-space cap through
 * `prlimit --as` (a hostile file cannot make the tool eat the machine), a CPU-time
 * cap, a wall-clock limit enforced with SIGKILL, bounded output, no shell, and an
 * environment of only what the tools need. The extraction child is a process
 * group leader, so a kill of the child takes these tools with it.
 */
import { spawn } from 'node:child_process';

export interface ToolLimits {
  /** Wall-clock limit; past it the tool is killed and the run ends `timedOut`. */
  timeoutMs: number;
  /** Address-space limit of the tool, MiB. */
  maxMemoryMb: number;
  /** Stdout kept; more is dropped and `stdoutTruncated` is set. */
  maxStdoutBytes?: number;
  cwd?: string;
}

export interface ToolRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stdoutTruncated: boolean;
  /** The last few KiB of stderr. */
  stderr: string;
  timedOut: boolean;
  /** The command is not installed. */
  missing: boolean;
}

const STDERR_TAIL = 8 * 1024;
const DEFAULT_STDOUT = 16 * 1024 * 1024;
/** Tesseract uses OpenMP; one thread per tool keeps the pipeline's concurrency the only knob. */
const TOOL_ENV = { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', OMP_THREAD_LIMIT: '1', HOME: '/nonexistent' };
const PRLIMIT = '/usr/bin/prlimit';

/** Run `command` with `args` under the limits; never rejects for the tool's own failures. */
export function runTool(command: string, args: readonly string[], limits: ToolLimits): Promise<ToolRun> {
  const maxStdout = limits.maxStdoutBytes ?? DEFAULT_STDOUT;
  const cpuSeconds = Math.max(1, Math.ceil(limits.timeoutMs / 1000));
  const capped = [`--as=${limits.maxMemoryMb * 1024 * 1024}`, `--cpu=${cpuSeconds}`, '--', command, ...args];
  return new Promise((resolve) => {
    const child = spawn(PRLIMIT, capped, { cwd: limits.cwd, env: TOOL_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stdoutTruncated = false;
    let stderr = '';
    let timedOut = false;
    let spawnError: NodeJS.ErrnoException | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, limits.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      if (stdoutBytes + chunk.length > maxStdout) {
        stdoutTruncated = true;
        const room = maxStdout - stdoutBytes;
        if (room > 0) stdout.push(chunk.subarray(0, room));
        stdoutBytes = maxStdout;
        return;
      }
      stdout.push(chunk);
      stdoutBytes += chunk.length;
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderr = (stderr + text).slice(-STDERR_TAIL);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      spawnError = error;
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // prlimit reports a command it cannot execute with exit code 127 (not found) or 126.
      const missing = spawnError?.code === 'ENOENT' || (code === 127 && /No such file|not found/i.test(stderr));
      resolve({ code, signal, stdout: Buffer.concat(stdout), stdoutTruncated, stderr, timedOut, missing });
    });
  });
}

const availability = new Map<string, Promise<boolean>>();

/** Whether a tool is installed (answers `-v`/`--version`), cached per process. */
export function toolAvailable(command: string, versionFlag = '--version'): Promise<boolean> {
  let known = availability.get(command);
  if (known === undefined) {
    known = runTool(command, [versionFlag], { timeoutMs: 10_000, maxMemoryMb: 1024 }).then((run) => !run.missing && !run.timedOut);
    availability.set(command, known);
  }
  return known;
}
