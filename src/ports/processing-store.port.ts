import type { AuditEvent } from '../domain/audit.ts';
import type { FileRecord, FileVersion, VersionStatus } from '../domain/file.ts';
import type { StatusReason } from '../domain/status-reasons.ts';
import type { Locale } from '../domain/tenant.ts';
import type { BusEvent } from './event-bus.port.ts';
import type { JobName } from './job-queue.port.ts';

/** A version as the pipeline needs it: with its file and where its bytes are. */
export interface VersionWork {
  file: FileRecord;
  version: FileVersion;
  storageKey: string;
  /** Set once a scan found malware in this content; nothing may serve it. */
  quarantined: boolean;
  /** The tenant's language, for transcription. */
  locale: Locale;
}

/**
 * One state move of a version with all its consequences. Either all of it commits or none
 * of it does: the new state, the next job, the audit event and the published event.
 */
export interface VersionMove {
  tenantId: string;
  versionId: string;
  /** Compare-and-set: only applies while the version is in one of these states. */
  from: readonly VersionStatus[];
  to: VersionStatus;
  /** Reason code for terminal failures, from the one table (`src/domain/status-reasons.ts`); undefined keeps the current one. */
  reason?: StatusReason | null;
  /** Merged into the version's metadata. */
  metadata?: Record<string, unknown>;
  /** Extracted text (already capped), stored with the version. */
  text?: string;
  /** Flag the version's blob as quarantined (a scan found malware), so nothing serves it. Idempotent. */
  quarantine?: { blobId: string; reason: string };
  /** The job that follows this move, queued in the same transaction. */
  nextJob?: JobName;
  /** Written in the same transaction. */
  audit: AuditEvent;
  /** Published when the move commits (never when it does not). */
  event: BusEvent;
}

export type CachedVerdict = { verdict: 'clean' } | { verdict: 'infected'; signature: string };

/** A version waiting in some state, across tenants (platform work: resuming, rescanning). */
export interface VersionRef {
  tenantId: string;
  versionId: string;
  status: VersionStatus;
}

/** What the processing pipeline reads and writes about versions. Every method but `listInStates` is tenant-scoped. */
export interface ProcessingStore {
  /** The version with its file and blob key, or null. */
  loadVersion(tenantId: string, versionId: string): Promise<VersionWork | null>;
  /**
   * The one way a version changes state: apply `move` atomically if the version is still in
   * `move.from`. Resolves to the moved version, or null (nothing written, nothing queued,
   * audited or published) when it had moved on: retried jobs do no harm.
   */
  moveVersion(move: VersionMove): Promise<FileVersion | null>;
  /** The extracted text of a version ('' when none); only its first `maxChars` characters when given (describe reads the head of a long text). */
  extractedText(tenantId: string, versionId: string, maxChars?: number): Promise<string>;
  /** The cached verdict for this content under this signature database, or null. */
  cachedScan(tenantId: string, sha256: string, signatureVersion: string): Promise<CachedVerdict | null>;
  /** Remember a verdict for (content, signature database). */
  rememberScan(tenantId: string, sha256: string, signatureVersion: string, verdict: CachedVerdict): Promise<void>;
  /** Versions in one of `states`, across tenants, oldest first: to resume after a restart, or to rescan. */
  listInStates(states: readonly VersionStatus[], limit: number): Promise<VersionRef[]>;
}
