/**
 * A private PostgreSQL 15 cluster for tests that stop the database (the shared server on 5432 is
 * never touched): initdb into a temp directory, a free loopback port, trust authentication, one
 * database set up by infra/postgres/init.sql (roles `voicefiles` and `voicefiles_app`). Run as
 * the `postgres` system user when the tests run as root (initdb refuses root).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { accessSync, chownSync, constants, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { serviceAvailable } from './services.ts';

const BIN_DIR = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';
const INIT_SQL = path.resolve(import.meta.dirname, '../../infra/postgres/init.sql');

export interface PrivatePostgres {
  /** The superuser, on the `voicefiles` database. */
  adminUrl: string;
  /** DATABASE_URL: `voicefiles_app`, a role that owns nothing. */
  appUrl: string;
  /** DATABASE_MIGRATION_URL: `voicefiles`, the owner. */
  ownerUrl: string;
  port: number;
  /** Stop the server (fast shutdown: sessions are terminated with 57P01), keeping its data. */
  stop(): Promise<void>;
  /** Start it again on the same port and data. */
  start(): Promise<void>;
  /** Stop it and remove its directory. */
  close(): Promise<void>;
}

/** True when initdb and pg_ctl are installed; a named skip otherwise (a failure under REQUIRE_SERVICES=1). */
export async function privatePostgresAvailable(): Promise<boolean> {
  return serviceAvailable(`PostgreSQL 15 server binaries (${BIN_DIR}/initdb, pg_ctl; Debian package postgresql-15)`, async () => {
    accessSync(path.join(BIN_DIR, 'initdb'), constants.X_OK);
    accessSync(path.join(BIN_DIR, 'pg_ctl'), constants.X_OK);
    return true;
  });
}

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/** uid/gid of the `postgres` system user when running as root (initdb and postgres refuse root). */
function runAs(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((entry) => entry.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (!uid || !gid) throw new Error('running as root, and there is no `postgres` user to run the private cluster as');
  return { uid: Number(uid), gid: Number(gid) };
}

async function run(command: string, args: string[], user: { uid: number; gid: number } | null): Promise<void> {
  const child = spawn(path.join(BIN_DIR, command), args, { stdio: ['ignore', 'pipe', 'pipe'], ...(user ?? {}), env: { ...process.env, LC_ALL: 'C' } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output.slice(-2000)}`);
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const user = runAs();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'voicefiles-pg-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = path.join(dir, 'data');
  const port = await freePort();
  await run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions'], user);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off`;
  const start = () => run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '30', 'start'], user);
  const stop = () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop'], user);
  await start();
  const url = (role: string, database: string) => `postgres://${role}@127.0.0.1:${port}/${database}`;
  const admin = new pg.Client({ connectionString: url('postgres', 'postgres') });
  await admin.connect();
  await admin.query('create database voicefiles');
  await admin.end();
  const setup = new pg.Client({ connectionString: url('postgres', 'voicefiles') });
  await setup.connect();
  await setup.query(readFileSync(INIT_SQL, 'utf8'));
  await setup.end();
  return {
    adminUrl: url('postgres', 'voicefiles'),
    appUrl: url('voicefiles_app', 'voicefiles'),
    ownerUrl: url('voicefiles', 'voicefiles'),
    port,
    stop,
    start,
    async close() {
      await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
