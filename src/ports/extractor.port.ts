import type { Readable } from 'node:stream';

export interface Extraction {
  /** Plain text, capped in size. */
  text: string;
  truncated: boolean;
  /** pages, sheets, rows, wordCount, language, title, author, durationSeconds... */
  metadata: Record<string, unknown>;
}

/** Turns one family of files into text and metadata. */
export interface Extractor {
  /** MIME types this extractor handles. */
  readonly mimeTypes: readonly string[];
  /**
   * Extract text and metadata. Policy refusals (encrypted, bomb, too many pages)
   * reject with a DomainError-like `{ code: 'rejected', reason }`; faults reject otherwise.
   */
  extract(body: Readable, info: { mimeType: string; size: number; maxTextBytes: number }): Promise<Extraction>;
}
