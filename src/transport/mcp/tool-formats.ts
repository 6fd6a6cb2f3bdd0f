import type { JsonSchema, ObjectSchema } from '../../tools/json-schema.ts';
import type { ToolDescriptor } from '../../tools/tool-runner.ts';
import { listedTool } from './tool-listing.ts';

export const TOOL_FORMATS = ['mcp', 'openai', 'bedrock'] as const;
export type ToolFormat = (typeof TOOL_FORMATS)[number];

/** Keywords that OpenAI strict mode and Nova Sonic refuse or ignore: said in words in the description instead. */
function constraintsInWords(schema: JsonSchema): string[] {
  const words: string[] = [];
  if (schema.type === 'string') {
    if (schema.minLength !== undefined && schema.maxLength !== undefined) words.push(`${schema.minLength}-${schema.maxLength} characters`);
    else if (schema.maxLength !== undefined) words.push(`at most ${schema.maxLength} characters`);
    if (schema.pattern !== undefined) words.push(schema.pattern === '^[0-9a-fA-F-]{36}$' ? 'a UUID' : `matching ${schema.pattern}`);
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    if (schema.minimum !== undefined && schema.maximum !== undefined) words.push(`from ${schema.minimum} to ${schema.maximum}`);
    else if (schema.minimum !== undefined) words.push(`at least ${schema.minimum}`);
    else if (schema.maximum !== undefined) words.push(`at most ${schema.maximum}`);
  }
  if (schema.type === 'array') {
    if (schema.maxItems !== undefined) words.push(`at most ${schema.maxItems} items`);
  }
  return words;
}

/** The plain subset: type, description, enum, properties, required, items. Nothing else survives. */
function plain(schema: JsonSchema, nullable: boolean, form: 'strict' | 'nova' = 'strict'): Record<string, unknown> {
  const words = constraintsInWords(schema);
  const description = [schema.description, words.length > 0 ? `(${words.join(', ')})` : ''].filter(Boolean).join(' ');
  const type = nullable ? [schema.type, 'null'] : schema.type;
  const base: Record<string, unknown> = { type, ...(description ? { description } : {}) };
  if (schema.type === 'string' && schema.enum) base.enum = nullable ? [...schema.enum, null] : [...schema.enum];
  if (schema.type === 'array') base.items = plain(schema.items, false, form);
  // Nested objects keep the form of their parent: strict (every field required, nullable) or Nova (plain).
  if (schema.type === 'object') Object.assign(base, form === 'strict' ? strictObject(schema) : novaObject(schema));
  return base;
}

/**
 * An input schema as an OpenAI strict function's `parameters`: every property listed in
 * `required`, optional ones made nullable (the runner drops their nulls again),
 * `additionalProperties: false` on every object, no keywords strict mode refuses.
 */
export function strictObject(schema: ObjectSchema): Record<string, unknown> {
  const required = new Set(schema.required ?? []);
  const properties = Object.fromEntries(Object.entries(schema.properties).map(([key, value]) => [key, plain(value, !required.has(key))]));
  return { type: 'object', properties, required: Object.keys(properties), additionalProperties: false };
}

/** An input schema for Nova Sonic / Bedrock `toolSpec`: plain JSON Schema, optional fields left out of `required`. */
export function novaObject(schema: ObjectSchema): Record<string, unknown> {
  const properties = Object.fromEntries(Object.entries(schema.properties).map(([key, value]) => [key, plain(value, false, 'nova')]));
  return { type: 'object', properties, required: [...(schema.required ?? [])] };
}

/** The tools in one platform's form. */
export function toolsAs(format: ToolFormat, tools: ToolDescriptor[]): unknown {
  switch (format) {
    case 'mcp':
      return { tools: tools.map(listedTool) };
    case 'openai':
      // The Realtime API and Chat Completions take the same fields; Realtime without `strict`.
      return { tools: tools.map((tool) => ({ type: 'function', name: tool.name, description: tool.description, parameters: strictObject(tool.inputSchema), strict: true })) };
    case 'bedrock':
      // Nova Sonic's promptStart takes `inputSchema.json` as a JSON string; Converse takes the object (parse it).
      return { tools: tools.map((tool) => ({ toolSpec: { name: tool.name, description: tool.description, inputSchema: { json: JSON.stringify(novaObject(tool.inputSchema)) } } })) };
  }
}
