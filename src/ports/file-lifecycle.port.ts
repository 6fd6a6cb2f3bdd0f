import type { AuditEvent } from '../domain/audit.ts';
import type { FileRecord, FileVersion } from '../domain/file.ts';
import type { JobName } from './job-queue.port.ts';

/** A legal hold that keeps a file from being deleted, as a refusal names it. */
export interface BlockingHold {
  id: string;
  reason: string;
}

export interface TrashInput {
  tenantId: string;
  fileId: string;
  /** Who deletes it, as audit events name actors; kept as `trashed_by`. */
  actor: string;
  /** Written in the same transaction when the file moves to the trash. */
  audit: (file: FileRecord) => AuditEvent;
}

/** How a delete ended: in the trash, refused by a hold or a retention minimum, or nothing to delete. */
export type TrashOutcome =
  | { status: 'trashed'; file: FileRecord }
  | { status: 'on_hold'; hold: BlockingHold }
  | { status: 'retained'; until: Date; ruleId: string }
  | { status: 'not_found' };

export interface RestoreVersionInput {
  tenantId: string;
  fileId: string;
  /** The version number to make current again. */
  version: number;
  /** Who restores it; the new version's `uploadedBy`. */
  actor: string;
  /** Queued in the same transaction when the restored content must go through the pipeline again. */
  firstJob: JobName;
  audit: (restored: { file: FileRecord; version: FileVersion }) => AuditEvent;
}

/** What a version restore made: the new version, and whether it kept its ready state (then it needs reindexing). */
export interface RestoredVersion {
  file: FileRecord;
  version: FileVersion;
  /** True when the restored version kept the ready (or unscanned) state of its source. */
  keptState: boolean;
}

/**
 * Deleting, restoring and version restores of files: each one transaction with its audit
 * event. Every method is scoped by tenant id; a file id of another tenant is `not found`.
 */
export interface FileLifecycle {
  /**
   * Move a live file to the trash (`trashed_at` now, `purge_after` now plus the tenant's
   * `trash_days`), unless a legal hold covers it or a retention minimum has not passed.
   * A file already in the trash is `not_found`.
   */
  trash(input: TrashInput): Promise<TrashOutcome>;
  /** Take a file out of the trash before it is purged. Resolves to the live file, or null when it is not in the trash. */
  restore(input: { tenantId: string; fileId: string; audit: (file: FileRecord) => AuditEvent }): Promise<FileRecord | null>;
  /**
   * Make an old version current again by adding a copy of it as the newest version (history is
   * never rewritten): same content (one more reference to its blob), same extracted text and
   * state when it was ready; otherwise `stored`, with `firstJob` queued. Rejects `file_not_found`
   * (absent, trashed), `version_not_found`, or `conflict` for infected or quarantined content.
   */
  restoreVersion(input: RestoreVersionInput): Promise<RestoredVersion>;
}
