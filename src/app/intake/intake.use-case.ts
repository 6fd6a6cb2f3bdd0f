import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { hasScope } from '../../domain/access.ts';
import { DomainError, isDomainError } from '../../domain/errors.ts';
import { sanitizeFileName } from '../../domain/file-name.ts';
import { ACCEPTED_TYPES, BLOCKED_EXTENSIONS, extensionOf, type AcceptedType } from '../../domain/file-types.ts';
import type { FileKind, Visibility } from '../../domain/file.ts';
import { actorOf, type Principal } from '../../domain/principal.ts';
import { exceededSentence, hasQuota, quotaRefusal, type QuotaWarning, type TenantUsage } from '../../domain/quota.ts';
import type { QuotaStore } from '../../ports/quota-store.port.ts';
import { blobKeyFor, type BlobStore } from '../../ports/blob-store.port.ts';
import type { AuditLog } from '../../ports/audit-log.port.ts';
import type { ContentSniffer } from '../../ports/content-sniffer.port.ts';
import type { FileCatalog, RecordIntakeResult } from '../../ports/file-catalog.port.ts';
import type { JobName } from '../../ports/job-queue.port.ts';
import { auditAction, auditEventOf, type RequestContext } from '../audit.ts';
import { ContentInspector } from './content-inspector.ts';

export interface IntakeDeps {
  blobs: BlobStore;
  catalog: FileCatalog;
  audit: AuditLog;
  /** Magic-byte sniffing for the type check. */
  sniffer: ContentSniffer;
  limits: Record<FileKind, number>;
  /** The pipeline's first job, queued in the transaction that records the version (so no version waits without one). */
  firstJob: JobName;
  /** Called once a version is durably recorded, with its job queued (metrics). Must not throw. */
  onStored?: (result: RecordIntakeResult) => void;
  /** Quotas: checked before streaming and while streaming here, and at commit by the catalog. */
  quotas?: QuotaDeps;
}

export interface QuotaDeps {
  store: QuotaStore;
  /** Warning thresholds in percent of the quota (QUOTA_WARN_PERCENTS). */
  warnPercents: readonly number[];
  /** Called after the commit of an upload that crossed a threshold (metric, log, webhook). Must not throw. */
  onWarning?: (tenantId: string, warning: QuotaWarning) => void;
  /** Called when an upload is refused for the quota (metric). Must not throw. */
  onRefused?: (tenantId: string) => void;
}

/** One upload; its fields come through the input gate (types, bounds, no control characters). */
export interface IntakeRequest {
  name: string | null;
  customerId?: string | null;
  visibility?: Visibility | null;
  fileId?: string | null;
  /** Declared Content-Length, if any: lets an oversized upload be refused before reading it. */
  declaredLength?: number | null;
  body: Readable;
  signal: AbortSignal;
}

/**
 * Store one upload: validate, stream through the inspector to the blob store,
 * then record blob, file, version, its first job and the audit event in one
 * transaction. On any failure the written blob is deleted, so nothing
 * half-written ever becomes visible (a crash leaves at most an unreferenced
 * blob, which the sweep removes).
 */
export async function ingestUpload(deps: IntakeDeps, principal: Principal, ctx: RequestContext, request: IntakeRequest): Promise<RecordIntakeResult> {
  try {
    const result = await ingest(deps, principal, ctx, request);
    deps.onStored?.(result);
    if (result.quotaWarning && deps.quotas?.onWarning) deps.quotas.onWarning(principal.tenantId, result.quotaWarning);
    return result;
  } catch (error) {
    const code = isDomainError(error) ? error.code : 'internal';
    if (code === 'quota_exceeded') deps.quotas?.onRefused?.(principal.tenantId);
    await auditAction(deps.audit, principal, ctx, 'file.upload', isDomainError(error) ? 'denied' : 'error', request.fileId ?? null, { code }).catch(() => undefined);
    throw error;
  }
}

