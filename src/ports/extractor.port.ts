import type { Readable } from 'node:stream';

/** A file found inside another (an e-mail attachment), held in bounded temporary storage. */
export interface ExtractedAttachment {
  /** The name the message gives it ('' when it has none). */
  name: string;
  /** The MIME type the message declares (a hint only: intake sniffs the bytes). */
  declaredType: string;
  size: number;
  /** Position among the message's attachments, from 0; stable for the same bytes. */
  position: number;
  /** Stream the attachment's bytes (from a temporary file, never from memory). */
  open(): Readable;
}

export interface Extraction {
  /** Plain text, capped in size. */
  text: string;
  truncated: boolean;
  /** pages, sheets, rows, wordCount, language, title, author, durationSeconds, ocr, email... */
  metadata: Record<string, unknown>;
  /** Files inside this one (e-mail attachments); present only for containers. */
  attachments?: ExtractedAttachment[];
  /** Free the attachments' temporary storage; call once done with them (a no-op without attachments). */
  release?(): Promise<void>;
}

export interface ExtractRequest {
  mimeType: string;
  size: number;
  maxTextBytes: number;
  /** The tenant's language, tried first by OCR (the other launch language is the fallback). */
  locale?: 'en' | 'de';
}

/** Turns one family of files into text and metadata. */
export interface Extractor {
  /** MIME types this extractor handles. */
  readonly mimeTypes: readonly string[];
  /**
   * Extract text and metadata. Policy refusals (encrypted, bomb, too many pages)
   * reject with a DomainError-like `{ code: 'rejected', reason }`; faults reject otherwise.
   */
  extract(body: Readable, info: ExtractRequest): Promise<Extraction>;
}
