import { Readable } from 'node:stream';
import { DomainError } from '../domain/errors.ts';
import type { Principal } from '../domain/principal.ts';
import type { ArchiveEntry, ArchiveWriter } from '../ports/archive-writer.port.ts';
import type { AuditLog } from '../ports/audit-log.port.ts';
import type { BlobStore } from '../ports/blob-store.port.ts';
import type { CustomerFile, DataSubjectStore } from '../ports/data-subject-store.port.ts';
import { auditAction, type RequestContext } from './audit.ts';

/** What a data subject's export needs. */
export interface CustomerExportDeps {
  subjects: Pick<DataSubjectStore, 'customerFiles'>;
  blobs: Pick<BlobStore, 'get'>;
  archive: ArchiveWriter;
  audit: AuditLog;
}

/** Only these versions' bytes are exported; the others are listed in the manifest as skipped. */
const SERVABLE = new Set(['ready', 'unscanned']);

/**
 * A zip of the customer's current files (`GET /v1/customers/<id>/export`, GDPR access): first
 * `manifest.json` (names, versions, dates, sha256, and what was left out and why), then each
 * file under `files/<file_id>/<name>`, streamed from storage one after another. Audited as
 * `customer.export` before the first byte.
 */
export async function exportCustomer(deps: CustomerExportDeps, principal: Principal, ctx: RequestContext, customerId: string, now = new Date()): Promise<{ archive: Readable; files: number; bytes: number }> {
  if (principal.kind !== 'api_key') throw new DomainError('forbidden', 'Exports are made with a tenant API key.');
  const all = await deps.subjects.customerFiles(principal.tenantId, customerId);
  const included = all.filter((file) => SERVABLE.has(file.status) && !file.quarantined);
  const skipped = all.filter((file) => !included.includes(file));
  const manifest = Buffer.from(
    `${JSON.stringify(
      {
        customer_id: customerId,
        exported_at: now.toISOString(),
        files: included.map((file) => ({ ...fileEntry(file), path: pathOf(file) })),
        skipped: skipped.map((file) => ({ ...fileEntry(file), reason: file.quarantined || file.status === 'infected' ? 'infected' : `version is ${file.status}` })),
      },
      null,
      2,
    )}\n`,
  );
  const bytes = included.reduce((sum, file) => sum + file.size, 0);
  await auditAction(deps.audit, principal, ctx, 'customer.export', 'ok', customerId, { files: included.length, skipped: skipped.length, bytes });
  const entries: ArchiveEntry[] = [
    { path: 'manifest.json', size: manifest.length, modifiedAt: now, open: async () => Readable.from([manifest]) },
    ...included.map((file) => ({ path: pathOf(file), size: file.size, modifiedAt: file.versionCreatedAt, open: () => deps.blobs.get(file.storageKey) })),
  ];
  return { archive: deps.archive.write(entries), files: included.length, bytes };
}

function pathOf(file: CustomerFile): string {
  return `files/${file.fileId}/${file.name}`;
}

function fileEntry(file: CustomerFile): Record<string, unknown> {
  return {
    file_id: file.fileId,
    name: file.name,
    version: file.version,
    version_count: file.versionCount,
    size: file.size,
    sha256: file.sha256,
    mime_type: file.mimeType,
    created_at: file.createdAt.toISOString(),
    updated_at: file.updatedAt.toISOString(),
    version_created_at: file.versionCreatedAt.toISOString(),
  };
}
