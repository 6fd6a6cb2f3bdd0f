/**
 * Opening a shared file with its spoken code, in the browser (GET and POST
 * /c/<tenant>/<code>). A GET shows what the code opens and uses nothing (link
 * previews fetch pages); a POST redeems: it counts the attempt and the use, writes
 * the audit event in the same transaction, and mints a fresh presigned URL valid for
 * minutes, with the original name as an attachment. Only a `ready` version that is
 * not quarantined is ever offered or served.
 */
import type { AccessCodeRecord, AccessCodeState } from '../domain/access-code.ts';
import { usesLeft } from '../domain/access-code.ts';
import type { FileKind } from '../domain/file.ts';
import type { Tenant } from '../domain/tenant.ts';
import type { AccessCounters } from '../ports/access-counters.port.ts';
import type { BlobStore } from '../ports/blob-store.port.ts';
import type { ProcessingStore, VersionWork } from '../ports/processing-store.port.ts';
import type { ShareStore } from '../ports/share-store.port.ts';
import type { TenantStore } from '../ports/tenant-store.port.ts';
import { lookUpAccessCode, redeemAccessCode, type AccessCodeDeps } from './access-codes.use-case.ts';

export interface RedeemDeps {
  access: AccessCodeDeps;
  tenants: Pick<TenantStore, 'getTenantBySlug'>;
  shares: Pick<ShareStore, 'getShare'>;
  processing: Pick<ProcessingStore, 'loadVersion'>;
  blobs: Pick<BlobStore, 'presignDownload'>;
  /** Lifetime of each minted download URL. */
  downloadLinkSeconds: number;
  /** Downloads per file and per share (issue 10); a redemption counts as one. */
  counters?: Pick<AccessCounters, 'recordDownload'>;
}

/** What a shared file shows before it is downloaded. */
export interface SharedFileView {
  name: string;
  mimeType: string;
  kind: FileKind;
  size: number;
  expiresAt: Date;
  usesLeft: number;
}

export type RedeemPage =
  | { page: 'file'; tenant: Tenant; file: SharedFileView; corrected: boolean }
  | { page: 'download'; tenant: Tenant; url: string; file: SharedFileView }
  | { page: 'unusable'; tenant: Tenant; state: Exclude<AccessCodeState, 'live'> }
  | { page: 'unavailable'; tenant: Tenant }
  | { page: 'not_found'; tenant: Tenant | null }
  | { page: 'throttled'; tenant: Tenant; retryAfterSeconds: number };

export interface RedeemRequest {
  tenantSlug: string;
  text: string;
  address: string;
  requestId: string;
}

/** GET: what the code opens, using nothing. */
export async function viewSharedFile(deps: RedeemDeps, request: RedeemRequest): Promise<RedeemPage> {
  const tenant = await deps.tenants.getTenantBySlug(request.tenantSlug);
  if (!tenant) return { page: 'not_found', tenant: null };
  const found = await lookUpAccessCode(deps.access, { tenantId: tenant.id, kind: 'download', text: request.text, locale: tenant.locale, address: request.address });
  if (found.result === 'throttled') return { page: 'throttled', tenant, retryAfterSeconds: found.retryAfterSeconds };
  if (found.result === 'not_found') return { page: 'not_found', tenant };
  if (found.result === 'unusable') return { page: 'unusable', tenant, state: found.state };
  const work = await servableVersion(deps, found.record);
  if (!work) return { page: 'unavailable', tenant };
  return { page: 'file', tenant, file: viewOf(work, found.record), corrected: found.corrected };
}

/** POST: redeem, audit, and a fresh presigned URL. */
export async function redeemSharedFile(deps: RedeemDeps, request: RedeemRequest): Promise<RedeemPage> {
  const tenant = await deps.tenants.getTenantBySlug(request.tenantSlug);
  if (!tenant) return { page: 'not_found', tenant: null };
  let work: VersionWork | null = null;
  const outcome = await redeemAccessCode(deps.access, {
    tenantId: tenant.id, kind: 'download', text: request.text, locale: tenant.locale, address: request.address,
    admit: async (record) => (work = await servableVersion(deps, record)) !== null,
    audit: (result, corrected) => ({
      tenantId: tenant.id, actor: `code:${result.code.id}`, role: 'public', requestId: request.requestId,
      action: 'code.redeem', target: result.code.subjectId, outcome: result.redeemed ? 'ok' : 'denied',
      detail: { kind: 'download', uses: result.code.uses, use_limit: result.code.useLimit, corrected, ...(result.redeemed ? {} : { state: result.state }), address: request.address },
    }),
  });
  if (outcome.result === 'throttled') return { page: 'throttled', tenant, retryAfterSeconds: outcome.retryAfterSeconds };
  if (outcome.result === 'not_found') return { page: 'not_found', tenant };
  if (outcome.result === 'unusable') return { page: 'unusable', tenant, state: outcome.state };
  if (outcome.result === 'refused' || !work) return { page: 'unavailable', tenant };
  const served = work as VersionWork;
  const url = await deps.blobs.presignDownload(served.storageKey, {
    expiresInSeconds: deps.downloadLinkSeconds, fileName: served.file.name, contentType: served.version.mimeType,
  });
  await deps.counters?.recordDownload(tenant.id, served.file.id, { shareId: outcome.record.subjectId, at: deps.access.clock.now() });
  return { page: 'download', tenant, url, file: viewOf(served, outcome.record) };
}

/** The shared version, when it may be served: ready, not quarantined, its file not in the trash. */
async function servableVersion(deps: RedeemDeps, code: AccessCodeRecord): Promise<VersionWork | null> {
  const share = await deps.shares.getShare(code.tenantId, code.subjectId);
  if (!share) return null;
  const work = await deps.processing.loadVersion(code.tenantId, share.versionId);
  if (!work || work.version.status !== 'ready' || work.quarantined || work.file.trashedAt) return null;
  return work;
}

function viewOf(work: VersionWork, code: AccessCodeRecord): SharedFileView {
  return { name: work.file.name, mimeType: work.version.mimeType, kind: work.version.kind, size: work.version.size, expiresAt: code.expiresAt, usesLeft: usesLeft(code) };
}
