/**
 * A private clamd for tests: the config template and signatures from infra/clamav,
 * a free loopback TCP port, a temp database/socket directory. No official database
 * is needed (or downloadable); our own voicefiles.* signatures are loaded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { accessSync, constants } from 'node:fs';
import { copyFile, mkdtemp, readFile, readdir, rm, mkdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serviceAvailable } from './services.ts';

const INFRA_DIR = fileURLToPath(new URL('../../infra/clamav/', import.meta.url));
const START_TIMEOUT_MS = 30_000;

/** Size limits written into clamd.conf (clamd SIZE syntax: `1M`, `512K`, bytes). */
export interface ClamdLimits {
  streamMaxLength?: string;
  maxFileSize?: string;
  maxScanSize?: string;
}

/** A running test clamd. */
export interface TestClamd {
  /** `tcp://127.0.0.1:PORT` */
  url: string;
  /** `unix:///…/clamd.sock` (the same daemon) */
  socketUrl: string;
  /** The generated clamd.conf (also usable with `clamdscan --config-file`). */
  confPath: string;
  /** Milliseconds from spawn to the first PONG, for the last start. */
  startupMs: number;
  /** Start it again after stop(), on the same port. */
  start(): Promise<void>;
  /** Stop the daemon (SIGTERM); keeps its directory for start(). */
  stop(): Promise<void>;
  /** Stop and remove its directory. */
  close(): Promise<void>;
}

/** Path of the clamd binary: $CLAMD_BIN when set (only it), else the Debian location, else PATH. */
export function findClamd(): string | null {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const candidates = process.env.CLAMD_BIN ? [process.env.CLAMD_BIN] : ['/usr/sbin/clamd', ...dirs.map((d) => path.join(d, 'clamd'))];
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not there; try the next
    }
  }
  return null;
}

/** True when clamd is installed; a named skip otherwise (a failure under REQUIRE_SERVICES=1). */
export async function clamdAvailable(): Promise<boolean> {
  return serviceAvailable('clamd (ClamAV daemon, Debian package clamav-daemon)', async () => findClamd() !== null);
}

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/** One PING over TCP; true on PONG. */
async function pingOnce(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let reply = '';
    socket.setTimeout(1_000, () => socket.destroy());
    socket.on('connect', () => socket.write('zPING\0'));
    socket.on('data', (d) => (reply += d.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(reply.startsWith('PONG')));
  });
}

function renderConfig(template: string, values: { port: number; runDir: string; dbDir: string }, limits: ClamdLimits): string {
  let conf = template
    .replaceAll('{{TCP_PORT}}', String(values.port))
    .replaceAll('{{RUN_DIR}}', values.runDir)
    .replaceAll('{{DATABASE_DIR}}', values.dbDir);
  const overrides: Array<[string, string | undefined]> = [
    ['StreamMaxLength', limits.streamMaxLength],
    ['MaxFileSize', limits.maxFileSize],
    ['MaxScanSize', limits.maxScanSize],
  ];
  for (const [key, value] of overrides) {
    if (value !== undefined) conf = conf.replace(new RegExp(`^${key} .*$`, 'm'), `${key} ${value}`);
  }
  return conf;
}

/** Start a private clamd and wait until it answers PING (at most 30 s). */
export async function startClamd(options: { limits?: ClamdLimits } = {}): Promise<TestClamd> {
  const bin = findClamd();
  if (bin === null) throw new Error('clamd is not installed (Debian package clamav-daemon)');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'voicefiles-clamd-'));
  const runDir = path.join(dir, 'run');
  const dbDir = path.join(dir, 'db');
  await mkdir(runDir);
  await mkdir(dbDir);
  for (const name of await readdir(INFRA_DIR)) {
    if (/^voicefiles\.(hdb|ndb|ldb)$/.test(name)) await copyFile(path.join(INFRA_DIR, name), path.join(dbDir, name));
  }
  const port = await freePort();
  const template = await readFile(path.join(INFRA_DIR, 'clamd.conf.template'), 'utf8');
  const confPath = path.join(dir, 'clamd.conf');
  await writeFile(confPath, renderConfig(template, { port, runDir, dbDir }, options.limits ?? {}));

  let child: ChildProcess | null = null;
  const handle: TestClamd = {
    url: `tcp://127.0.0.1:${port}`,
    socketUrl: `unix://${path.join(runDir, 'clamd.sock')}`,
    confPath,
    startupMs: 0,
    async start() {
      if (child) return;
      const started = Date.now();
      const proc = spawn(bin, ['--config-file', confPath], { stdio: 'ignore' });
      child = proc;
      let exited = false;
      proc.once('exit', () => {
        exited = true;
        if (child === proc) child = null;
      });
      while (!(await pingOnce(port))) {
        if (exited || Date.now() - started > START_TIMEOUT_MS) {
          proc.kill('SIGKILL');
          const log = await readFile(path.join(runDir, 'clamd.log'), 'utf8').catch(() => '(no log)');
          throw new Error(`clamd did not answer PING on port ${port}; its log ends:\n${log.slice(-2_000)}`);
        }
        await new Promise((r) => setTimeout(r, 25));
      }
      handle.startupMs = Date.now() - started;
    },
    async stop() {
      const proc = child;
      if (!proc) return;
      const exited = once(proc, 'exit');
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
    async close() {
      await handle.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  await handle.start();
  return handle;
}
