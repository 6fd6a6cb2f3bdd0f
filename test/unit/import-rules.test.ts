import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * DESIGN.md's table of which folder may import which, as written, and which
 * packages each may use. Paths are relative to the repo root. The composition
 * root (src/main.ts, src/composition/) may import anything and is not listed.
 */
interface Rule {
  folder: string;
  /** Source folders and files it may import. */
  may: string[];
  /** npm packages it may import; `node:` built-ins are allowed unless `builtins` is false. */
  packages: string[];
  builtins?: boolean;
}

const RULES: Rule[] = [
  { folder: 'src/domain', may: ['src/domain'], packages: [], builtins: false },
  { folder: 'src/ports', may: ['src/domain', 'src/ports'], packages: [] },
  { folder: 'src/voice', may: ['src/domain', 'src/voice'], packages: [] },
  { folder: 'src/app', may: ['src/domain', 'src/ports', 'src/voice', 'src/app'], packages: [] },
  { folder: 'src/tools', may: ['src/domain', 'src/app', 'src/voice', 'src/tools', 'prompts'], packages: [] },
  { folder: 'src/pipeline', may: ['src/domain', 'src/ports', 'src/app', 'src/pipeline'], packages: ['pino'] },
  // Protocol code comes from the protocol's own SDK (DESIGN.md habit 13).
  { folder: 'src/transport', may: ['src/domain', 'src/app', 'src/tools', 'src/transport'], packages: ['ajv', 'pino', 'prom-client', 'ws', '@modelcontextprotocol/*'] },
  { folder: 'src/cli', may: ['src/domain', 'src/config.ts', 'src/cli'], packages: [] },
  { folder: 'src/config.ts', may: ['src/domain'], packages: [] },
  // The entry point hands serve/worker the composition root; nothing else.
  { folder: 'bin', may: ['src/cli/main.ts', 'src/main.ts'], packages: ['tsx/*'] },
  { folder: 'adapters', may: ['src/domain', 'src/ports'], packages: ['*'] },
  // The zip writer of exports: yazl and nothing else.
  { folder: 'adapters/archive', may: ['src/domain', 'src/ports'], packages: ['yazl'] },
];

/** Packages that belong in adapters only (and the composition root that builds them): SDKs, drivers, parsers, token signing, content sniffing. */
const ADAPTER_ONLY = [
  'jose', 'file-type', '@aws-sdk/*', 'pg', '@electric-sql/pglite', 'pg-boss', 'meilisearch', 'music-metadata', 'pdf-parse', 'pdfjs-dist',
  'xlsx', 'mammoth', 'yauzl', 'iconv-lite', 'jschardet', 'content-disposition', 'yazl',
];
const COMPOSITION_ROOT = ['src/main.ts', 'src/composition'];

const root = path.resolve(import.meta.dirname, '../..');

function sourceFiles(target: string): string[] {
  const full = path.join(root, target);
  if (!statSync(full).isDirectory()) return [full];
  return readdirSync(full).flatMap((entry) => {
    const inner = path.join(target, entry);
    if (statSync(path.join(root, inner)).isDirectory()) return sourceFiles(inner);
    return /\.(ts|js|mjs)$/.test(entry) ? [path.join(root, inner)] : [];
  });
}

/** Every module specifier in `source`: static and dynamic imports, re-exports, side-effect imports, `new URL('./...', import.meta.url)`. */
export function specifiersOf(source: string): string[] {
  const pattern = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|new URL\(\s*['"](\.[^'"]+)['"]/g;
  return [...source.matchAll(pattern)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4] ?? '');
}

