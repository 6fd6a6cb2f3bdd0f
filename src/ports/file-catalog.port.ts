import type { VisibilityFilter } from '../domain/access.ts';
import type { FileDetail, FileKind, FileRecord, FileVersion, Visibility, VersionStatus } from '../domain/file.ts';

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
}

export interface RecordIntakeResult {
  file: FileRecord;
  version: FileVersion;
  /** True when an existing blob with the same content was reused; the caller deletes the blob it wrote. */
  deduplicated: boolean;
}

export interface ListFilesOptions {
  visibility: VisibilityFilter;
  /** Opaque cursor from a previous page. */
  cursor?: string;
  /** Page size, 1..200. */
  limit: number;
}

/** Files, versions and blobs of each tenant. Every method is scoped by tenant id. */
export interface FileCatalog {
  /** Atomically record a stored upload: blob (deduplicated by sha256 per tenant), file and version. */
  recordIntake(input: RecordIntakeInput): Promise<RecordIntakeResult>;
  /** A file with its current version and version count, or null if absent or not visible. */
  getFile(filter: VisibilityFilter, fileId: string): Promise<FileDetail | null>;
  /** A page of files, newest first, with a cursor for the next page. */
  listFiles(tenantId: string, options: ListFilesOptions): Promise<{ files: FileDetail[]; nextCursor: string | null }>;
  /** All versions of a file, oldest first. */
  listVersions(tenantId: string, fileId: string): Promise<FileVersion[]>;
  /** One version by id, or null. */
  getVersion(tenantId: string, versionId: string): Promise<FileVersion | null>;
  /**
   * Move a version to `status`, only if it is currently in one of `from`
   * (compare-and-set, so retried jobs do no harm). Returns the updated version or null.
   */
  transitionVersion(
    tenantId: string,
    versionId: string,
    change: { from: readonly VersionStatus[]; to: VersionStatus; reason?: string | null; metadata?: Record<string, unknown> },
  ): Promise<FileVersion | null>;
}
