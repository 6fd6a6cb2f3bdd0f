import { describeFile, type DescribeDeps } from '../app/describe.use-case.ts';
import { speakFileDescription } from '../voice/describe-speech.ts';
import { describeData, describeFacts } from './describe-summary.ts';
import type { ToolDefinition } from './tool.ts';
import { toolText } from './tool-texts.ts';

export function describeTool(deps: DescribeDeps): ToolDefinition {
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
      const { detail, description } = await describeFile(deps, ctx.principal, args.file_id as string);
      return {
        speech: speakFileDescription(ctx.principal.locale, describeFacts(detail, description), ctx.now, ctx.principal.timeZone ? { timeZone: ctx.principal.timeZone } : {}),
        data: describeData(detail, description),
      };
    },
  };
}
