import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Where the master key came from: the environment, an existing key file, or a key generated just now. */
export type MasterKeySource = 'env' | 'file' | 'generated';

export interface ResolvedMasterKey {
  key: string;
  source: MasterKeySource;
  /** The key file, when the key was read from or written to one. */
  path?: string;
}

export interface ResolveMasterKeyOptions {
  /** VOICEFILES_MASTER_KEY as loaded by config; wins when set. */
  configured: string | null;
  /** VOICEFILES_DATA_DIR; the key file is `<dataDir>/master.key`. */
  dataDir: string;
  /** Generate and store a key when none exists (the server does; the CLI does not). */
  create: boolean;
}

/** The master key cannot be found, or its file is unsafe or unreadable. */
export class MasterKeyError extends Error {
  override readonly name = 'MasterKeyError';
}

export const MASTER_KEY_FILE = 'master.key';
const MIN_KEY_LENGTH = 32;

/**
 * Find the master key the way the server and the CLI both do: the configured
 * value, else `<dataDir>/master.key` (refused when group or others may read it),
 * else, when `create`, a new random key written there with mode 0600.
 */
export async function resolveMasterKey(options: ResolveMasterKeyOptions): Promise<ResolvedMasterKey> {
  if (options.configured !== null && options.configured !== '') return { key: options.configured, source: 'env' };
  const file = path.resolve(options.dataDir, MASTER_KEY_FILE);
  const existing = await readKeyFile(file);
  if (existing !== null) return { key: existing, source: 'file', path: file };
  if (!options.create) {
    throw new MasterKeyError(`No master key: set VOICEFILES_MASTER_KEY, or point VOICEFILES_DATA_DIR at the server's data directory (looked for ${file}).`);
  }
  return generateKeyFile(file);
}

/** The key in `file`, or null when there is no such file. */
async function readKeyFile(file: string): Promise<string | null> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new MasterKeyError(`Cannot read the master key file ${file}.`, { cause: error });
  }
  if (!stat.isFile()) throw new MasterKeyError(`The master key path ${file} is not a regular file.`);
  // Windows has no POSIX modes to check.
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
    throw new MasterKeyError(`The master key file ${file} has mode ${mode}; others may read it. Run: chmod 600 ${file}`);
  }
  let key: string;
  try {
    key = (await fs.readFile(file, 'utf8')).trim();
  } catch (error) {
    throw new MasterKeyError(`Cannot read the master key file ${file}.`, { cause: error });
  }
  if (key.length < MIN_KEY_LENGTH) throw new MasterKeyError(`The master key in ${file} is shorter than ${MIN_KEY_LENGTH} characters.`);
  return key;
}

/**
 * Write a new key without a race between two starting servers: the key goes to a
 * private temporary file (O_EXCL, 0600) that is then hard-linked into place. link()
 * fails if the name exists, so exactly one start wins and the loser reads a
 * complete key, never a half-written file.
 */
async function generateKeyFile(file: string): Promise<ResolvedMasterKey> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(32).toString('base64url');
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await fs.open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(`${key}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await linkOrCopy(temp, file, key);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new MasterKeyError(`Cannot write the master key file ${file}.`, { cause: error });
    const winner = await readKeyFile(file);
    if (winner === null) throw new MasterKeyError(`The master key file ${file} vanished while starting.`, { cause: error });
    return { key: winner, source: 'file', path: file };
  } finally {
    await fs.unlink(temp).catch(() => undefined);
  }
  return { key, source: 'generated', path: file };
}

/** Hard-link into place; on a file system without hard links, fall back to an O_EXCL create of the final name. */
async function linkOrCopy(temp: string, file: string, key: string): Promise<void> {
  try {
    await fs.link(temp, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw error;
    await fs.writeFile(file, `${key}\n`, { flag: 'wx', mode: 0o600 });
  }
}