async function ingest(deps: IntakeDeps, principal: Principal, ctx: RequestContext, request: IntakeRequest): Promise<RecordIntakeResult> {
  if (!hasScope(principal, 'upload')) throw new DomainError('forbidden', 'This credential may not upload files.');
  const { name, extension, accepted } = acceptedUpload(request.name);
  const visibility = request.visibility ?? 'internal';
  const customerId = request.customerId ?? null;
  const maxBytes = deps.limits[accepted.kind];
  if (request.declaredLength != null && request.declaredLength > maxBytes) {
    throw new DomainError('payload_too_large', undefined, { details: { max_bytes: maxBytes } });
  }
  if (request.declaredLength === 0) throw new DomainError('empty_upload');
  const budget = await quotaBudget(deps, principal.tenantId, request);

  const blobId = randomUUID();
  const storageKey = blobKeyFor(principal.tenantId, blobId);
  const inspector = new ContentInspector(accepted, maxBytes, deps.sniffer, budget);
  request.body.on('error', (error) => inspector.destroy(error));
  // The store may attach to the stream only after opening its target; the failure reaches us through put().
  inspector.on('error', () => undefined);
  request.body.pipe(inspector);
  try {
    await deps.blobs.put(storageKey, inspector, { contentType: accepted.mime, signal: request.signal });
  } catch (error) {
    throw streamFailure(error, request);
  }

  try {
    const result = await deps.catalog.recordIntake({
      tenantId: principal.tenantId,
      ...(request.fileId ? { fileId: request.fileId } : {}),
      name,
      customerId,
      visibility,
      blob: { id: blobId, sha256: inspector.sha256, size: inspector.size, storageKey },
      mimeType: accepted.mime,
      extension,
      kind: accepted.kind,
      uploadedBy: actorOf(principal),
      firstJob: deps.firstJob,
      ...(deps.quotas
        ? { quotaWarnings: { percents: deps.quotas.warnPercents, audit: (warning: QuotaWarning) => auditEventOf(principal, ctx, 'quota.warning', 'ok', principal.tenantId, { ...warning, at: warning.at.toISOString() }) } }
        : {}),
      audit: (recorded) =>
        auditEventOf(principal, ctx, 'file.upload', 'ok', recorded.file.id, {
          version: recorded.version.version,
          size: recorded.version.size,
          deduplicated: recorded.deduplicated,
        }),
    });
    // Committed: a failure to delete the duplicate bytes must not fail the upload (the sweep removes them).
    if (result.deduplicated) await deps.blobs.delete(storageKey).catch(() => undefined);
    return result;
  } catch (error) {
    // With the database unreachable the commit may have happened unseen: the blob stays (a
    // recorded version may point at it) and the sweep removes it later if nothing does.
    if (!(isDomainError(error) && error.code === 'unavailable')) await deps.blobs.delete(storageKey).catch(() => undefined);
    throw error;
  }
}

/**
 * Refuse before reading the body when the quota is used up or the declared size would pass it;
 * otherwise the bytes the quota leaves, as the stream's bound (null: no byte quota). Concurrent
 * uploads can each pass this; the catalog's check at commit, serialised per tenant, settles them.
 */
async function quotaBudget(deps: IntakeDeps, tenantId: string, request: IntakeRequest): Promise<{ bytes: number; refuse: () => DomainError } | null> {
  if (!deps.quotas) return null;
  const usage = await deps.quotas.store.usage(tenantId);
  if (!hasQuota(usage.quota)) return null;
  const refusal = quotaRefusal(usage, usage.quota, { declaredBytes: request.declaredLength ?? null, newFile: !request.fileId });
  if (refusal) throw new DomainError('quota_exceeded', refusal, { details: quotaDetails(usage) });
  const quotaBytes = usage.quota.bytes;
  if (quotaBytes === null) return null;
  return { bytes: quotaBytes - usage.bytes, refuse: () => new DomainError('quota_exceeded', exceededSentence(usage.bytes, quotaBytes, null), { details: quotaDetails(usage) }) };
}

function quotaDetails(usage: TenantUsage): Record<string, number | null> {
  return { bytes: usage.bytes, files: usage.files, quota_bytes: usage.quota.bytes, quota_files: usage.quota.files };
}

/** The sanitised name of an upload and the accepted type its extension names; `type_not_allowed` otherwise. */
export function acceptedUpload(rawName: string | null): { name: string; extension: string; accepted: AcceptedType } {
  const name = sanitizeFileName(rawName);
  const extension = extensionOf(name);
  if (BLOCKED_EXTENSIONS.has(extension)) throw new DomainError('type_not_allowed', 'Programs and scripts are not accepted.');
  const accepted = ACCEPTED_TYPES[extension];
  if (!accepted) throw new DomainError('type_not_allowed', extension ? `Files of type .${extension} are not accepted.` : 'The file name needs an extension such as .pdf.');
  return { name, extension, accepted };
}

/** Name why the stream to storage stopped: our own refusal, the client going away, or a fault. */
function streamFailure(error: unknown, request: IntakeRequest): unknown {
  if (isDomainError(error)) return error;
  if (request.signal.aborted) {
    const reason: unknown = request.signal.reason;
    return isDomainError(reason) ? reason : new DomainError('upload_aborted', undefined, { cause: error });
  }
  if (request.body.readableAborted || (error as NodeJS.ErrnoException)?.code === 'ECONNRESET') {
    return new DomainError('upload_aborted', undefined, { cause: error });
  }
  return error;
}
