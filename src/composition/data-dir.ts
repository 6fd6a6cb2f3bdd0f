import { chmod, lstat, mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** Everything the process creates is for its own user only. */
const PROCESS_UMASK = 0o077;
const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

/** The data directory cannot be trusted as it is; the message says what to do. */
export class DataDirError extends Error {
  override readonly name = 'DataDirError';
}

/** The data directory, kept private: see `secureDataDir`. */
export interface DataDir {
  path: string;
  /**
   * Bring every file back to 0600 and every directory to 0700. The embedded database creates its
   * files world-writable whatever the umask (PGlite 0.5 creates them 0666); the data directory
   * being 0700 already keeps other users out, and this keeps the files themselves private too.
   * Resolves to how many modes it changed.
   */
  tighten(): Promise<number>;
}

/**
 * Set the process umask to 077, create the data directory 0700 (or check the existing one) and
 * tighten what is inside. A directory that group or others can write, or that another user
 * owns, is refused: someone else may already have changed what is in it.
 */
export async function secureDataDir(dir: string, options: { create: boolean } = { create: true }): Promise<DataDir | null> {
  process.umask(PROCESS_UMASK);
  const resolved = path.resolve(dir);
  if (options.create) await mkdir(resolved, { recursive: true, mode: DIR_MODE });
  const info = await stat(resolved).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' && !options.create) return null;
    throw error;
  });
  if (!info) return null;
  if (!info.isDirectory()) throw new DataDirError(`VOICEFILES_DATA_DIR ${resolved} is not a directory.`);
  const uid = process.getuid?.();
  if (uid !== undefined && info.uid !== uid) {
    throw new DataDirError(`VOICEFILES_DATA_DIR ${resolved} belongs to user ${info.uid}, not to the user running the service (${uid}); give it to this user or choose another directory.`);
  }
  if ((info.mode & 0o022) !== 0) {
    throw new DataDirError(
      `VOICEFILES_DATA_DIR ${resolved} can be written by ${writers(info.mode)} (mode ${octal(info.mode)}), ` +
        `so its contents cannot be trusted. Check them, then run: chmod 700 ${resolved}`,
    );
  }
  const dataDir: DataDir = { path: resolved, tighten: () => tightenTree(resolved) };
  await dataDir.tighten();
  return dataDir;
}

/** chmod the directory and everything under it (not following symbolic links) to 0700 / 0600 where looser. */
async function tightenTree(dir: string): Promise<number> {
  let changed = 0;
  const fix = async (target: string, mode: number, current: number) => {
    if ((current & 0o077) === 0) return;
    await chmod(target, mode).then(
      () => void changed++,
      // Gone in the meantime (the database removes temporary files): nothing to protect.
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      },
    );
  };
  const walk = async (current: string): Promise<void> => {
    const entries = await readdir(current, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      const info = await lstat(full).catch(() => null);
      if (!info || info.isSymbolicLink()) continue;
      if (info.isDirectory()) {
        await fix(full, DIR_MODE, info.mode);
        await walk(full);
      } else if (info.isFile()) {
        await fix(full, FILE_MODE, info.mode);
      }
    }
  };
  const top = await stat(dir);
  await fix(dir, DIR_MODE, top.mode);
  await walk(dir);
  return changed;
}

function writers(mode: number): string {
  const group = (mode & 0o020) !== 0;
  const others = (mode & 0o002) !== 0;
  return group && others ? 'its group and other users' : group ? 'its group' : 'other users';
}

function octal(mode: number): string {
  return `0${(mode & 0o777).toString(8)}`;
}
