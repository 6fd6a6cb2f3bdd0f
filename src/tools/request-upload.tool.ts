import { requestUpload, uploadJson, viewOf, type UploadRequestDeps } from '../app/upload-requests.use-case.ts';
import { DomainError } from '../domain/errors.ts';
import { UPLOAD_REQUEST_LIMITS, uploadUri } from '../domain/upload-request.ts';
import { formatKeypad } from '../voice/codes/code-format.ts';
import { formatCode } from '../voice/codes/code-text.ts';
import { speakUploadRequested } from '../voice/upload-speech.ts';
import type { ToolDefinition } from './tool.ts';
import { toolText } from './tool-texts.ts';

export interface RequestUploadToolDeps extends UploadRequestDeps {
  /** The tenant's upload page (PUBLIC_URL + /u/<slug>), read when a request is made. */
  pageUrl: (slug: string) => string;
}

/**
 * request-upload: a code and a short link for the person on the call to upload files with;
 * the call hears as each file moves (notifications, or upload-status).
 */
export function requestUploadTool(deps: RequestUploadToolDeps): ToolDefinition {
  return {
    name: 'request-upload',
    ...toolText('request-upload'),
    requiredScope: 'upload',
    inputSchema: {
      type: 'object',
      properties: {
        purpose: { type: 'string', minLength: 1, maxLength: 200, description: 'What is asked for, in a few words the page shows, e.g. "the signed contract".' },
        max_files: { type: 'integer', minimum: 1, maximum: UPLOAD_REQUEST_LIMITS.maxFiles, description: `How many files at most (default ${UPLOAD_REQUEST_LIMITS.defaultMaxFiles}).` },
        max_bytes: { type: 'integer', minimum: 1, maximum: 1024 ** 4, description: "Largest file in bytes; never above the server's own limit for the type." },
        types: {
          type: 'array',
          items: { type: 'string', pattern: '^\\.?[A-Za-z0-9]{1,12}$', description: 'An extension (pdf, jpg) or a kind: document, spreadsheet, text, audio, image.' },
          minItems: 1,
          maxItems: 20,
          description: 'Only these types are accepted; default every accepted type.',
        },
        deadline: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$', description: 'Until when uploads are taken (ISO 8601, at most 7 days ahead; default one hour).' },
      },
      required: ['purpose'],
      additionalProperties: false,
    },
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    async run(args, ctx) {
      if (!ctx.call) throw new DomainError('forbidden', 'Uploads can be requested from a live call only.');
      const { request, code } = await requestUpload(
        deps,
        ctx.principal,
        { requestId: ctx.requestId },
        { key: ctx.call.key, ...(ctx.call.progressToken !== undefined ? { progressToken: ctx.call.progressToken } : {}) },
        {
          purpose: args.purpose as string,
          ...(args.max_files !== undefined ? { maxFiles: args.max_files as number } : {}),
          ...(args.max_bytes !== undefined ? { maxBytes: args.max_bytes as number } : {}),
          ...(args.types !== undefined ? { types: args.types as string[] } : {}),
          ...(args.deadline !== undefined ? { deadline: args.deadline as string } : {}),
        },
        ctx.now,
      );
      const locale = ctx.principal.locale;
      return {
        speech: speakUploadRequested(locale, { purpose: request.purpose, code, maxFiles: request.maxFiles }),
        data: {
          ...uploadJson(viewOf(request, [], ctx.now)),
          status: 'waiting',
          code: formatCode(code, locale),
          keypad: formatKeypad(code),
          link: deps.pageUrl((await deps.tenants.getTenant(request.tenantId))?.slug ?? ''),
          resource_uri: uploadUri(request.id),
        },
      };
    },
  };
}
