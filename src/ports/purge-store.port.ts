/** What the purge removed of one file, for its audit event (no names, no content). */
export interface PurgedFile {
  fileId: string;
  versions: number;
  /** Bytes of its versions (content shared with other files may stay). */
  bytes: number;
}

export interface PurgeBatch {
  purged: PurgedFile[];
  /** Storage keys of blobs no version references any more, queued for deletion in the same transaction. */
  blobKeys: string[];
}

/**
 * What the scheduled lifecycle job (purge, retention) reads and writes. Every method but
 * `tenantsWithWork` is tenant-scoped. Holds are re-checked in every deleting transaction.
 */
export interface PurgeStore {
  /** Tenants that have due trash, blob deletions left over, or retention maximums (platform-wide, ids only). */
  tenantsWithWork(limit: number): Promise<string[]>;
  /** Up to `limit` trashed files of the tenant whose `purge_after` has passed and that no hold covers, oldest first. */
  dueFiles(tenantId: string, limit: number): Promise<string[]>;
  /**
   * In one transaction: of `fileIds`, those still due and unheld (locked; files another run holds
   * are skipped) are deleted with their versions, extracted text, search documents and attachment
   * links; each blob loses one reference per deleted version, and blobs left unreferenced are
   * deleted with their keys queued for byte deletion; one `file.purge` audit event per file.
   */
  purgeFiles(tenantId: string, fileIds: readonly string[]): Promise<PurgeBatch>;
  /** Storage keys queued for deletion (by this run or by one that died before deleting the bytes). */
  pendingBlobKeys(tenantId: string, limit: number): Promise<string[]>;
  /** Forget queued keys whose bytes are gone. */
  forgetBlobKeys(tenantId: string, keys: readonly string[]): Promise<void>;
  /**
   * Emptying the trash by hand: every trashed file of the tenant that no hold covers becomes due
   * now, with a `trash.empty` audit event. Resolves to how many became due and how many holds kept.
   */
  expediteTrash(tenantId: string, audit: { actor: string; role: string; requestId: string | null }): Promise<{ due: number; held: number }>;
  /**
   * Retention maximums: move up to `limit` live files whose matching rule's maximum has passed to
   * the trash (held files stay), each with a `file.trash` audit event naming the rule. Resolves to
   * the ids trashed.
   */
  trashExpired(tenantId: string, limit: number): Promise<string[]>;
}
