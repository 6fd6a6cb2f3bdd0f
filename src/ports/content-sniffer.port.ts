/** What the leading bytes of a file say it is. */
export interface SniffedType {
  /** e.g. `application/pdf`. */
  mime: string;
  /** e.g. `pdf`. */
  ext: string;
}

/** Recognises file formats by their magic bytes. */
export interface ContentSniffer {
  /**
   * How many leading bytes a decision needs. Callers hand `sniff` exactly the
   * first `windowBytes` bytes (fewer only when the content is shorter), so the
   * answer never depends on how the bytes arrived.
   */
  readonly windowBytes: number;
  /** The format the leading bytes show, or null when they match none (plain text has no magic bytes). */
  sniff(head: Uint8Array): Promise<SniffedType | null>;
}
