/** Which stored bytes the catalog still points at: what a sweep of unreferenced blobs asks before deleting. */
export interface BlobReferences {
  /** Of `storageKeys` (all under one tenant's prefix), the ones a blob record points at. Tenant-scoped. */
  referenced(tenantId: string, storageKeys: readonly string[]): Promise<Set<string>>;
}
