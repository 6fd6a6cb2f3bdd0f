import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** A private file of the CLI is unsafe or unreadable. */
export class PrivateFileError extends Error {
  override readonly name = 'PrivateFileError';
}

/** The content of `file`, or null when there is none. Refused when group or others may read it. */
export async function readPrivateFile(file: string): Promise<string | null> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new PrivateFileError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
  if (!stat.isFile()) throw new PrivateFileError(`${file} is not a regular file`);
  // Windows has no POSIX modes to check.
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
    throw new PrivateFileError(`${file} has mode ${mode}; others may read it. Run: chmod 600 ${file}`);
  }
  return fs.readFile(file, 'utf8');
}

/** Replace `file` atomically with `content`, mode 0600, in a directory of mode 0700. */
export async function writePrivateFile(file: string, content: string): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.writeFile(temp, content, { mode: 0o600, flag: 'wx' });
    await fs.rename(temp, file);
  } finally {
    await fs.rm(temp, { force: true });
  }
}
