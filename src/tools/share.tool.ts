import { completeShare, requestShare, type ShareCall, type ShareDeps } from '../app/share.use-case.ts';
import { DomainError, isDomainError } from '../domain/errors.ts';
import type { VersionStatus } from '../domain/file.ts';
import { actorOf } from '../domain/principal.ts';
import type { ShareRecipient } from '../domain/share.ts';
import { formatKeypad } from '../voice/codes/code-format.ts';
import { codeWords, formatCode } from '../voice/codes/code-text.ts';
import { speakConfirmationInvalid, speakNotShareable, speakShareCancelled, speakShareDone, speakShareQuestion } from '../voice/share-speech.ts';
import { spokenLabel } from '../voice/speech.ts';
import { fileSummary } from './file-summary.ts';
import type { ToolContext, ToolDefinition, ToolResult } from './tool.ts';
import { toolText } from './tool-texts.ts';

/** The call's state key: the MCP call's, else the credential's own (tests, scripts). */
function callOf(ctx: ToolContext): ShareCall {
  return {
    requestId: ctx.requestId,
    callKey: ctx.call?.key ?? actorOf(ctx.principal),
    ...(ctx.call?.facts.callerNumber ? { callerNumber: ctx.call.facts.callerNumber } : {}),
  };
}

const label = (locale: 'en' | 'de', file: { name: string; title: string | null }) => (locale === 'de' ? `die Datei ${spokenLabel(file)}` : `the ${spokenLabel(file)}`);

export function shareTool(deps: ShareDeps): ToolDefinition {
  return {
    name: 'share',
    ...toolText('share'),
    requiredScope: 'share',
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    outputSchema: {
      type: 'object',
      properties: {
        speech: { type: 'string', description: 'What to say to the caller, as it is (the code in two groups of three).' },
        status: { type: 'string', enum: ['needs_confirmation', 'shared', 'cancelled'] },
        confirmation_token: { type: 'string', description: 'Pass back with the caller\'s words; never read aloud.' },
        code: { type: 'string' },
        code_words: { type: 'array', items: { type: 'string' } },
        keypad_code: { type: 'string' },
        short_link: { type: 'string' },
        code_page: { type: 'string' },
        expires_at: { type: 'string' },
        uses_left: { type: 'integer' },
        share_id: { type: 'string' },
        file: { type: 'object' },
        recipient: { type: 'object' },
        delivery: { type: 'string', enum: ['webhook', 'spoken'] },
        error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } }, required: ['code', 'message'] },
      },
      required: ['speech'],
    },
    inputSchema: {
      type: 'object',
      properties: {
        file_id: { type: 'string', pattern: '^[0-9a-fA-F-]{36}$', description: 'The file_id from a find result.' },
        recipient: {
          type: 'object',
          description: 'Only when the caller names someone else; by default the code goes to the caller.',
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 100, description: "The recipient's name." },
            phone: { type: 'string', minLength: 4, maxLength: 32, description: 'Phone number, digits with optional +, spaces or dashes.' },
            email: { type: 'string', minLength: 3, maxLength: 254, description: 'E-mail address.' },
          },
          additionalProperties: false,
        },
        confirmation_token: { type: 'string', minLength: 20, maxLength: 100, description: 'From the needs_confirmation answer; only on the second call.' },
        utterance: { type: 'string', minLength: 1, maxLength: 500, description: "The caller's exact answer to the read-back question; only on the second call." },
      },
      required: ['file_id'],
      additionalProperties: false,
    },
    async run(args, ctx) {
      const locale = ctx.principal.locale;
      const fileId = args.file_id as string;
      try {
        if (typeof args.confirmation_token === 'string') {
          if (typeof args.utterance !== 'string') throw new DomainError('validation_failed', 'utterance is needed with confirmation_token.');
          const done = await completeShare(deps, ctx.principal, callOf(ctx), { fileId, confirmationToken: args.confirmation_token, utterance: args.utterance });
          if (done.status === 'cancelled') return { speech: speakShareCancelled(locale), data: { status: 'cancelled', file_id: fileId.toLowerCase() } };
          const usesLeft = done.record.useLimit - done.record.uses;
          return {
            speech: speakShareDone(locale, { code: done.code, codePage: done.codePage, uses: usesLeft, expiresAt: done.record.expiresAt, now: ctx.now, sent: done.delivered }),
            data: {
              status: 'shared',
              share_id: done.share.id,
              file: fileSummary(done.file),
              code: formatCode(done.code, locale),
              code_words: codeWords(done.code, locale),
              keypad_code: formatKeypad(done.code),
              short_link: done.link,
              code_page: done.codePage,
              expires_at: done.record.expiresAt.toISOString(),
              uses_left: usesLeft,
              recipient: done.share.recipient,
              delivery: done.delivered ? 'webhook' : 'spoken',
            },
          };
        }
        const question = await requestShare(deps, ctx.principal, callOf(ctx), { fileId, ...(args.recipient ? { recipient: args.recipient as ShareRecipient } : {}) });
        return {
          speech: speakShareQuestion(locale, { label: label(locale, question.file.file), recipient: question.recipient, toCaller: question.toCaller, delivered: question.delivered }),
          data: {
            status: 'needs_confirmation',
            confirmation_token: question.confirmationToken,
            expires_at: question.expiresAt.toISOString(),
            file: fileSummary(question.file),
            recipient: question.recipient,
            delivery: question.delivered ? 'webhook' : 'spoken',
          },
        };
      } catch (error) {
        return readableFailure(error, locale) ?? Promise.reject(error);
      }
    },
  };
}

/** Failures with their own speech (why a file cannot be shared; a confirmation that no longer holds); others go to the runner. */
function readableFailure(error: unknown, locale: 'en' | 'de'): ToolResult | null {
  if (!isDomainError(error)) return null;
  if (error.code === 'file_not_ready') {
    const status = (error.details?.status ?? 'failed') as VersionStatus;
    return { speech: speakNotShareable(locale, status), data: { error: { code: error.code, message: error.message, details: { status } } }, isError: true };
  }
  if (error.code === 'confirmation_invalid') return { speech: speakConfirmationInvalid(locale), data: { error: { code: error.code, message: error.message } }, isError: true };
  return null;
}
