import type { AuditEvent } from '../domain/audit.ts';
import type { Category } from '../domain/category.ts';
import type { FileRecord } from '../domain/file.ts';

/** Tags and the category of files (issue 10). Every method is scoped by tenant id. */
export interface FileLabels {
  /**
   * Replace a live (not trashed) file's tags, with `audit` written in the same transaction;
   * the file as it is now, or null when there is no such live file.
   */
  setTags(tenantId: string, fileId: string, tags: readonly string[], audit?: AuditEvent): Promise<FileRecord | null>;
  /** Set the category found at processing (null: none fits); absent files are not an error. */
  setCategory(tenantId: string, fileId: string, category: Category | null): Promise<void>;
}
