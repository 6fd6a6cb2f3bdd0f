import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMcpFixture, withClamd, type McpFixture } from '../support/mcp-fixture.ts';
import { serviceAvailable } from '../support/services.ts';

/**
 * The Python MCP client (`mcp`, what LiveKit Agents and Pipecat use underneath) over
 * Streamable HTTP and SSE, and the OpenAI Agents SDK for Python where it is installed: each
 * connects, lists the tools and finds the report by a spoken query. The clients live in
 * .venv-clients, created by .ci/run from test/clients/python/requirements.txt.
 */
const root = path.resolve(import.meta.dirname, '../..');
const python = path.join(root, '.venv-clients/bin/python');
const haveClients = await serviceAvailable('Python MCP clients (.venv-clients; .ci/run creates it)', async () => existsSync(python));
let fx: McpFixture;

beforeAll(async () => {
  if (withClamd && haveClients) fx = await startMcpFixture();
});
afterAll(async () => fx?.stop());

describe.skipIf(!withClamd || !haveClients)('Python MCP clients', () => {
  it('mcp (Streamable HTTP and SSE) finds the report; openai-agents too when installed', async () => {
    const { stdout } = await promisify(execFile)(python, [path.join(root, 'test/clients/python/mcp_clients.py'), fx.server.url, 'um could you pull up the cue two financial report'], {
      timeout: 60_000,
      env: { ...process.env, VOICEFILES_TOKEN: await fx.token() },
    });
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, any>);
    const ran = lines.filter((line) => !line.skipped);
    expect(ran.filter((line) => line.client === 'mcp').map((line) => line.transport)).toEqual(['streamable-http', 'sse']);
    for (const line of ran) {
      expect(line, `${line.client} over ${line.transport}`).toMatchObject({
        tools: ['describe', 'find', 'request-upload', 'share', 'upload-status'],
        text: 'I found the Q2 Financial Report, a text file from today.',
        is_error: false,
        structured: { results: [{ file_id: fx.fileIds.report }] },
      });
    }
    for (const line of lines.filter((l) => l.skipped)) console.warn(`[skip] ${line.client} over ${line.transport}: ${line.skipped}`);
  });
});
