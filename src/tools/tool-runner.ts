import { hasScope } from '../domain/access.ts';
import { DomainError, ERROR_CODES, isDomainError, type ErrorCode } from '../domain/errors.ts';
import { auditAction } from '../app/audit.ts';
import { speakError } from '../voice/speech.ts';
import type { ObjectSchema } from './json-schema.ts';
import type { ToolContext, ToolDefinition, ToolResult } from './tool.ts';

/** A tool as listed to clients (MCP `tools/list`; the source of the OpenAI and Bedrock forms too). */
export type ToolDescriptor = Pick<ToolDefinition, 'name' | 'title' | 'description' | 'inputSchema' | 'outputSchema' | 'annotations'>;

/** Thrown for a tool name that does not exist: a protocol fault, not a tool failure. */
export class UnknownToolError extends Error {
  override readonly name = 'UnknownToolError';
}

export interface ToolRunnerDeps {
  audit: Parameters<typeof auditAction>[0];
  /** The input gate for one tool's arguments: returns them checked, or throws DomainError `validation_failed`. */
  checkArguments: (tool: ToolDefinition, args: unknown) => Record<string, unknown>;
  onFault?: (error: unknown, tool: string) => void;
}

/**
 * Runs tools: checks scope and arguments, turns every failure into a result
 * the model can read and say, and writes one audit event per call.
 */
export class ToolRunner {
  private readonly byName: Map<string, ToolDefinition>;

  constructor(
    tools: ToolDefinition[],
    private readonly deps: ToolRunnerDeps,
  ) {
    this.byName = new Map(tools.map((tool) => [tool.name, tool]));
  }

  list(): ToolDescriptor[] {
    return [...this.byName.values()].map(({ name, title, description, inputSchema, outputSchema, annotations }) => ({
      name,
      title,
      description,
      inputSchema,
      ...(outputSchema ? { outputSchema } : {}),
      ...(annotations ? { annotations } : {}),
    }));
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  async call(name: string, args: unknown, ctx: ToolContext): Promise<ToolResult> {
    const tool = this.byName.get(name);
    if (!tool) throw new UnknownToolError(`Unknown tool: ${name}`);
    // The audit target comes from checked arguments only: unchecked input (a NUL in a file_id) never reaches the trail.
    let target: string | null = null;
    let result: ToolResult;
    try {
      if (!hasScope(ctx.principal, tool.requiredScope)) throw new DomainError('forbidden', `This session may not use ${name}.`);
      const checked = this.deps.checkArguments(tool, withoutNullOptionals(tool.inputSchema, args ?? {}));
      if (typeof checked.file_id === 'string') target = checked.file_id;
      result = await tool.run(checked, ctx);
    } catch (error) {
      if (!isDomainError(error)) this.deps.onFault?.(error, name);
      result = errorResult(ctx, isDomainError(error) ? error : null);
    }
    const code = (result.data.error as { code?: string } | undefined)?.code;
    const facts = ctx.call?.facts;
    const detail = { ...(code ? { code } : {}), ...(facts && Object.keys(facts).length > 0 ? { call_facts: facts } : {}) };
    try {
      await auditAction(
        this.deps.audit,
        ctx.principal,
        { requestId: ctx.requestId, ...(facts?.callId && ctx.principal.kind === 'session' && !ctx.principal.callId ? { callId: facts.callId } : {}) },
        `tool.${name}`,
        result.isError ? (code === 'internal' ? 'error' : 'denied') : 'ok',
        target,
        Object.keys(detail).length > 0 ? detail : undefined,
      );
    } catch (error) {
      // No answer goes out unaudited; the caller hears why (the database away: "try again").
      if (!isDomainError(error)) this.deps.onFault?.(error, name);
      return errorResult(ctx, isDomainError(error) ? error : null);
    }
    return result;
  }
}

/**
 * OpenAI strict function calling sends every property, `null` for the optional ones it
 * leaves out (see `GET /v1/tools?format=openai`): drop those so the schema's own rules apply.
 */
export function withoutNullOptionals(schema: ObjectSchema, args: unknown): unknown {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return args;
  const required = new Set(schema.required ?? []);
  const entries = Object.entries(args as Record<string, unknown>);
  // Nested objects (share's recipient) get the same treatment: strict mode sends their optional fields as null too.
  const nested = (key: string, value: unknown) => {
    const property = Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined;
    return property?.type === 'object' ? withoutNullOptionals(property, value) : value;
  };
  if (!entries.some(([key, value]) => (value === null && !required.has(key) && Object.hasOwn(schema.properties, key)) || nested(key, value) !== value)) return args;
  return Object.fromEntries(entries.filter(([key, value]) => !(value === null && !required.has(key) && Object.hasOwn(schema.properties, key))).map(([key, value]) => [key, nested(key, value)]));
}

function errorResult(ctx: ToolContext, error: DomainError | null): ToolResult {
  const code: ErrorCode = error?.code ?? 'internal';
  const message = error?.message ?? ERROR_CODES.internal.message;
  return {
    speech: speakError(ctx.principal.locale, code),
    data: { error: { code, message, ...(error?.details ? { details: error.details } : {}) } },
    isError: true,
  };
}
