import type { FileKind, VersionStatus } from '../domain/file.ts';

/** What a describer found, as speech needs it (the shape of the Describer port's Description). */
export interface SpokenContent {
  /** A model's sentence, already in the tenant's language. */
  sentence?: string;
  lead?: string;
  headings?: readonly string[];
  sheets?: ReadonlyArray<{ name: string | null; columns: readonly string[] }>;
  figures?: readonly string[];
}

/** Where an e-mail came from, as far as it is known. */
export interface SpokenMailFacts {
  /** A display name or an address. */
  from?: string;
  date?: Date;
}

/** The facts a spoken description of one file is made from. */
export interface DescribeFacts {
  name: string;
  title: string | null;
  kind: FileKind;
  mimeType: string;
  size: number;
  status: VersionStatus;
  /** The current version's number (1 for the first upload). */
  version: number;
  /** When the current version was uploaded. */
  uploadedAt: Date;
  pages?: number;
  durationSeconds?: number;
  /** The text was read by OCR from scanned pages. */
  scanned?: boolean;
  /** The file is an e-mail. */
  email?: SpokenMailFacts & { attachments: number };
  /** The file came as an attachment of an e-mail. */
  attachmentOf?: SpokenMailFacts;
  /** What it says; only for ready files. */
  content?: SpokenContent | null;
}
