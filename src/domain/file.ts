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
}

export interface FileDetail {
  file: FileRecord;
  current: FileVersion;
  versionCount: number;
}

export interface Blob {
  id: string;
  tenantId: string;
  sha256: string;
  size: number;
  storageKey: string;
  refCount: number;
}