/** `@scope/name` or `name` of a bare specifier. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

function matchesPackage(specifier: string, patterns: string[]): boolean {
  const name = packageOf(specifier);
  return patterns.some((p) => p === '*' || p === name || (p.endsWith('/*') && (name === p.slice(0, -2) || name.startsWith(p.slice(0, -1)))) || specifier === p);
}

function allowed(target: string, may: string[]): boolean {
  return may.some((prefix) => target === prefix || target.startsWith(`${prefix}/`));
}

/** The forbidden edges of one file (path relative to the repo root) under `rule`. */
export function violationsOf(file: string, source: string, rule: Rule): string[] {
  const found: string[] = [];
  // An adapter may use its own folder's files (e.g. its SQL), never another adapter's folder.
  const own = rule.folder === 'adapters' ? [path.dirname(file)] : [];
  for (const specifier of specifiersOf(source)) {
    if (specifier.startsWith('.')) {
      const target = path.relative(root, path.resolve(root, path.dirname(file), specifier));
      if (!allowed(target, [...rule.may, ...own])) found.push(`${file} -> ${target}`);
    } else if (specifier.startsWith('node:')) {
      if (rule.builtins === false) found.push(`${file} -> ${specifier} (no built-ins here)`);
    } else if (!matchesPackage(specifier, rule.packages)) {
      found.push(`${file} -> package ${specifier}`);
    }
  }
  return found;
}

/** Files outside adapters and the composition root that import an adapter-only package. */
function adapterOnlyViolations(file: string, source: string): string[] {
  if (file.startsWith('adapters/') || COMPOSITION_ROOT.some((p) => file === p || file.startsWith(`${p}/`))) return [];
  return specifiersOf(source)
    .filter((s) => !s.startsWith('.') && !s.startsWith('node:') && matchesPackage(s, ADAPTER_ONLY))
    .map((s) => `${file} -> package ${s} (adapters only)`);
}

describe('import rules from DESIGN.md, as written', () => {
  for (const rule of RULES) {
    it(`${rule.folder} imports only ${rule.may.join(', ')}${rule.packages.length ? ` and packages ${rule.packages.join(', ')}` : ', no packages'}`, () => {
      const violations = sourceFiles(rule.folder).flatMap((full) => violationsOf(path.relative(root, full), readFileSync(full, 'utf8'), rule));
      expect(violations).toEqual([]);
    });
  }

  it(`only adapters and the composition root import ${ADAPTER_ONLY.slice(0, 4).join(', ')}, ...`, () => {
    const files = ['src', 'bin', 'prompts'].flatMap((dir) => sourceFiles(dir));
    const violations = files.flatMap((full) => adapterOnlyViolations(path.relative(root, full), readFileSync(full, 'utf8')));
    expect(violations).toEqual([]);
  });

  it('the checker itself catches forbidden edges and packages', () => {
    const rule = (folder: string) => RULES.find((r) => r.folder === folder)!;
    expect(violationsOf('src/app/sessions.use-case.ts', "import { SignJWT } from 'jose';", rule('src/app'))).toEqual(['src/app/sessions.use-case.ts -> package jose']);
    expect(adapterOnlyViolations('src/app/intake/content-inspector.ts', "import { fileTypeFromBuffer } from 'file-type';")).toHaveLength(1);
    expect(adapterOnlyViolations('src/transport/x.ts', "import { S3Client } from '@aws-sdk/client-s3';")).toHaveLength(1);
    expect(adapterOnlyViolations('adapters/tokens/jose.token-signer.ts', "import { SignJWT } from 'jose';")).toEqual([]);
    expect(violationsOf('src/tools/x.tool.ts', "import type { AuditLog } from '../ports/audit-log.port.ts';", rule('src/tools'))).toEqual(['src/tools/x.tool.ts -> src/ports/audit-log.port.ts']);
    expect(violationsOf('src/transport/mcp/x.ts', "import type { Clock } from '../../ports/clock.port.ts';", rule('src/transport'))).toHaveLength(1);
    expect(violationsOf('src/cli/serve.command.ts', "const m = await import('../main.ts');", rule('src/cli'))).toEqual(['src/cli/serve.command.ts -> src/main.ts']);
    expect(violationsOf('src/domain/x.ts', "import { randomUUID } from 'node:crypto';", rule('src/domain'))).toHaveLength(1);
    expect(violationsOf('src/transport/mcp/server.ts', "import { McpServer } from '@modelcontextprotocol/server';", rule('src/transport'))).toEqual([]);
    expect(violationsOf('adapters/storage/s3.blob-store.ts', "import x from '../postgres/pg.database.ts';", rule('adapters'))).toHaveLength(1);
    expect(specifiersOf("import 'side-effect';\nexport { a } from './a.ts';\nnew URL('../../prompts/tools.json', import.meta.url)")).toEqual(['side-effect', './a.ts', '../../prompts/tools.json']);
  });
});
