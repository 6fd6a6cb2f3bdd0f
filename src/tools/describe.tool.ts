import { getFile, type FileDeps } from '../app/files.use-case.ts';
import { speakDescription } from '../voice/speech.ts';
import { fileSummary, spokenFacts } from './file-summary.ts';
import type { ToolDefinition } from './tool.ts';
import { toolText } from './tool-texts.ts';

export function describeTool(deps: FileDeps): ToolDefinition {
  return {
    name: 'describe',
    ...toolText('describe'),
    requiredScope: 'read',
    inputSchema: {
      type: 'object',
      properties: {
        file_id: { type: 'string', pattern: '^[0-9a-fA-F-]{36}$', description: 'The file_id from a find result.' },
      },
      required: ['file_id'],
      additionalProperties: false,
    },
    async run(args, ctx) {
      const detail = await getFile(deps, ctx.principal, args.file_id as string);
      return {
        speech: speakDescription(ctx.principal.locale, spokenFacts(detail), ctx.now),
        data: fileSummary(detail),
      };
    },
  };
}
