/**
 * Whether a stored blob may be served to anyone: the last check of every route that
 * hands out bytes by link, including the local store's self-served signed URLs.
 */
export interface BlobServability {
  /**
   * True only when the blob is not quarantined, no version holding it was found infected or
   * rejected, and at least one is `ready` (or `unscanned`, when `unscannedAllowed`: scan policy
   * optional). False for a key that names no version's blob.
   */
  servable(storageKey: string, options: { unscannedAllowed: boolean }): Promise<boolean>;
}
