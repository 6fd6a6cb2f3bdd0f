import type { Category } from './category.ts';
export const VISIBILITIES = ['internal', 'customer', 'public'] as const;
/** internal: staff only; customer: staff and callers of the same customer id; public: everyone in the tenant. */
export type Visibility = (typeof VISIBILITIES)[number];

/**
 * Version states. Intake leaves a version `stored`; the pipeline moves it on to
 * `ready` or to one of the terminal failure states.
 */
export const VERSION_STATUSES = [
  'stored',
  'scanning',
  'extracting',
  'indexing',
  'ready',
  'unscanned',
  'infected',
  'rejected',
  'failed',
] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export const TERMINAL_STATUSES: ReadonlySet<VersionStatus> = new Set(['ready', 'unscanned', 'infected', 'rejected', 'failed']);

/** Broad families of accepted content; limits and extraction are chosen per family. */
export const FILE_KINDS = ['document', 'spreadsheet', 'text', 'audio', 'image'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export interface FileRecord {
  id: string;
  tenantId: string;
  /** Sanitised display name; data only, never used to build paths or keys. */
  name: string;
  title: string | null;
  customerId: string | null;
  visibility: Visibility;
  currentVersion: number;
  createdAt: Date;
  updatedAt: Date;
  /** Set while the file is in the trash (deleted, still restorable); null or absent for a live file. */
  trashedAt?: Date | null;
  /** While in the trash: from when the purge job may remove the file for good. */
  purgeAfter?: Date | null;
  /** Tags set by people, lower-cased (PUT /v1/files/<id>/tags). */
  tags?: readonly string[];
  /** Assigned at processing from the name and the text (src/domain/category.ts); null: none fits. */
  category?: Category | null;
  /** Downloads counted (links to its bytes handed out), and the last one. */
  downloads?: number;
  lastAccessAt?: Date | null;
}

/** Downloads of a file through one share. */
export interface ShareAccess {
  shareId: string;
  downloads: number;
  lastAccessAt: Date;
}

export interface FileVersion {
  id: string;
  tenantId: string;
  fileId: string;
  version: number;
  blobId: string;
  sha256: string;
  size: number;
  mimeType: string;
  extension: string;
  kind: FileKind;
  status: VersionStatus;
  statusReason: string | null;
  createdAt: Date;
  /** Extracted metadata (pages, sheets, duration...), filled by the pipeline. */
  metadata: Record<string, unknown>;
  /** Who uploaded (or restored) this version, as audit events name actors; null when unknown. */
  uploadedBy?: string | null;
  /** The version this one was restored from, when it was made by a restore. */
  restoredFrom?: number | null;
}

export interface FileDetail {
  file: FileRecord;
  current: FileVersion;
  versionCount: number;
  /** Downloads per share (read with one file, not in listings). */
  shareAccess?: ShareAccess[];
}

export interface Blob {
  id: string;
  tenantId: string;
  sha256: string;
  size: number;
  storageKey: string;
  refCount: number;
}
