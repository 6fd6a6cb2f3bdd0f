import { randomUUID } from 'node:crypto';
import { DomainError } from '../domain/errors.ts';
import type { FileKind } from '../domain/file.ts';
import { ACCEPTED_TYPES } from '../domain/file-types.ts';
import { actorOf, type Principal } from '../domain/principal.ts';
import {
  isOpen,
  resolveTypes,
  UPLOAD_REQUEST_LIMITS,
  uploadStateOf,
  type UploadFileState,
  type UploadFileStatus,
  type UploadRequest,
} from '../domain/upload-request.ts';
import type { AuditLog } from '../ports/audit-log.port.ts';
import type { UploadRequestStore } from '../ports/upload-request-store.port.ts';
import type { AccessCode } from '../voice/codes/code-format.ts';
import { auditAction, type RequestContext } from './audit.ts';
import { issueAccessCode, type AccessCodeDeps } from './access-codes.use-case.ts';
import type { TenantStore } from '../ports/tenant-store.port.ts';

export interface UploadRequestDeps {
  uploads: UploadRequestStore;
  audit: AuditLog;
  /** The access-code store, throttles and limits (codes of kind `upload`). */
  accessCodes: AccessCodeDeps;
  tenants: Pick<TenantStore, 'getTenant' | 'getTenantBySlug'>;
  /** Intake's size limit per kind (UPLOAD_MAX_MB_*): a request never allows more. */
  limits: Record<FileKind, number>;
}

/** What request-upload asks for, through the input gate. */
export interface UploadRequestInput {
  purpose: string;
  maxFiles?: number;
  maxBytes?: number;
  types?: string[];
  /** ISO 8601 instant; default an hour from now. */
  deadline?: string;
}

/** The call a request belongs to: its key (docs/call-state.md) and the progress token of the asking request, if any. */
export interface AskingCall {
  key: string;
  progressToken?: string | number;
}

/** Create an upload request bound to the tenant, the call and the session, with a new code. */
export async function requestUpload(
  deps: UploadRequestDeps,
  principal: Principal,
  ctx: RequestContext,
  call: AskingCall,
  input: UploadRequestInput,
  now: Date,
): Promise<{ request: UploadRequest; code: AccessCode }> {
  if (principal.kind !== 'session') throw new DomainError('forbidden', 'Only a call session can ask for an upload.');
  const { extensions, unknown } = resolveTypes(input.types ?? []);
  if (unknown.length > 0) {
    throw new DomainError('validation_failed', `Unknown file types: ${unknown.slice(0, 5).join(', ')}.`, { details: { types: 'must be accepted extensions (pdf, jpg...) or document, spreadsheet, text, audio, image' } });
  }
  const kinds = new Set((extensions.length > 0 ? extensions : Object.keys(ACCEPTED_TYPES)).map((extension) => ACCEPTED_TYPES[extension]!.kind));
  const largest = Math.max(...[...kinds].map((kind) => deps.limits[kind]));
  const maxBytes = Math.min(input.maxBytes ?? largest, largest);
  const deadline = deadlineOf(input.deadline, now);
  const id = randomUUID();
  const { code } = await issueAccessCode(deps.accessCodes, { tenantId: principal.tenantId, kind: 'upload', subjectId: id, issuedBy: actorOf(principal) });
  const request = await deps.uploads.create(
    {
      id,
      tenantId: principal.tenantId,
      callKey: call.key,
      sessionId: principal.sessionId,
      actor: actorOf(principal),
      purpose: input.purpose.trim(),
      maxFiles: input.maxFiles ?? UPLOAD_REQUEST_LIMITS.defaultMaxFiles,
      maxBytes,
      types: extensions,
      locale: principal.locale,
      progressToken: call.progressToken ?? null,
      createdAt: now,
      deadline,
      closedAt: null,
    },
  );
  await auditAction(deps.audit, principal, ctx, 'upload_request.create', 'ok', request.id, { max_files: request.maxFiles, max_bytes: request.maxBytes, types: request.types, deadline: deadline.toISOString() });
  return { request, code };
}

function deadlineOf(text: string | undefined, now: Date): Date {
  if (text === undefined) return new Date(now.getTime() + UPLOAD_REQUEST_LIMITS.defaultDeadlineMinutes * 60_000);
  const at = new Date(text);
  const latest = now.getTime() + UPLOAD_REQUEST_LIMITS.maxDeadlineDays * 86_400_000;
  if (Number.isNaN(at.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(text)) throw new DomainError('validation_failed', 'The deadline must be an ISO 8601 date and time.', { details: { deadline: 'must be an ISO 8601 date-time' } });
  if (at.getTime() <= now.getTime() || at.getTime() > latest) {
    throw new DomainError('validation_failed', `The deadline must be in the future and at most ${UPLOAD_REQUEST_LIMITS.maxDeadlineDays} days away.`, { details: { deadline: 'out of range' } });
  }
  return at;
}

/** A request as its call sees it: the request and its files, each with the state the call hears. */
export interface UploadView {
  request: UploadRequest;
  open: boolean;
  files: Array<UploadFileStatus & { state: UploadFileState; reason: string | null }>;
}

/**
 * The request and its files, for the call that asked (any session of it, on any node). Another
 * call's request looks the same as none.
 */
export async function uploadStatus(deps: Pick<UploadRequestDeps, 'uploads'>, principal: Principal, callKey: string | null, uploadId: string, now: Date): Promise<UploadView> {
  const request = await deps.uploads.get(principal.tenantId, uploadId.toLowerCase());
  const mine = request !== null && (principal.kind === 'api_key' || request.callKey === callKey || (principal.kind === 'session' && request.sessionId === principal.sessionId));
  if (!request || !mine) throw new DomainError('not_found', 'That upload request does not exist or belongs to another call.');
  return viewOf(request, await deps.uploads.files(request.tenantId, request.id), now);
}

export function viewOf(request: UploadRequest, files: UploadFileStatus[], now: Date): UploadView {
  return {
    request,
    open: isOpen(request, now),
    files: files.map((file) => ({ ...file, state: uploadStateOf(file), reason: file.refusal ?? file.statusReason })),
  };
}

/** The JSON shape of a request (tool results, resources, the page): no hashes, no storage keys. */
export function uploadJson(view: UploadView): Record<string, unknown> {
  const { request } = view;
  return {
    upload_id: request.id,
    purpose: request.purpose,
    max_files: request.maxFiles,
    max_bytes: request.maxBytes,
    types: request.types,
    deadline: request.deadline.toISOString(),
    open: view.open,
    files: view.files.map((file) => ({
      blob_id: file.blobId,
      name: file.name,
      state: file.state,
      ...(file.fileId ? { file_id: file.fileId } : {}),
      ...(file.reason && file.state === 'rejected' ? { reason: file.reason.split(':', 1)[0] } : {}),
    })),
  };
}
