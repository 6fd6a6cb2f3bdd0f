import type { FileRecord, FileVersion, VersionStatus } from '../domain/file.ts';
import type { StatusReason } from '../domain/status-reasons.ts';
import type { Locale } from '../domain/tenant.ts';

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

export interface VersionChange {
  /** Compare-and-set: only applies while the version is in one of these states. */
  from: readonly VersionStatus[];
  to: VersionStatus;
  /** Reason code for terminal failures, from the one table (`src/domain/status-reasons.ts`). */
  reason?: StatusReason | null;
  /** Merged into the version's metadata. */
  metadata?: Record<string, unknown>;
  /** Extracted text (already capped), stored with the version. */
  text?: string;
}

export type CachedVerdict = { verdict: 'clean' } | { verdict: 'infected'; signature: string };

/** What the processing pipeline reads and writes about versions. Every method but `listUnfinished` is tenant-scoped. */
export interface ProcessingStore {
  /** The version with its file and blob key, or null. */
  loadVersion(tenantId: string, versionId: string): Promise<VersionWork | null>;
  /** Apply `change` if the version is still in `change.from`; the updated version, or null if it had moved on. */
  advance(tenantId: string, versionId: string, change: VersionChange): Promise<FileVersion | null>;
  /** The extracted text of a version ('' when none). */
  extractedText(tenantId: string, versionId: string): Promise<string>;
  /** Flag a blob as quarantined so no code path serves it. Idempotent. */
  quarantineBlob(tenantId: string, blobId: string, signature: string): Promise<void>;
  /** The cached verdict for this content under this signature database, or null. */
  cachedScan(tenantId: string, sha256: string, signatureVersion: string): Promise<CachedVerdict | null>;
  /** Remember a verdict for (content, signature database). */
  rememberScan(tenantId: string, sha256: string, signatureVersion: string, verdict: CachedVerdict): Promise<void>;
  /** Versions left in a middle state (across tenants, oldest first), to re-enqueue after a restart. */
  listUnfinished(limit: number): Promise<Array<{ tenantId: string; versionId: string; status: VersionStatus }>>;
}
