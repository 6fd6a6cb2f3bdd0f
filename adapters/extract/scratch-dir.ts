import { mkdtemp, rm } from 'node:fs/promises';
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
