import type { VisibilityFilter } from '../../src/domain/access.ts';
import { DomainError } from '../../src/domain/errors.ts';
import type { FileDetail, FileVersion } from '../../src/domain/file.ts';
import { crossedThreshold, exceededSentence, hasQuota, type QuotaWarning } from '../../src/domain/quota.ts';
import type { Database, Row, Transaction } from '../../src/ports/database.port.ts';
import type { FileCatalog, ListFilesOptions, RecordIntakeInput, RecordIntakeResult } from '../../src/ports/file-catalog.port.ts';
import type { JobQueue } from '../../src/ports/job-queue.port.ts';
import { INSERT_EVENT } from './audit-log.queries.ts';
import { toFile, toVersion } from './catalog-rows.ts';
import { auditEventParams } from './postgres.audit-log.ts';
import * as sql from './file-catalog.queries.ts';
import * as quotaSql from './quota.queries.ts';
import { readQuota, readUsage } from './postgres.quota-store.ts';
import { inTenant, isUuid } from './tenant-scope.ts';

/** FileCatalog on Postgres (server or PGlite): files, their versions, and per-tenant deduplicated blobs. */
export class PostgresFileCatalog implements FileCatalog {
  constructor(
    private readonly db: Database,
    /** The job queue in this same database, for `firstJob`; not needed by a catalog that never queues. */
    private readonly links: { jobs?: Required<Pick<JobQueue, 'sendInTransaction'>> } = {},
  ) {}

  /**
   * One transaction: the blob (reused with one more reference when the tenant already has
   * its sha256), then a new file or, with `fileId`, the next version of that file (its name
   * follows the upload; visibility and customer stay as they were), then the version, `stored`,
   * then its first job and the audit event.
   */
  async recordIntake(input: RecordIntakeInput): Promise<RecordIntakeResult> {
    if (input.fileId !== undefined && !isUuid(input.fileId)) throw new DomainError('file_not_found');
    const jobs = this.links.jobs;
    if (input.firstJob && !jobs) throw new Error('PostgresFileCatalog needs a job queue (links.jobs) to queue a first job');
    return inTenant(this.db, input.tenantId, async (tx) => {
      const quota = await readQuota(tx, input.tenantId);
      // Taken before anything is written: the next upload of this tenant waits here until this one commits.
      const warnedPercent = hasQuota(quota) ? Number((await tx.query(quotaSql.LOCK_QUOTA_STATE, [input.tenantId])).rows[0]?.warned_percent ?? 0) : null;
      const fileRows = input.fileId
        ? await tx.query(sql.BUMP_FILE_VERSION, [input.tenantId, input.fileId, input.name])
        : await tx.query(sql.INSERT_FILE, [input.tenantId, input.name, input.customerId, input.visibility]);
      if (!fileRows.rows[0]) throw new DomainError('file_not_found');
      const file = toFile(fileRows.rows[0]);
      const { blob } = input;
      const blobRows = await tx.query(sql.UPSERT_BLOB, [input.tenantId, blob.id, blob.sha256, blob.size, blob.storageKey]);
      const blobId = String(blobRows.rows[0]?.id);
      const versionRows = await tx.query(sql.INSERT_VERSION, [
        input.tenantId, file.id, file.currentVersion, blobId, blob.sha256, blob.size, input.mimeType, input.extension, input.kind, input.uploadedBy ?? null,
      ]);
      const recorded: RecordIntakeResult = { file, version: toVersion(versionRows.rows[0]), deduplicated: blobId !== blob.id };
      if (warnedPercent !== null) recorded.quotaWarning = await checkQuota(tx, input, quota, warnedPercent, recorded);
      if (input.firstJob && jobs) await jobs.sendInTransaction(tx, input.firstJob, { tenantId: input.tenantId, versionId: recorded.version.id });
      if (input.audit) await tx.query(INSERT_EVENT, auditEventParams(input.audit(recorded)));
      return recorded;
    });
  }

  async getFile(filter: VisibilityFilter, fileId: string, options: { includeTrashed?: boolean } = {}): Promise<FileDetail | null> {
    if (!isUuid(filter.tenantId) || !isUuid(fileId)) return null;
    const { rows } = await inTenant(this.db, filter.tenantId, (tx) =>
      tx.query(sql.SELECT_FILE_DETAIL, [filter.tenantId, fileId, ...visibilityParams(filter), options.includeTrashed === true]),
    );
    return rows[0] ? toDetail(rows[0]) : null;
  }

  async getFiles(filter: VisibilityFilter, fileIds: readonly string[]): Promise<FileDetail[]> {
    const ids = [...new Set(fileIds.filter(isUuid))];
    if (!isUuid(filter.tenantId) || ids.length === 0) return [];
    const { rows } = await inTenant(this.db, filter.tenantId, (tx) =>
      tx.query(sql.SELECT_FILE_DETAILS, [filter.tenantId, ids, ...visibilityParams(filter)]),
    );
    return rows.map(toDetail);
  }

