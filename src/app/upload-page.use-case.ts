import { randomUUID } from 'node:crypto';
import { DomainError, isDomainError } from '../domain/errors.ts';
import type { Principal } from '../domain/principal.ts';
import { isOpen, type UploadRequest } from '../domain/upload-request.ts';
import { blobKeyFor, type BlobStore, type PresignedUpload } from '../ports/blob-store.port.ts';
import type { EventBus } from '../ports/event-bus.port.ts';
import type { RequestContext } from './audit.ts';
import { acceptedUpload, type IntakeDeps } from './intake/intake.use-case.ts';
import { ingestPlacedBlob } from './intake/placed-intake.ts';
import { redeemAccessCode, type AccessCodeDeps } from './access-codes.use-case.ts';
import type { TenantStore } from '../ports/tenant-store.port.ts';
import { UPLOAD_RECEIVED_EVENT, UPLOAD_REFUSED_EVENT } from './upload-live.ts';
import { viewOf, type UploadRequestDeps, type UploadView } from './upload-requests.use-case.ts';
import { signUploadTicket, verifyUploadTicket, type UploadTicket } from './upload-tickets.ts';

export interface UploadPageDeps extends Pick<UploadRequestDeps, 'uploads' | 'audit'> {
  accessCodes: AccessCodeDeps;
  tenants: Pick<TenantStore, 'getTenantBySlug'>;
  intake: IntakeDeps;
  blobs: BlobStore;
  events: EventBus;
  ticketKey: Buffer;
  /** How long a presigned or signed upload link stays valid; default 900 s. */
  uploadLinkSeconds?: number;
}

/** A ticket lasts as long as the page may reasonably stay open. */
const TICKET_SECONDS = 2 * 3600;

/**
 * The /u page's code: the tenant is the page's (`/u/<slug>`), the code is redeemed as an access
 * code of kind `upload` (throttled per tenant, address and code; one misheard word corrected
 * when exactly one live code is within reach), and the page gets a ticket for its next calls.
 * A wrong code and an unknown tenant look alike (`not_found`).
 */
export async function openUploadByCode(deps: UploadPageDeps, input: { slug: string; text: string; address: string }, now: Date): Promise<{ ticket: string; view: UploadView }> {
  const tenant = await deps.tenants.getTenantBySlug(input.slug);
  if (!tenant) throw new DomainError('not_found', 'That code does not open an upload. Check the words and try again.');
  const found = await redeemAccessCode(deps.accessCodes, {
    tenantId: tenant.id,
    kind: 'upload',
    text: input.text,
    locale: tenant.locale,
    address: input.address,
    audit: (outcome, corrected) => ({
      tenantId: tenant.id,
      actor: `code:${outcome.code.id}`,
      role: 'uploader',
      action: 'upload_request.open',
      target: outcome.code.subjectId,
      outcome: outcome.redeemed ? 'ok' : 'denied',
      detail: { ...(outcome.redeemed ? {} : { state: outcome.state }), corrected, address: input.address },
    }),
  });
  if (found.result === 'throttled') throw rateLimited(found.retryAfterSeconds);
  if (found.result === 'not_found') throw new DomainError('not_found', 'That code does not open an upload. Check the words and try again.');
  if (found.result === 'unusable') throw new DomainError('upload_closed', found.state === 'expired' ? 'This upload code has expired.' : 'This upload code can no longer be used.', { details: { state: found.state } });
  const request = await deps.uploads.get(tenant.id, found.record.subjectId);
  if (!request) throw new DomainError('not_found');
  if (!isOpen(request, now)) throw new DomainError('upload_closed');
  const expiresAt = Math.min(Math.floor(now.getTime() / 1000) + TICKET_SECONDS, Math.floor(request.deadline.getTime() / 1000) + 600);
  const ticket = signUploadTicket({ tenantId: request.tenantId, uploadId: request.id, expiresAt }, deps.ticketKey);
  return { ticket, view: viewOf(request, await deps.uploads.files(request.tenantId, request.id), now) };
}

function rateLimited(seconds: number): DomainError {
  return new DomainError('rate_limited', `Too many attempts; try again in ${seconds} seconds.`, { details: { retry_after_seconds: seconds } });
}

/** The request a ticket names, with its files. */
export async function uploadPageStatus(deps: UploadPageDeps, token: string | null, now: Date): Promise<UploadView> {
  const request = await requestOf(deps, verifyUploadTicket(token, deps.ticketKey, Math.floor(now.getTime() / 1000)));
  return viewOf(request, await deps.uploads.files(request.tenantId, request.id), now);
}

/**
 * A slot for one file: checked against the request (open, count, size, types) and intake's
 * rules (name, type, the kind's size limit) before any byte is sent, then a link that lets the
 * browser write exactly that blob key, of at most the allowed size, and nothing else.
 */
