import { FILE_KINDS, type FileKind } from '../domain/file.ts';
import { findFiles, type FindDeps, type FoundFile } from '../app/find.use-case.ts';
import { speakFindAnswer } from '../voice/speech.ts';
import { fileSummary, spokenFacts } from './file-summary.ts';
import type { ToolDefinition } from './tool.ts';
import { toolText } from './tool-texts.ts';

/** A result as the agent reads it: the file's facts, the score and the passage that matched. */
function resultOf(found: FoundFile): Record<string, unknown> {
  const meta = found.detail.current.metadata;
  const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
  // The sheet extractor writes the names to `sheets` and their number to `sheetCount`.
  const sheets = number(meta.sheetCount) ?? number(meta.sheets);
  const duration = number(meta.durationSeconds) ?? number((meta.transcript as { durationSeconds?: unknown } | undefined)?.durationSeconds);
  return {
    ...fileSummary(found.detail),
    ...(sheets === undefined ? {} : { sheets }),
    ...(duration === undefined ? {} : { duration_seconds: Math.round(duration) }),
    score: Math.round(found.hit.score * 1000) / 1000,
    matched_on: found.hit.matchedOn,
    ...(found.hit.matched ? { matched: found.hit.matched } : {}),
  };
}

export function findTool(deps: FindDeps): ToolDefinition {
  return {
    name: 'find',
    ...toolText('find'),
    requiredScope: 'read',
    inputSchema: {
      type: 'object',
      properties: {
        query: { type: 'string', minLength: 1, maxLength: 500, description: "What the caller asked for, in the caller's words." },
        kind: { type: 'string', enum: FILE_KINDS, description: 'Only files of this kind.' },
        customer_id: {
          type: 'string',
          minLength: 1,
          maxLength: 200,
          description: "Only files of this customer (staff sessions; a caller's session already sees only its own customer).",
        },
        limit: { type: 'integer', minimum: 1, maximum: 5, description: 'How many results to return (default 3).' },
      },
      required: ['query'],
      additionalProperties: false,
    },
    async run(args, ctx) {
      const found = await findFiles(deps, ctx.principal, {
        query: args.query as string,
        limit: (args.limit as number | undefined) ?? 3,
        now: ctx.now,
        ...(args.kind ? { kind: args.kind as FileKind } : {}),
        ...(args.customer_id ? { customerId: args.customer_id as string } : {}),
      });
      const speech = speakFindAnswer(
        ctx.principal.locale,
        found.results.map((r) => ({ ...spokenFacts(r.detail), score: r.hit.score, ...(r.hit.matched ? { matched: r.hit.matched } : {}) })),
        ctx.now,
        { more: found.more, question: found.question, ...(ctx.principal.timeZone ? { timeZone: ctx.principal.timeZone } : {}) },
      );
      return {
        speech,
        data: {
          query: found.searched,
          kinds: found.kinds,
          results: found.results.map(resultOf),
          more: found.more,
        },
      };
    },
  };
}
