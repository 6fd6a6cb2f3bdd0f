import type { VisibilityFilter } from '../domain/access.ts';
import type { AuditEvent } from '../domain/audit.ts';
import type { QuotaWarning } from '../domain/quota.ts';
import type { FileDetail, FileKind, FileRecord, FileVersion, Visibility } from '../domain/file.ts';
import type { JobName } from './job-queue.port.ts';

export interface RecordIntakeInput {
  tenantId: string;
  /** Add a version to this file; absent: create a new file. */
  fileId?: string;
  name: string;
  customerId: string | null;
  visibility: Visibility;
  /** The blob just written; if the tenant already has one with the same sha256, that one is referenced instead. */
  blob: { id: string; sha256: string; size: number; storageKey: string };
  mimeType: string;
  extension: string;
  kind: FileKind;
  /** Who uploads it, as audit events name actors (`key:<id>`, `session:<id>`); kept with the version. */
  uploadedBy?: string;
  /** The version's first job, queued in the same transaction (the catalog must be linked to a job queue). */
  firstJob?: JobName;
  /** The audit event of the upload, written in the same transaction. */
  audit?: (recorded: RecordIntakeResult) => AuditEvent;
  /**
   * Quota warnings: thresholds in percent (e.g. [80, 95]) and the audit event of a warning,
   * written in the same transaction. (The quota itself is enforced whether or not this is given.)
   */
  quotaWarnings?: { percents: readonly number[]; audit: (warning: QuotaWarning) => AuditEvent };
}

export interface RecordIntakeResult {
  file: FileRecord;
  version: FileVersion;
  /** True when an existing blob with the same content was reused; the caller deletes the blob it wrote. */
  deduplicated: boolean;
  /** A quota threshold this upload crossed (warned once per crossing), if any. */
  quotaWarning?: QuotaWarning | null;
}

export interface ListFilesOptions {
  visibility: VisibilityFilter;
  /** Opaque cursor from a previous page. */
  cursor?: string;
  /** Page size, 1..200. */
  limit: number;
  /** List the trash (deleted, still restorable files) instead of the live files. */
  trashed?: boolean;
}

/** Files, versions and blobs of each tenant. Every method is scoped by tenant id. */
export interface FileCatalog {
  /**
   * Atomically record a stored upload: blob (deduplicated by sha256 per tenant), file and version,
   * with its first job and its audit event; all of it commits, or none of it. When the tenant
   * has a quota, the check runs in the same transaction, serialised per tenant, and an upload
   * that would take usage past it is refused with `quota_exceeded` (nothing is recorded).
   */
  recordIntake(input: RecordIntakeInput): Promise<RecordIntakeResult>;
  /**
   * A file with its current version and version count, or null if absent or not visible. A file
   * in the trash counts as absent unless `includeTrashed` (the owner's API shows it, with
   * `trashedAt` and `purgeAfter`; find, describe and shares never do).
   */
  getFile(filter: VisibilityFilter, fileId: string, options?: { includeTrashed?: boolean }): Promise<FileDetail | null>;
  /** Several live files by id in one read (search results), in no particular order; absent, trashed or invisible ones are left out. */
  getFiles(filter: VisibilityFilter, fileIds: readonly string[]): Promise<FileDetail[]>;
  /** A page of live files (or, with `trashed`, of the trash), newest first, with a cursor for the next page. */
  listFiles(tenantId: string, options: ListFilesOptions): Promise<{ files: FileDetail[]; nextCursor: string | null }>;
  /** All versions of a file, oldest first. */
  listVersions(tenantId: string, fileId: string): Promise<FileVersion[]>;
  /** One version by id, or null. */
  getVersion(tenantId: string, versionId: string): Promise<FileVersion | null>;
}
