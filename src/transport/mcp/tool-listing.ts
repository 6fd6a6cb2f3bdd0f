import type { ToolAnnotations, OutputSchema } from '../../tools/tool.ts';
import type { ToolDescriptor } from '../../tools/tool-runner.ts';

/**
 * What `tools/list` says about each tool beyond its input schema. A tool's own
 * `annotations` and `outputSchema` win; these defaults cover the tools that declare none
 * (find and describe are read-only lookups over the tenant's own catalog).
 */
const READ_ONLY: ToolAnnotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

const FILE_FIELDS: Record<string, Record<string, unknown>> = {
  file_id: { type: 'string' },
  name: { type: 'string' },
  title: { type: ['string', 'null'] },
  kind: { type: 'string' },
  mime_type: { type: 'string' },
  size: { type: 'integer' },
  version: { type: 'integer' },
  version_count: { type: 'integer' },
  status: { type: 'string' },
  created_at: { type: 'string' },
  updated_at: { type: 'string' },
  pages: { type: 'integer' },
};

const ERROR_FIELD = { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } }, required: ['code', 'message'] };

export const DEFAULT_TOOL_METADATA: Record<string, { annotations: ToolAnnotations; outputSchema: OutputSchema }> = {
  find: {
    annotations: READ_ONLY,
    outputSchema: {
      type: 'object',
      properties: {
        speech: { type: 'string', description: 'What to say to the caller, as it is.' },
        query: { type: 'string' },
        kinds: { type: 'array', items: { type: 'string' } },
        results: { type: 'array', maxItems: 10, items: { type: 'object', properties: { ...FILE_FIELDS, matched_on: { type: 'string' } }, required: ['file_id', 'name', 'kind'] } },
        more: { type: 'boolean' },
        error: ERROR_FIELD,
      },
      required: ['speech'],
    },
  },
  describe: {
    annotations: READ_ONLY,
    outputSchema: { type: 'object', properties: { speech: { type: 'string', description: 'What to say to the caller, as it is.' }, ...FILE_FIELDS, error: ERROR_FIELD }, required: ['speech'] },
  },
};

/** A tool as `tools/list` shows it: title, annotations and output schema filled in from the defaults. */
export function listedTool(tool: ToolDescriptor): ToolDescriptor & { annotations: ToolAnnotations } {
  const defaults = DEFAULT_TOOL_METADATA[tool.name];
  const annotations = { title: tool.title, ...(defaults?.annotations ?? {}), ...(tool.annotations ?? {}) };
  const outputSchema = tool.outputSchema ?? defaults?.outputSchema;
  return { ...tool, annotations, ...(outputSchema ? { outputSchema } : {}) };
}
