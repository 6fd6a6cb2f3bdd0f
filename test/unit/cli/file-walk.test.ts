import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectFiles, LocalPathError } from '../../../src/cli/file-walk.ts';

let base: string;
let root: string;
let outside: string;

beforeAll(async () => {
  base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'vf-walk-')));
  root = path.join(base, 'docs');
  outside = path.join(base, 'outside.txt');
  await fs.mkdir(path.join(root, 'sub', 'deeper'), { recursive: true });
  await fs.mkdir(path.join(root, '.git'));
  await fs.writeFile(path.join(root, 'a.txt'), 'aaa');
  await fs.writeFile(path.join(root, '.env'), 'SECRET=1');
  await fs.writeFile(path.join(root, '.git', 'config'), '[core]');
  await fs.writeFile(path.join(root, 'sub', 'b.pdf'), 'bbbbb');
  await fs.writeFile(path.join(root, 'sub', 'deeper', 'c.csv'), 'c,c');
  await fs.writeFile(outside, 'do not take me');
  await fs.symlink(outside, path.join(root, 'out-link.txt'));
  await fs.symlink(path.join(root, 'sub'), path.join(root, 'dir-link'));
  await fs.symlink(path.join(root, 'missing'), path.join(root, 'broken.txt'));
  await fs.symlink(path.join(root, 'sub', 'b.pdf'), path.join(root, 'zz-same-as-b.pdf'));
  await fs.mkdir(path.join(root, 'private'));
  await fs.writeFile(path.join(root, 'private', '.notes'), 'hidden');
  await fs.symlink(path.join(root, 'private', '.notes'), path.join(root, 'notes-link.txt'));
});
afterAll(async () => {
  await fs.rm(base, { recursive: true, force: true });
});

describe('collectFiles', () => {
  it('walks folders in name order, skipping dot-files and dot-folders', async () => {
    const { files } = await collectFiles(['docs'], base);
    expect(files.map((f) => f.shown)).toEqual(['docs/a.txt', 'docs/notes-link.txt', 'docs/sub/b.pdf', 'docs/sub/deeper/c.csv']);
    expect(files.find((f) => f.shown === 'docs/sub/b.pdf')).toEqual({ path: path.join(root, 'sub', 'b.pdf'), shown: 'docs/sub/b.pdf', name: 'b.pdf', size: 5, mtimeMs: expect.any(Number) });
  });

  it('follows a symlink only to a regular file inside the same tree, and says why others were skipped', async () => {
    const { files, skipped } = await collectFiles([root], base);
    expect(files.map((f) => f.path)).not.toContain(outside);
    // a link inside the tree is read through its target, under the link's name
    expect(files.find((f) => f.name === 'notes-link.txt')?.path).toBe(path.join(root, 'private', '.notes'));
    expect(skipped).toEqual([
      { shown: 'docs/broken.txt', reason: 'broken symlink' },
      { shown: 'docs/dir-link', reason: 'symlink to a folder' },
      { shown: 'docs/out-link.txt', reason: 'symlink leads outside the folder' },
    ]);
  });

  it('takes each file once, even when named twice or reached through a link', async () => {
    const { files } = await collectFiles(['docs/sub/b.pdf', 'docs', 'docs/sub'], base);
    expect(files.filter((f) => f.path === path.join(root, 'sub', 'b.pdf'))).toHaveLength(1);
    expect(files[0]?.shown).toBe('docs/sub/b.pdf');
    expect(files).toHaveLength(4);
  });

  it('takes explicitly named files as given, shown absolute when outside the working directory', async () => {
    const { files } = await collectFiles([outside, '.env'], root);
    expect(files.map((f) => [f.shown, f.name])).toEqual([
      [outside, 'outside.txt'],
      ['.env', '.env'],
    ]);
  });

  it('fails on a path that does not exist', async () => {
    await expect(collectFiles(['docs', 'nope.pdf'], base)).rejects.toThrow(new LocalPathError('no such file or folder: nope.pdf'));
  });
});
