import { hasScope } from '../domain/access.ts';
import { DomainError, ERROR_CODES, isDomainError, type ErrorCode } from '../domain/errors.ts';
import type { AuditLog } from '../ports/audit-log.port.ts';
import { auditAction } from '../app/audit.ts';
import { speakError } from '../voice/speech.ts';
import type { ToolContext, ToolDefinition, ToolResult } from './tool.ts';

/** A tool as listed to clients (MCP `tools/list`; also an OpenAI function definition). */
export interface ToolDescriptor {
  name: string;
  title: string;
  description: string;
  inputSchema: ToolDefinition['inputSchema'];
}

/** Thrown for a tool name that does not exist: a protocol fault, not a tool failure. */
export class UnknownToolError extends Error {
  override readonly name = 'UnknownToolError';
}

/**
 * Runs tools: checks scope and arguments, turns every failure into a result
 * the model can read and say, and writes one audit event per call.
 */
export class ToolRunner {
  private readonly byName: Map<string, ToolDefinition>;

  constructor(
    tools: ToolDefinition[],
    private readonly deps: {
      audit: AuditLog;
      /** The input gate for one tool's arguments: returns them checked, or throws DomainError `validation_failed`. */
      checkArguments: (tool: ToolDefinition, args: unknown) => Record<string, unknown>;
      onFault?: (error: unknown, tool: string) => void;
    },
  ) {
    this.byName = new Map(tools.map((tool) => [tool.name, tool]));
  }

  list(): ToolDescriptor[] {
    return [...this.byName.values()].map(({ name, title, description, inputSchema }) => ({ name, title, description, inputSchema }));
  }

  async call(name: string, args: unknown, ctx: ToolContext): Promise<ToolResult> {
    const tool = this.byName.get(name);
    if (!tool) throw new UnknownToolError(`Unknown tool: ${name}`);
    const target = typeof (args as { file_id?: unknown })?.file_id === 'string' ? ((args as { file_id: string }).file_id) : null;
    let result: ToolResult;
    try {
      if (!hasScope(ctx.principal, tool.requiredScope)) throw new DomainError('forbidden', `This session may not use ${name}.`);
      result = await tool.run(this.deps.checkArguments(tool, args ?? {}), ctx);
    } catch (error) {
      if (!isDomainError(error)) this.deps.onFault?.(error, name);
      result = errorResult(ctx, isDomainError(error) ? error : null);
    }
    const code = (result.data.error as { code?: string } | undefined)?.code;
    await auditAction(this.deps.audit, ctx.principal, { requestId: ctx.requestId }, `tool.${name}`, result.isError ? (code === 'internal' ? 'error' : 'denied') : 'ok', target, code ? { code } : undefined);
    return result;
  }
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