  async listFiles(tenantId: string, options: ListFilesOptions): Promise<{ files: FileDetail[]; nextCursor: string | null }> {
    const limit = Math.trunc(options.limit);
    if (!(limit >= 1 && limit <= 200)) throw new DomainError('validation_failed', 'limit must be a whole number from 1 to 200.');
    const after = options.cursor ? decodeCursor(options.cursor) : null;
    if (!isUuid(tenantId)) return { files: [], nextCursor: null };
    const { rows } = await inTenant(this.db, tenantId, (tx) =>
      tx.query(sql.SELECT_FILE_PAGE, [
        tenantId, after?.updatedUs ?? null, after?.id ?? null, ...visibilityParams({ ...options.visibility, tenantId }), options.trashed === true, limit + 1,
      ]),
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > limit && last ? encodeCursor(String(last.updated_us), String(last.id)) : null;
    return { files: page.map(toDetail), nextCursor };
  }

  async listVersions(tenantId: string, fileId: string): Promise<FileVersion[]> {
    if (!isUuid(tenantId) || !isUuid(fileId)) return [];
    const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(sql.SELECT_VERSIONS, [tenantId, fileId]));
    return rows.map((row) => toVersion(row));
  }

  async getVersion(tenantId: string, versionId: string): Promise<FileVersion | null> {
    if (!isUuid(tenantId) || !isUuid(versionId)) return null;
    const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(sql.SELECT_VERSION, [tenantId, versionId]));
    return rows[0] ? toVersion(rows[0]) : null;
  }
}

/**
 * Usage with this upload counted (inside the locked transaction): past the quota it is refused
 * (the transaction rolls back); a newly crossed warning threshold is recorded and audited.
 */
async function checkQuota(
  tx: Transaction,
  input: RecordIntakeInput,
  quota: { bytes: number | null; files: number | null },
  warnedPercent: number,
  recorded: RecordIntakeResult,
): Promise<QuotaWarning | null> {
  const usage = await readUsage(tx, input.tenantId);
  if (quota.files !== null && !input.fileId && usage.files > quota.files) {
    throw new DomainError('quota_exceeded', `The file quota is used up: ${usage.files - 1} of ${quota.files} files are stored. Delete files or ask for a larger quota.`, {
      details: { quota_files: quota.files, files: usage.files - 1 },
    });
  }
  if (quota.bytes !== null && usage.bytes > quota.bytes) {
    const added = recorded.deduplicated ? 0 : input.blob.size;
    throw new DomainError('quota_exceeded', exceededSentence(usage.bytes - added, quota.bytes, input.blob.size), {
      details: { quota_bytes: quota.bytes, bytes: usage.bytes - added },
    });
  }
  const crossed = crossedThreshold(usage, quota, input.quotaWarnings?.percents ?? []);
  if (crossed.percent < warnedPercent) await tx.query(quotaSql.LOWER_WARNED_LEVEL, [input.tenantId, crossed.percent]);
  if (crossed.percent <= warnedPercent || !input.quotaWarnings) return null;
  const warning: QuotaWarning = { percent: crossed.percent, measure: crossed.measure, at: new Date(), bytes: usage.bytes, files: usage.files };
  await tx.query(quotaSql.RECORD_WARNING, [input.tenantId, warning.percent, warning.measure, warning.at, warning.bytes, warning.files]);
  await tx.query(INSERT_EVENT, auditEventParams(input.quotaWarnings.audit(warning)));
  return warning;
}

function visibilityParams(filter: VisibilityFilter): [boolean, string | null] {
  return filter.customerScope === null ? [true, null] : [false, filter.customerScope.customerId];
}

/** Cursor: base64url of [updated_at in microseconds since epoch, id]; microseconds because a JS Date keeps only milliseconds. */
function encodeCursor(updatedUs: string, id: string): string {
  return Buffer.from(JSON.stringify([updatedUs, id])).toString('base64url');
}

function decodeCursor(cursor: string): { updatedUs: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2) {
      const [updatedUs, id] = value as unknown[];
      // In bigint range: a larger number would reach Postgres and fail there (a 500, not the client's 400).
      const inRange = typeof updatedUs === 'string' && /^-?\d{1,19}$/.test(updatedUs) && BigInt(updatedUs) >= -(2n ** 63n) && BigInt(updatedUs) < 2n ** 63n;
      if (inRange && typeof id === 'string' && isUuid(id)) return { updatedUs, id };
    }
  } catch {
    // fall through: any undecodable cursor is the client's mistake
  }
  throw new DomainError('validation_failed', 'cursor is not valid.');
}

function toDetail(row: Row): FileDetail {
  const detail: FileDetail = { file: toFile(row), current: toVersion(row, 'v_'), versionCount: Number(row.version_count) };
  if (Array.isArray(row.share_access)) {
    detail.shareAccess = (row.share_access as Array<Record<string, unknown>>).map((s) => ({
      shareId: String(s.share_id),
      downloads: Number(s.downloads),
      lastAccessAt: new Date(String(s.last_access_at)),
    }));
  }
  return detail;
}
