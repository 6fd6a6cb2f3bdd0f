import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** DESIGN.md's table of which folder may import which. Paths are relative to the repo root. */
const RULES: Array<{ folder: string; may: string[] }> = [
  { folder: 'src/domain', may: ['src/domain'] },
  { folder: 'src/ports', may: ['src/domain', 'src/ports'] },
  { folder: 'src/voice', may: ['src/domain', 'src/voice'] },
  { folder: 'src/app', may: ['src/domain', 'src/ports', 'src/voice', 'src/app'] },
  { folder: 'src/tools', may: ['src/domain', 'src/app', 'src/voice', 'src/tools', 'src/ports', 'prompts'] },
  { folder: 'src/pipeline', may: ['src/domain', 'src/ports', 'src/app', 'src/pipeline'] },
  { folder: 'src/transport', may: ['src/domain', 'src/app', 'src/tools', 'src/transport', 'src/ports'] },
  // `serve` starts the server in-process: the one allowed edge from the CLI to the composition root.
  { folder: 'src/cli', may: ['src/domain', 'src/config.ts', 'src/master-key.ts', 'src/cli', 'src/main.ts'] },
  { folder: 'adapters', may: ['src/domain', 'src/ports'] },
];

const root = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|js)$/.test(entry) ? [full] : [];
  });
}

function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|new URL\(\s*['"](\.[^'"]+)['"]/g)].map(
    (m) => m[1] ?? m[2] ?? m[3] ?? '',
  );
  return specifiers.filter((s) => s.startsWith('.')).map((s) => path.relative(root, path.resolve(path.dirname(file), s)));
}

function allowed(target: string, may: string[]): boolean {
  return may.some((prefix) => target === prefix || target.startsWith(`${prefix}/`));
}

describe('import rules from DESIGN.md', () => {
  for (const rule of RULES) {
    it(`${rule.folder} imports only ${rule.may.join(', ')}`, () => {
      const violations: string[] = [];
      for (const file of sourceFiles(path.join(root, rule.folder))) {
        const from = path.relative(root, file);
        // An adapter may use its own folder's files (e.g. its SQL), never another adapter's folder.
        const own = rule.folder === 'adapters' ? [path.dirname(from)] : [];
        for (const target of relativeImports(file)) {
          if (!allowed(target, [...rule.may, ...own])) violations.push(`${from} -> ${target}`);
        }
      }
      expect(violations).toEqual([]);
    });
  }

  it('the checker itself catches a forbidden edge', () => {
    expect(allowed('adapters/storage/s3.blob-store.ts', ['src/domain', 'src/ports', 'adapters/postgres'])).toBe(false);
    expect(allowed('src/domain/errors.ts', ['src/domain'])).toBe(true);
  });
});
