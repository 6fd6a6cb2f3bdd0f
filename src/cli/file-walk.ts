import { promises as fs } from 'node:fs';
import path from 'node:path';

/** A regular file to upload. */
export interface LocalFile {
  /** Absolute path that is read. */
  path: string;
  /** As shown to the user: relative to the working directory when below it. */
  shown: string;
  /** Sent as the original file name. */
  name: string;
  size: number;
  /** Last modification, ms since the epoch: part of the upload's idempotency key. */
  mtimeMs: number;
}

export interface SkippedEntry {
  shown: string;
  reason: string;
}

/** A path named on the command line does not exist or cannot be read. */
export class LocalPathError extends Error {
  override readonly name = 'LocalPathError';
}

/**
 * Expand files and folders into the regular files below them, in a stable
 * order. Inside folders, dot-files and dot-folders are skipped, and a symlink is
 * followed only when it leads to a regular file inside the same folder tree.
 * Paths named explicitly are taken as given. Each file appears once.
 */
export async function collectFiles(inputs: string[], cwd: string): Promise<{ files: LocalFile[]; skipped: SkippedEntry[] }> {
  const files: LocalFile[] = [];
  const skipped: SkippedEntry[] = [];
  const seen = new Set<string>();
  const shown = (p: string) => {
    const relative = path.relative(cwd, p);
    return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? p : relative;
  };
  const add = async (readPath: string, displayPath: string) => {
    const real = await fs.realpath(readPath);
    if (seen.has(real)) return;
    seen.add(real);
    const stat = await fs.stat(real);
    files.push({ path: real, shown: shown(displayPath), name: path.basename(displayPath), size: stat.size, mtimeMs: stat.mtimeMs });
  };

  const walk = async (dir: string, root: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full, root);
      else if (entry.isFile()) await add(full, full);
      else if (entry.isSymbolicLink()) {
        const reason = await symlinkProblem(full, root);
        if (reason === null) await add(full, full);
        else skipped.push({ shown: shown(full), reason });
      } else skipped.push({ shown: shown(full), reason: 'not a regular file' });
    }
  };

  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    let stat;
    try {
      stat = await fs.stat(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new LocalPathError(code === 'ENOENT' ? `no such file or folder: ${input}` : `cannot read ${input} (${code ?? String(error)})`, { cause: error });
    }
    if (stat.isDirectory()) await walk(absolute, await fs.realpath(absolute));
    else if (stat.isFile()) await add(absolute, absolute);
    else skipped.push({ shown: shown(absolute), reason: 'not a regular file' });
  }
  return { files, skipped };
}

/** Why a symlink inside a folder is not followed, or null when it may be. */
async function symlinkProblem(link: string, root: string): Promise<string | null> {
  let target: string;
  try {
    target = await fs.realpath(link);
  } catch {
    return 'broken symlink';
  }
  if (target !== root && !target.startsWith(root + path.sep)) return 'symlink leads outside the folder';
  const stat = await fs.stat(target);
  return stat.isFile() ? null : 'symlink to a folder';
}
