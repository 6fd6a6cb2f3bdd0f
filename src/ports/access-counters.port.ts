/** Downloads and last access per file and per share (issue 10). Every method is scoped by tenant id. */
export interface AccessCounters {
  /**
   * Count one download of a file (a link to its bytes handed out) at `at`; with `shareId`, also
   * for that share. An absent file is not an error (nothing is counted).
   */
  recordDownload(tenantId: string, fileId: string, options?: { shareId?: string | null; at?: Date }): Promise<void>;
}
