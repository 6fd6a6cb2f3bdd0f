import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isDomainError } from '../../domain/errors.ts';
import type { Principal } from '../../domain/principal.ts';
import type { RecordIntakeResult } from '../../ports/file-catalog.port.ts';
import { auditAction, auditEventOf, type RequestContext } from '../audit.ts';
import { ContentInspector } from './content-inspector.ts';
import { acceptedUpload, type IntakeDeps } from './intake.use-case.ts';

/** Bytes a client wrote straight to storage (a presigned POST, a signed upload link), to be taken in. */
export interface PlacedBlob {
  name: string;
  blobId: string;
  storageKey: string;
  /** The request's own bound; the kind's intake limit applies too. */
  maxBytes: number;
  signal: AbortSignal;
}

/**
 * Intake for bytes already in storage: the same name and type rules, size limit, content
 * sniffing and hashing as a streamed upload (the blob is read back through the same
 * inspector), then the same record of blob, file, version, first job and audit event in
 * one transaction. A refused blob is deleted; so is a duplicate of bytes the tenant has.
 */
export async function ingestPlacedBlob(deps: IntakeDeps, principal: Principal, ctx: RequestContext, placed: PlacedBlob): Promise<RecordIntakeResult> {
  try {
    const { name, extension, accepted } = acceptedUpload(placed.name);
    const inspector = new ContentInspector(accepted, Math.min(placed.maxBytes, deps.limits[accepted.kind]), deps.sniffer);
    const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
    await pipeline(await deps.blobs.get(placed.storageKey), inspector, discard, { signal: placed.signal });
    const result = await deps.catalog.recordIntake({
      tenantId: principal.tenantId,
      name,
      customerId: null,
      visibility: 'internal',
      blob: { id: placed.blobId, sha256: inspector.sha256, size: inspector.size, storageKey: placed.storageKey },
      mimeType: accepted.mime,
      extension,
      kind: accepted.kind,
      firstJob: deps.firstJob,
      audit: (recorded) => auditEventOf(principal, ctx, 'file.upload', 'ok', recorded.file.id, { version: recorded.version.version, size: recorded.version.size, deduplicated: recorded.deduplicated, via: 'upload_request' }),
    });
    if (result.deduplicated) await deps.blobs.delete(placed.storageKey).catch(() => undefined);
    deps.onStored?.(result);
    return result;
  } catch (error) {
    if (!(isDomainError(error) && error.code === 'unavailable')) await deps.blobs.delete(placed.storageKey).catch(() => undefined);
    await auditAction(deps.audit, principal, ctx, 'file.upload', isDomainError(error) ? 'denied' : 'error', null, { code: isDomainError(error) ? error.code : 'internal', via: 'upload_request' }).catch(() => undefined);
    throw error;
  }
}
