import { createHash } from 'node:crypto';
import { DomainError } from '../domain/errors.ts';
import type { Principal } from '../domain/principal.ts';
import type { BlobStore } from '../ports/blob-store.port.ts';
import type { DataSubjectStore, ErasureResult } from '../ports/data-subject-store.port.ts';
import type { PurgeStore } from '../ports/purge-store.port.ts';
import type { SearchIndex } from '../ports/search-index.port.ts';
import { auditEventOf, type RequestContext } from './audit.ts';

/** What erasing a data subject needs. */
export interface CustomerErasureDeps {
  subjects: Pick<DataSubjectStore, 'erase'>;
  search: Pick<SearchIndex, 'remove'>;
  blobs: Pick<BlobStore, 'delete'>;
  /** Forgets queued blob keys once their bytes are gone (else the purge job deletes them later). */
  purge: Pick<PurgeStore, 'forgetBlobKeys'>;
  onWarning?: (error: unknown, message: string) => void;
}

/**
 * The erasure's record names the customer only by a keyed digest: sha256 of tenant id and
 * customer id, so "was customer X erased?" can be answered by recomputing it, while the trail
 * keeps no copy of the id.
 */
export function subjectDigest(tenantId: string, customerId: string): string {
  return createHash('sha256').update(`${tenantId}\u0000${customerId}`).digest('hex');
}

/**
 * Erase everything bound to a customer (`POST /v1/customers/<id>/erase`, GDPR art. 17) except
 * what a legal hold covers, which is reported. The database part commits at once with the
 * `customer.erase` audit event (counts and held file ids, no personal data); then the index
 * entries (for an index outside the database) and the unreferenced bytes are removed. A failure
 * there is retried by the purge job (the keys stay queued), never undoes the erasure.
 */
export async function eraseCustomer(deps: CustomerErasureDeps, principal: Principal, ctx: RequestContext, customerId: string): Promise<ErasureResult & { subject: string }> {
  if (principal.kind !== 'api_key') throw new DomainError('forbidden', 'Erasure is done with a tenant API key.');
  const subject = subjectDigest(principal.tenantId, customerId);
  const result = await deps.subjects.erase(principal.tenantId, customerId, (erased) =>
    auditEventOf(principal, ctx, 'customer.erase', 'ok', `subject:${subject}`, {
      erased_files: erased.erasedFiles.length,
      held_files: erased.heldFiles.map((h) => ({ file_id: h.fileId, hold_id: h.holdId })),
      removed_upload_requests: erased.removedUploadRequests,
      removed_shares: erased.removedShares,
      redacted_audit_events: erased.redactedAuditEvents,
    }),
  );
  for (const fileId of result.erasedFiles) {
    await deps.search.remove(principal.tenantId, fileId).catch((error: unknown) => deps.onWarning?.(error, 'erasure: removing an index entry failed'));
  }
  const gone: string[] = [];
  for (const key of result.orphanedBlobKeys) {
    await deps.blobs.delete(key).then(
      () => gone.push(key),
      (error: unknown) => deps.onWarning?.(error, 'erasure: deleting a blob failed; the purge job retries'),
    );
  }
  if (gone.length > 0) await deps.purge.forgetBlobKeys(principal.tenantId, gone).catch((error: unknown) => deps.onWarning?.(error, 'erasure: forgetting deleted blob keys failed'));
  return { ...result, subject };
}
