import { FILE_KINDS, type FileKind } from '../domain/file.ts';
import { findFiles, type FindDeps } from '../app/find.use-case.ts';
import { speakFindResults } from '../voice/speech.ts';
import { fileSummary, spokenFacts } from './file-summary.ts';
import type { ToolDefinition } from './tool.ts';
import { toolText } from './tool-texts.ts';

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
        limit: { type: 'integer', minimum: 1, maximum: 10, description: 'How many results to return (default 3).' },
      },
      required: ['query'],
      additionalProperties: false,
    },
    async run(args, ctx) {
      const found = await findFiles(deps, ctx.principal, {
        query: args.query as string,
        limit: (args.limit as number | undefined) ?? 3,
        ...(args.kind ? { kind: args.kind as FileKind } : {}),
      });
      const speech = speakFindResults(
        ctx.principal.locale,
        found.results.map((r) => spokenFacts(r.detail)),
        ctx.now,
        found.more,
      );
      return {
        speech,
        data: {
          query: found.searched,
          kinds: found.kinds,
          results: found.results.map((r) => ({ ...fileSummary(r.detail), matched_on: r.hit.matchedOn })),
          more: found.more,
        },
      };
    },
  };
}