export async function reserveUploadFile(
  deps: UploadPageDeps,
  token: string | null,
  file: { name: string; size: number },
  now: Date,
): Promise<{ blobId: string; upload: PresignedUpload; maxBytes: number }> {
  const request = await requestOf(deps, verifyUploadTicket(token, deps.ticketKey, Math.floor(now.getTime() / 1000)));
  if (!isOpen(request, now)) throw new DomainError('upload_closed');
  const { name, extension, accepted } = acceptedUpload(file.name);
  if (request.types.length > 0 && !request.types.includes(extension)) throw new DomainError('type_not_allowed', `This upload accepts ${request.types.join(', ')} files only.`, { details: { types: request.types } });
  const maxBytes = Math.min(request.maxBytes, deps.intake.limits[accepted.kind]);
  if (file.size === 0) throw new DomainError('empty_upload');
  if (file.size > maxBytes) throw new DomainError('payload_too_large', undefined, { details: { max_bytes: maxBytes } });
  const blobId = randomUUID();
  const slot = await deps.uploads.reserveSlot(request.tenantId, request.id, { blobId, name, declaredSize: file.size, extension }, request.maxFiles);
  if (!slot) throw new DomainError('upload_limit_reached', undefined, { details: { max_files: request.maxFiles } });
  if (!deps.blobs.presignUpload) throw new DomainError('unavailable', 'This storage cannot take uploads from the page.');
  const method = deps.blobs.capabilities.presignedPost ? 'POST' : 'PUT';
  // The size condition must be enforced by whoever takes the bytes: S3's POST policy, or our own server for local links.
  if (method === 'PUT' && !deps.blobs.capabilities.selfServedUploads) throw new DomainError('unavailable', 'This storage cannot bound the size of an upload from the page.');
  const upload = await deps.blobs.presignUpload(blobKeyFor(request.tenantId, blobId), { method, contentType: accepted.mime, maxBytes, expiresInSeconds: deps.uploadLinkSeconds ?? 900 });
  return { blobId, upload, maxBytes };
}

/**
 * The browser has written a slot's bytes: take them in as any upload (intake: sniffing,
 * limits, the pipeline's first job), record the outcome on the slot and tell the call.
 */
export async function completeUploadFile(deps: UploadPageDeps, token: string | null, blobId: string, ctx: RequestContext, signal: AbortSignal, now: Date): Promise<UploadView> {
  const request = await requestOf(deps, verifyUploadTicket(token, deps.ticketKey, Math.floor(now.getTime() / 1000)));
  const slot = (await deps.uploads.files(request.tenantId, request.id)).find((file) => file.blobId === blobId.toLowerCase());
  if (!slot) throw new DomainError('not_found', 'That file was not announced for this upload.');
  if (slot.completedAt) return viewOf(request, await deps.uploads.files(request.tenantId, request.id), now);
  const storageKey = blobKeyFor(request.tenantId, slot.blobId);
  const principal = uploaderOf(request);
  // One completion per slot: a second one, at the same time or later, only reads the state.
  if (!(await deps.uploads.claimSlot(request.tenantId, request.id, slot.blobId))) return viewOf(request, await deps.uploads.files(request.tenantId, request.id), now);
  try {
    const head = await deps.blobs.head(storageKey);
    if (!head) throw new DomainError('bad_request', 'The file has not reached storage yet.');
    if (head.size === 0) throw new DomainError('empty_upload');
    const result = await ingestPlacedBlob(deps.intake, principal, ctx, { name: slot.name, blobId: slot.blobId, storageKey, maxBytes: request.maxBytes, signal });
    await deps.uploads.completeSlot(request.tenantId, request.id, slot.blobId, { fileId: result.file.id, versionId: result.version.id });
    await deps.events.publish({ type: UPLOAD_RECEIVED_EVENT, tenantId: request.tenantId, data: { upload_id: request.id, file_id: result.file.id } });
    // All files in: the code has done its work (the page keeps its ticket to follow them).
    const received = (await deps.uploads.files(request.tenantId, request.id)).filter((file) => file.fileId !== null).length;
    if (received >= request.maxFiles) await deps.accessCodes.codes.revokeForSubject(request.tenantId, 'upload', request.id, now);
  } catch (error) {
    // Not there yet, or the database away: the page may try again; anything else ends the slot refused.
    if (!isDomainError(error) || error.code === 'unavailable' || (error.code === 'bad_request' && error.message.startsWith('The file has not'))) {
      await deps.uploads.claimSlot(request.tenantId, request.id, slot.blobId, true).catch(() => false);
      throw error;
    }
    await deps.blobs.delete(storageKey).catch(() => undefined);
    await deps.uploads.completeSlot(request.tenantId, request.id, slot.blobId, { refusal: error.code });
    await deps.events.publish({ type: UPLOAD_REFUSED_EVENT, tenantId: request.tenantId, data: { upload_id: request.id, blob_id: slot.blobId } });
  }
  return viewOf(request, await deps.uploads.files(request.tenantId, request.id), now);
}

async function requestOf(deps: UploadPageDeps, ticket: UploadTicket): Promise<UploadRequest> {
  const request = await deps.uploads.get(ticket.tenantId, ticket.uploadId);
  if (!request) throw new DomainError('not_found');
  return request;
}

/**
 * Who uploads through the page: the holder of the request's code, acting for the session that
 * asked. Intake and the audit trail see that session (the actor names it), with upload scope only.
 */
function uploaderOf(request: UploadRequest): Principal {
  return { kind: 'session', tenantId: request.tenantId, sessionId: request.sessionId, role: 'staff', scopes: ['upload'], caller: {}, locale: request.locale, expiresAt: request.deadline };
}
