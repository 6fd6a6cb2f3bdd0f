import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * @modelcontextprotocol/server-legacy drags express into node_modules (a required peer of its
 * express-rate-limit dependency) although the SSE transport does not use it. Prove that loading
 * our whole MCP side never loads express (or the OAuth router that would).
 */
const root = path.resolve(import.meta.dirname, '../../..');
const PROBE = `
import { createRequire } from 'node:module';
await import('./src/composition/mcp.ts');
const require = createRequire(import.meta.url);
const loaded = Object.keys(require.cache);
console.log(JSON.stringify({ count: loaded.length, express: loaded.filter((f) => /node_modules\\/(express|express-rate-limit)\\//.test(f)) }));
`;

describe('the legacy SSE transport and express', () => {
  it('loading the MCP transports loads no express', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', PROBE], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    const report = JSON.parse(out.trim().split('\n').at(-1) as string) as { count: number; express: string[] };
    expect(report.count).toBeGreaterThan(10); // the probe sees CommonJS modules (ws, pino, ...) at all
    expect(report.express).toEqual([]);
  });
});
