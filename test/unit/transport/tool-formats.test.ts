import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../src/domain/principal.ts';
import { describeTool } from '../../../src/tools/describe.tool.ts';
import { findTool } from '../../../src/tools/find.tool.ts';
import { requestUploadTool } from '../../../src/tools/request-upload.tool.ts';
import { uploadStatusTool } from '../../../src/tools/upload-status.tool.ts';
import { shareTool } from '../../../src/tools/share.tool.ts';
import { ToolRunner } from '../../../src/tools/tool-runner.ts';
import { InputGate, toolArgumentGate } from '../../../src/transport/input-gate.ts';
import { strictObject, toolsAs } from '../../../src/transport/mcp/tool-formats.ts';

/**
 * The rules the platforms apply to function definitions, written down as checks:
 * OpenAI strict mode (every property required, optional ones nullable, additionalProperties
 * false on every object, only the keywords strict mode accepts) and Amazon Nova Sonic
 * `toolSpec` (inputSchema.json a JSON string of a plain object schema).
 */
const OPENAI_STRICT_KEYWORDS = new Set(['type', 'description', 'properties', 'required', 'additionalProperties', 'enum', 'items', 'anyOf']);
const NOVA_KEYWORDS = new Set(['type', 'description', 'properties', 'required', 'enum', 'items']);

function openAiStrictProblems(schema: Record<string, any>, at = '$'): string[] {
  const problems = Object.keys(schema).filter((key) => !OPENAI_STRICT_KEYWORDS.has(key)).map((key) => `${at}: ${key} is not allowed in strict mode`);
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('object')) {
    if (schema.additionalProperties !== false) problems.push(`${at}: additionalProperties must be false`);
    const keys = Object.keys(schema.properties ?? {});
    if (JSON.stringify([...(schema.required ?? [])].sort()) !== JSON.stringify([...keys].sort())) problems.push(`${at}: every property must be required`);
    for (const key of keys) problems.push(...openAiStrictProblems(schema.properties[key], `${at}.${key}`));
  }
  if (types.includes('array')) problems.push(...openAiStrictProblems(schema.items, `${at}[]`));
  if (schema.enum && types.includes('null') && !schema.enum.includes(null)) problems.push(`${at}: a nullable enum must list null`);
  return problems;
}

function novaProblems(schema: Record<string, any>, at = '$'): string[] {
  const problems = Object.keys(schema).filter((key) => !NOVA_KEYWORDS.has(key)).map((key) => `${at}: ${key} is not a Nova toolSpec keyword`);
  if (typeof schema.type !== 'string') problems.push(`${at}: type must be one JSON type`);
  if (schema.type === 'object') {
    for (const key of schema.required ?? []) if (!(key in (schema.properties ?? {}))) problems.push(`${at}: required ${key} is not a property`);
    for (const [key, value] of Object.entries(schema.properties ?? {})) problems.push(...novaProblems(value as Record<string, any>, `${at}.${key}`));
  }
  return problems;
}

const unused = {} as never;
const tools = [
  findTool({ search: unused, catalog: unused }),
  describeTool(unused),
  requestUploadTool({ uploads: unused, audit: unused, accessCodes: unused, tenants: unused, limits: unused, pageUrl: () => '' }),
  uploadStatusTool({ uploads: unused }),
  shareTool(unused),
];
const runner = new ToolRunner(tools, { audit: unused, checkArguments: () => ({}) });

describe('tool definitions for the platforms', () => {
  it('every tool is a valid OpenAI strict function (format=openai)', () => {
    const { tools: functions } = toolsAs('openai', runner.list()) as { tools: Array<Record<string, any>> };
    expect(functions.map((f) => f.name)).toEqual(['find', 'describe', 'request-upload', 'upload-status', 'share']);
    for (const fn of functions) {
      expect(fn).toMatchObject({ type: 'function', strict: true });
      expect(fn.name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
      expect(openAiStrictProblems(fn.parameters), fn.name).toEqual([]);
    }
  });

  it('every tool is a valid Nova Sonic toolSpec (format=bedrock), its schema a JSON string', () => {
    const { tools: specs } = toolsAs('bedrock', runner.list()) as { tools: Array<{ toolSpec: { name: string; description: string; inputSchema: { json: string } } }> };
    for (const { toolSpec } of specs) {
      expect(toolSpec.description.length).toBeGreaterThan(20);
      const schema = JSON.parse(toolSpec.inputSchema.json) as Record<string, any>;
      expect(schema.type).toBe('object');
      expect(novaProblems(schema), toolSpec.name).toEqual([]);
    }
  });

  it('the checks catch what the platforms refuse', () => {
    expect(openAiStrictProblems({ type: 'object', properties: { q: { type: 'string', maxLength: 5 } }, required: [] })).toHaveLength(3);
    expect(novaProblems({ type: 'object', properties: { q: { type: ['string', 'null'] } } })).toHaveLength(1);
  });

  it('limits the strict form cannot carry are said in the description; the input gate still enforces them', () => {
    const parameters = strictObject(tools[0]!.inputSchema) as { properties: Record<string, { description: string; type: unknown }> };
    expect(parameters.properties.query?.description).toContain('1-500 characters');
    expect(parameters.properties.limit).toMatchObject({ type: ['integer', 'null'] });
    expect(parameters.properties.limit?.description).toContain('from 1 to 5');
  });

  it('a strict-mode call with null for the optional arguments passes the gate as if they were left out', async () => {
    const seen: unknown[] = [];
    const gated = new ToolRunner([{ ...tools[0]!, run: async (args) => (seen.push(args), { speech: 'ok', data: {} }) }], {
      audit: { append: async () => undefined, list: async () => [] },
      checkArguments: toolArgumentGate(new InputGate()),
    });
    const principal: Principal = { kind: 'session', tenantId: 't', sessionId: 's', role: 'staff', scopes: ['read'], caller: {}, locale: 'en', expiresAt: new Date(Date.now() + 60_000) };
    const result = await gated.call('find', { query: 'q2 report', kind: null, limit: null }, { principal, requestId: 'r', now: new Date() });
    expect(result.isError).toBeFalsy();
    expect(seen).toEqual([{ query: 'q2 report' }]);
    const missing = await gated.call('find', { query: null }, { principal, requestId: 'r', now: new Date() });
    expect(missing.data).toMatchObject({ error: { code: 'validation_failed' } });
  });
});
