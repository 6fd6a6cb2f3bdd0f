import type { Principal, Scope } from '../domain/principal.ts';
import type { ObjectSchema } from './json-schema.ts';

/**
 * What a voice platform said about the call it is on (Vapi `X-Call-Id`, ElevenLabs
 * `request_meta`, a caller-number header). Unverified: recorded on the audit trail and
 * used to key call state, never to widen what a credential may do.
 */
export interface CallFacts {
  /** The platform's id of the call. */
  callId?: string;
  /** The caller's number as the platform reported it. */
  callerNumber?: string;
  /** Which platform said so, when known ("vapi", "elevenlabs", ...). */
  platform?: string;
}

/** Push into the live call that made a request (MCP notifications, on whichever transport it uses). */
export interface CallChannel {
  /** Key of the call's state on every node: the same for every connection and request of one call. */
  readonly key: string;
  readonly facts: CallFacts;
  /** The progress token this request carried (`_meta.progressToken`), if any: later pushes for it (uploads) use it. */
  readonly progressToken?: string | number;
  /** `notifications/progress` for this request, when the client sent a progress token; a no-op otherwise. */
  progress(progress: number, total?: number, message?: string): Promise<void>;
}

export interface ToolContext {
  principal: Principal;
  requestId: string;
  now: Date;
  /** The call this request belongs to; absent outside MCP (tests, scripts). */
  call?: CallChannel;
  /** Aborted when the client cancels the request or goes away. */
  signal?: AbortSignal;
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
  outputSchema?: OutputSchema;
  annotations?: ToolAnnotations;
  requiredScope: Scope;
  /** Arguments are already validated against `inputSchema`. */
  run(args: Record<string, unknown>, ctx: ToolContext): Promise<ToolResult>;
}

/**
 * JSON Schema of a tool's `structuredContent`. Looser than input schemas on purpose: it
 * describes what clients may rely on and leaves room for fields added later.
 */
export interface OutputSchema {
  type: 'object';
  properties: Record<string, Record<string, unknown>>;
  required?: readonly string[];
}
