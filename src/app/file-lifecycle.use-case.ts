import { visibilityFilterFor } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import type { FileDetail, FileVersion } from '../domain/file.ts';
import { actorOf, type Principal } from '../domain/principal.ts';
import type { FileCatalog } from '../ports/file-catalog.port.ts';
import type { FileLifecycle, RestoredVersion } from '../ports/file-lifecycle.port.ts';
import type { JobName } from '../ports/job-queue.port.ts';
import type { ProcessingStore } from '../ports/processing-store.port.ts';
import type { SearchIndex } from '../ports/search-index.port.ts';
import { auditEventOf, type RequestContext } from './audit.ts';
import { indexFileVersion } from './index-file.ts';

/** What managing versions and the trash needs. */
export interface FileLifecycleDeps {
  catalog: FileCatalog;
  lifecycle: FileLifecycle;
  search: SearchIndex;
  /** Where a version's extracted text is read, to reindex a restored version. */
  texts: Pick<ProcessingStore, 'extractedText'>;
  /** The pipeline's first job, for a restored version that must be processed again. */
  firstJob: JobName;
}

/** States whose version is searchable. */
const SEARCHABLE = new Set(['ready', 'unscanned']);

/** The file this principal may manage, in the trash or not; invisible and absent look the same. */
async function visibleFile(deps: FileLifecycleDeps, principal: Principal, fileId: string): Promise<FileDetail> {
  const detail = await deps.catalog.getFile(visibilityFilterFor(principal), fileId.toLowerCase(), { includeTrashed: true });
  if (!detail) throw new DomainError('file_not_found');
  return detail;
}

/** Every version of a file, oldest first (the file may be in the trash). */
export async function listVersions(deps: FileLifecycleDeps, principal: Principal, fileId: string): Promise<{ detail: FileDetail; versions: FileVersion[] }> {
  const detail = await visibleFile(deps, principal, fileId);
  return { detail, versions: await deps.catalog.listVersions(principal.tenantId, detail.file.id) };
}

/** Version `n` of a file. */
export async function getVersion(deps: FileLifecycleDeps, principal: Principal, fileId: string, n: number): Promise<{ detail: FileDetail; version: FileVersion }> {
  const { detail, versions } = await listVersions(deps, principal, fileId);
  const version = versions.find((v) => v.version === n);
  if (!version) throw new DomainError('version_not_found', `File ${detail.file.id} has no version ${n}; it has ${detail.versionCount}.`);
  return { detail, version };
}

/**
 * Make version `n` current again by adding it as the newest version. A ready version stays
 * ready and replaces the file's search entry at once; any other goes through the pipeline.
 */
export async function restoreVersion(deps: FileLifecycleDeps, principal: Principal, ctx: RequestContext, fileId: string, n: number): Promise<RestoredVersion> {
  const detail = await visibleFile(deps, principal, fileId);
  if (detail.file.trashedAt) throw new DomainError('conflict', 'That file is in the trash; restore the file first (POST /v1/files/<id>/restore).');
  const restored = await deps.lifecycle.restoreVersion({
    tenantId: principal.tenantId,
    fileId: detail.file.id,
    version: n,
    actor: actorOf(principal),
    firstJob: deps.firstJob,
    audit: ({ version }) => auditEventOf(principal, ctx, 'file.version_restore', 'ok', detail.file.id, { version: version.version, restored_from: n, kept_state: SEARCHABLE.has(version.status) }),
  });
  if (restored.keptState) {
    const text = await deps.texts.extractedText(principal.tenantId, restored.version.id);
    await indexFileVersion(deps.search, restored.file, restored.version, text);
  }
  return restored;
}

/**
 * Delete a file: it moves to the trash and is gone at once from find, listings and shares
 * (everything but the owner's own API checks `trashed_at`). Refused with `on_hold` while a
 * legal hold covers it and `retention_period` while a retention minimum keeps it.
 */
export async function trashFile(deps: FileLifecycleDeps, principal: Principal, ctx: RequestContext, fileId: string): Promise<FileDetail> {
  const detail = await visibleFile(deps, principal, fileId);
  const outcome = await deps.lifecycle.trash({
    tenantId: principal.tenantId,
    fileId: detail.file.id,
    actor: actorOf(principal),
    audit: (file) => auditEventOf(principal, ctx, 'file.trash', 'ok', file.id, { purge_after: file.purgeAfter?.toISOString() ?? null }),
  });
  switch (outcome.status) {
    case 'not_found':
      throw detail.file.trashedAt ? new DomainError('conflict', 'That file is already in the trash.') : new DomainError('file_not_found');
    case 'on_hold':
      throw new DomainError('on_hold', `A legal hold covers this file, so it cannot be deleted: ${outcome.hold.reason}`, { details: { hold_id: outcome.hold.id } });
    case 'retained':
      throw new DomainError('retention_period', `A retention rule keeps this file until ${outcome.until.toISOString()}; it cannot be deleted before then.`, {
        details: { retained_until: outcome.until.toISOString(), rule_id: outcome.ruleId },
      });
    case 'trashed':
      // After the commit: the catalog already hides the file from find; this drops its entry too.
      await deps.search.remove(principal.tenantId, detail.file.id);
      return { ...detail, file: outcome.file };
  }
}

/** Take a file out of the trash; its current version is searchable again when it was. */
export async function restoreFile(deps: FileLifecycleDeps, principal: Principal, ctx: RequestContext, fileId: string): Promise<FileDetail> {
  const detail = await visibleFile(deps, principal, fileId);
  const file = await deps.lifecycle.restore({
    tenantId: principal.tenantId,
    fileId: detail.file.id,
    audit: (restored) => auditEventOf(principal, ctx, 'file.restore', 'ok', restored.id, {}),
  });
  if (!file) throw new DomainError('not_in_trash');
  if (SEARCHABLE.has(detail.current.status)) {
    const text = await deps.texts.extractedText(principal.tenantId, detail.current.id);
    await indexFileVersion(deps.search, file, detail.current, text);
  }
  return { ...detail, file };
}
