import { DomainError } from '../../src/domain/errors.ts';
import type { FileRecord, VersionStatus } from '../../src/domain/file.ts';
import type { Database } from '../../src/ports/database.port.ts';
import type { FileLifecycle, RestoredVersion, RestoreVersionInput, TrashInput, TrashOutcome } from '../../src/ports/file-lifecycle.port.ts';
import type { JobQueue } from '../../src/ports/job-queue.port.ts';
import type { AuditEvent } from '../../src/domain/audit.ts';
import { INSERT_EVENT } from './audit-log.queries.ts';
import { toFile, toVersion } from './catalog-rows.ts';
import { auditEventParams } from './postgres.audit-log.ts';
import * as sql from './file-lifecycle.queries.ts';
import { retentionMinimum } from './retention-check.ts';
import { inTenant, isUuid } from './tenant-scope.ts';

/** States a restored version keeps: its content was checked and its text is known. */
const KEPT_STATES: ReadonlySet<VersionStatus> = new Set(['ready', 'unscanned']);

/** FileLifecycle on Postgres (server or PGlite). */
export class PostgresFileLifecycle implements FileLifecycle {
  constructor(
    private readonly db: Database,
    /** The job queue in this same database: a restored version that must be processed again is queued on the restore's transaction. */
    private readonly links: { jobs: Required<Pick<JobQueue, 'sendInTransaction'>> },
  ) {}

  /** One transaction: lock the live file, ask the holds and the retention rules, then trash it with its audit event. */
  async trash(input: TrashInput): Promise<TrashOutcome> {
    const { tenantId, fileId } = input;
    if (!isUuid(tenantId) || !isUuid(fileId)) return { status: 'not_found' };
    return inTenant(this.db, tenantId, async (tx) => {
      const live = await tx.query(sql.LOCK_LIVE_FILE, [tenantId, fileId]);
      if (!live.rows[0]) return { status: 'not_found' };
      const hold = (await tx.query(sql.COVERING_HOLD, [tenantId, fileId])).rows[0];
      if (hold) return { status: 'on_hold', hold: { id: String(hold.id), reason: String(hold.reason) } };
      const kept = await retentionMinimum(tx, tenantId, fileId);
      if (kept) return { status: 'retained', until: kept.until, ruleId: kept.ruleId };
      const { rows } = await tx.query(sql.TRASH_FILE, [tenantId, fileId, input.actor]);
      if (!rows[0]) return { status: 'not_found' };
      const file = toFile(rows[0]);
      await tx.query(INSERT_EVENT, auditEventParams(input.audit(file)));
      return { status: 'trashed', file };
    });
  }

  async restore(input: { tenantId: string; fileId: string; audit: (file: FileRecord) => AuditEvent }): Promise<FileRecord | null> {
    if (!isUuid(input.tenantId) || !isUuid(input.fileId)) return null;
    return inTenant(this.db, input.tenantId, async (tx) => {
      const { rows } = await tx.query(sql.RESTORE_FILE, [input.tenantId, input.fileId]);
      if (!rows[0]) return null;
      const file = toFile(rows[0]);
      await tx.query(INSERT_EVENT, auditEventParams(input.audit(file)));
      return file;
    });
  }

  async restoreVersion(input: RestoreVersionInput): Promise<RestoredVersion> {
    const { tenantId, fileId } = input;
    if (!isUuid(tenantId) || !isUuid(fileId)) throw new DomainError('file_not_found');
    return inTenant(this.db, tenantId, async (tx) => {
      const bumped = await tx.query(sql.BUMP_LIVE_FILE, [tenantId, fileId]);
      if (!bumped.rows[0]) throw new DomainError('file_not_found');
      const file = toFile(bumped.rows[0]);
      const source = (await tx.query(sql.SELECT_SOURCE_VERSION, [tenantId, fileId, input.version])).rows[0];
      if (!source) throw new DomainError('version_not_found');
      if (source.status === 'infected' || source.quarantined === true) {
        throw new DomainError('conflict', `Version ${input.version} was found infected; it is never served or restored.`);
      }
      const keptState = KEPT_STATES.has(source.status as VersionStatus);
      await tx.query(sql.ADD_BLOB_REFERENCE, [tenantId, source.blob_id]);
      const inserted = await tx.query(sql.INSERT_RESTORED_VERSION, [tenantId, fileId, file.currentVersion, source.id, keptState, input.actor]);
      const version = toVersion(inserted.rows[0]);
      if (!keptState) await this.links.jobs.sendInTransaction(tx, input.firstJob, { tenantId, versionId: version.id });
      await tx.query(INSERT_EVENT, auditEventParams(input.audit({ file, version })));
      return { file, version, keptState };
    });
  }
}
