import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** A secret file cannot be found, or is unsafe or unreadable. */
export class SecretFileError extends Error {
  override readonly name = 'SecretFileError';
}

export const MIN_SECRET_LENGTH = 32;

/** The trimmed content of `file`, or null when there is none. Refused when group or others may read it, or when it is too short. */
export async function readSecretFile(file: string): Promise<string | null> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new SecretFileError(`Cannot read ${file}.`, { cause: error });
  }
  if (!stat.isFile()) throw new SecretFileError(`${file} is not a regular file.`);
  // Windows has no POSIX modes to check.
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
    throw new SecretFileError(`${file} has mode ${mode}; others may read it. Run: chmod 600 ${file}`);
  }
  let value: string;
  try {
    value = (await fs.readFile(file, 'utf8')).trim();
  } catch (error) {
    throw new SecretFileError(`Cannot read ${file}.`, { cause: error });
  }
  if (value.length < MIN_SECRET_LENGTH) throw new SecretFileError(`The secret in ${file} is shorter than ${MIN_SECRET_LENGTH} characters.`);
  return value;
}

/**
 * The secret in `file`, written first with `value` when there is none. No race
 * between two starting servers: the value goes to a private temporary file
 * (O_EXCL, 0600) that is hard-linked into place; link() fails if the name
 * exists, so exactly one start wins and the loser reads a complete secret.
 */
export async function readOrCreateSecretFile(file: string, value: () => string): Promise<{ value: string; created: boolean }> {
  const existing = await readSecretFile(file);
  if (existing !== null) return { value: existing, created: false };
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const fresh = value();
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await fs.open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(`${fresh}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await linkOrCreate(temp, file, fresh);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new SecretFileError(`Cannot write ${file}.`, { cause: error });
    const winner = await readSecretFile(file);
    if (winner === null) throw new SecretFileError(`${file} vanished while starting.`, { cause: error });
    return { value: winner, created: false };
  } finally {
    await fs.unlink(temp).catch(() => undefined);
  }
  return { value: fresh, created: true };
}

/** A new random secret with a recognisable prefix (secret scanners key on it). */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** Hard-link into place; on a file system without hard links, fall back to an O_EXCL create of the final name. */
async function linkOrCreate(temp: string, file: string, value: string): Promise<void> {
  try {
    await fs.link(temp, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw error;
    await fs.writeFile(file, `${value}\n`, { flag: 'wx', mode: 0o600 });
  }
}
