import type { AuditEvent } from '../domain/audit.ts';
import type { VersionStatus } from '../domain/file.ts';

/** The current version of one of a customer's files, with where its bytes are. */
export interface CustomerFile {
  fileId: string;
  name: string;
  version: number;
  versionCount: number;
  versionId: string;
  status: VersionStatus;
  sha256: string;
  size: number;
  mimeType: string;
  createdAt: Date;
  updatedAt: Date;
  versionCreatedAt: Date;
  storageKey: string;
  /** The blob was found infected: never served. */
  quarantined: boolean;
}

/** What an erasure removed and what holds kept. */
export interface ErasureResult {
  /** Files removed with all their versions, extracted text, index entries and shares. */
  erasedFiles: string[];
  /** Files a legal hold covers, kept, with the hold. */
  heldFiles: Array<{ fileId: string; holdId: string; reason: string }>;
  /** Upload requests and share codes of the customer removed. */
  removedUploadRequests: number;
  removedShares: number;
  /** Audit events whose personal fields were cleared. */
  redactedAuditEvents: number;
  /** Blob storage keys no version of the tenant references any more: the caller deletes them. */
  orphanedBlobKeys: string[];
}

/** A data subject's files across the catalog (GDPR access and erasure, issue 10). Tenant-scoped. */
export interface DataSubjectStore {
  /** The customer's live files (not trashed), each with its current version, oldest first. */
  customerFiles(tenantId: string, customerId: string): Promise<CustomerFile[]>;
  /**
   * Erase everything bound to the customer that no legal hold covers, in one transaction with
   * `audit` (the record that the erasure happened, with counts only), and clear the personal
   * fields of the audit events about the customer and its erased files.
   */
  erase(tenantId: string, customerId: string, audit: (result: ErasureResult) => AuditEvent): Promise<ErasureResult>;
}
