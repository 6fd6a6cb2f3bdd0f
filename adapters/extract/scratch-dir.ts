import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Prefix of every temporary directory of the extractors (swept by the isolated extractor). */
export const SCRATCH_PREFIX = 'voicefiles-extract-';

/** A new private (0700) directory under the system temp dir. */
export function makeScratchDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), SCRATCH_PREFIX));
}

export function removeScratchDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

/**
 * Run `work` with a directory for temporary files: the job's own when the
 * isolated child gave one (its parent removes it), else a fresh one removed after.
 */
export async function withScratchDir<T>(given: string | undefined, work: (dir: string) => Promise<T>): Promise<T> {
  if (given !== undefined) return work(given);
  const dir = await makeScratchDir();
  try {
    return await work(dir);
  } finally {
    await removeScratchDir(dir);
  }
}

/**
 * Remove scratch directories older than `olderThanMs` that a crashed process
 * left behind (attachments not yet stored when it died). Returns how many.
 */
export async function sweepStaleScratchDirs(olderThanMs: number): Promise<number> {
  let removed = 0;
  for (const name of await readdir(tmpdir()).catch(() => [] as string[])) {
    if (!name.startsWith(SCRATCH_PREFIX)) continue;
    const dir = path.join(tmpdir(), name);
    const info = await stat(dir).catch(() => null);
    if (info === null || !info.isDirectory() || Date.now() - info.mtimeMs < olderThanMs) continue;
    await removeScratchDir(dir).catch(() => undefined);
    removed += 1;
  }
  return removed;
}
