import type { Principal, Scope } from '../domain/principal.ts';
import type { ObjectSchema } from './json-schema.ts';

export interface ToolContext {
  principal: Principal;
  requestId: string;
  now: Date;
}

/** What a tool hands back: words to say, data to reason with. */
export interface ToolResult {
  /** One to three short sentences the agent can say as they are. */
  speech: string;
  data: Record<string, unknown>;
  /** Set when the tool could not do what was asked; `data.error` then holds `{ code, message }`. */
  isError?: boolean;
}

/** MCP tool annotations (hints for clients; never relied on for security). */
export interface ToolAnnotations {
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

/** One tool: its schema (valid JSON Schema and OpenAI function parameters), the scope it needs, its handler. */
export interface ToolDefinition {
  name: string;
  title: string;
  description: string;
  inputSchema: ObjectSchema;
  /** JSON Schema of `structuredContent` (speech plus `data`), listed in tools/list. */
  outputSchema?: ObjectSchema;
  annotations?: ToolAnnotations;
  requiredScope: Scope;
  /** Arguments are already validated against `inputSchema`. */
  run(args: Record<string, unknown>, ctx: ToolContext): Promise<ToolResult>;
}
