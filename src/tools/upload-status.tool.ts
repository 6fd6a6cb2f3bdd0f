import { uploadJson, uploadStatus, type UploadRequestDeps } from '../app/upload-requests.use-case.ts';
import { uploadUri } from '../domain/upload-request.ts';
import { speakUploadStatus } from '../voice/upload-speech.ts';
import type { ToolDefinition } from './tool.ts';
import { toolText } from './tool-texts.ts';

/** upload-status: where the files of an upload request are, for platforms that do not surface notifications. */
export function uploadStatusTool(deps: Pick<UploadRequestDeps, 'uploads'>): ToolDefinition {
  return {
    name: 'upload-status',
    ...toolText('upload-status'),
    requiredScope: 'upload',
    inputSchema: {
      type: 'object',
      properties: {
        upload_id: { type: 'string', pattern: '^[0-9a-fA-F-]{36}$', description: 'The upload_id from request-upload.' },
      },
      required: ['upload_id'],
      additionalProperties: false,
    },
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    async run(args, ctx) {
      const view = await uploadStatus(deps, ctx.principal, ctx.call?.key ?? null, args.upload_id as string, ctx.now);
      const speech = speakUploadStatus(ctx.principal.locale, { open: view.open, files: view.files.map((file) => ({ state: file.state, name: file.name, reason: file.reason })) });
      return { speech, data: { ...uploadJson(view), resource_uri: uploadUri(view.request.id) } };
    },
  };
}
