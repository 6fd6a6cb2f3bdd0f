import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMcpFixture, withClamd, type McpFixture } from '../support/mcp-fixture.ts';
import { serviceAvailable } from '../support/services.ts';

/**
 * Every snippet marked `runnable` in docs/platforms/*.md (```sh runnable, ```js runnable,
 * ```python runnable) runs against a real server, with VOICEFILES_URL, VOICEFILES_TOKEN and
 * VOICEFILES_AGENT_KEY set, and must exit 0 and print something.
 */
const root = path.resolve(import.meta.dirname, '../..');
const dir = path.join(root, 'docs/platforms');
const python = path.join(root, '.venv-clients/bin/python');

interface Snippet {
  file: string;
  line: number;
  lang: 'sh' | 'js' | 'python';
  code: string;
}

function snippets(): Snippet[] {
  const found: Snippet[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) {
    const lines = readFileSync(path.join(dir, file), 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const open = /^```(sh|js|python) runnable\s*$/.exec(lines[i] as string);
      if (!open) continue;
      const start = i + 1;
      while (i + 1 < lines.length && !/^```\s*$/.test(lines[i + 1] as string)) i++;
      found.push({ file, line: start, lang: open[1] as Snippet['lang'], code: lines.slice(start, i + 1).join('\n') });
      i++;
    }
  }
  return found;
}

const all = snippets();
const havePython = await serviceAvailable('Python MCP clients (.venv-clients; .ci/run creates it)', async () => existsSync(python));
let fx: McpFixture;
let env: Record<string, string>;

beforeAll(async () => {
  if (!withClamd) return;
  fx = await startMcpFixture();
  env = { ...(process.env as Record<string, string>), VOICEFILES_URL: fx.server.url, VOICEFILES_TOKEN: await fx.token(), VOICEFILES_AGENT_KEY: (await fx.agentKey()).key };
});
afterAll(async () => fx?.stop());

function run(snippet: Snippet): Promise<{ code: number; stdout: string; stderr: string }> {
  const [command, args] =
    snippet.lang === 'sh' ? ['bash', ['-euo', 'pipefail', '-c', snippet.code]] : snippet.lang === 'js' ? [process.execPath, ['--input-type=module', '-e', snippet.code]] : [python, ['-c', snippet.code]];
  return new Promise((resolve) => {
    execFile(command, args as string[], { cwd: root, env, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('docs/platforms: runnable snippets', () => {
  it('every guide exists and the runnable snippets cover the shell, JavaScript and Python', () => {
    for (const guide of ['openai-realtime', 'openai-agents', 'vapi', 'retell', 'elevenlabs', 'livekit', 'pipecat', 'nova-sonic']) expect(existsSync(path.join(dir, `${guide}.md`)), guide).toBe(true);
    expect(new Set(all.map((s) => s.lang))).toEqual(new Set(['sh', 'js', 'python']));
  });

  describe.skipIf(!withClamd)('run against a real server', () => {
    for (const snippet of all) {
      it.skipIf(snippet.lang === 'python' && !havePython)(`${snippet.file}:${snippet.line} (${snippet.lang})`, async () => {
        const result = await run(snippet);
        expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
        expect(result.stdout.trim().length).toBeGreaterThan(0);
      });
    }
  });
});
