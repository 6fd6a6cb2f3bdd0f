/**
 * Messages between the isolated extractor (parent) and its child processes,
 * sent over the IPC channel with `serialization: 'advanced'` (structured clone),
 * so file chunks travel as binary, never as base64 or JSON arrays.
 */
import type { Extraction } from '../../src/ports/extractor.port.ts';
import type { RejectionReason } from './extraction-errors.ts';
import type { ExtractLimits } from './extract-limits.ts';

/** Parent to child. A child runs one job at a time: job, chunk..., end (or cancel). */
export type ParentMessage =
  | {
      type: 'job';
      id: number;
      mimeType: string;
      size: number;
      maxTextBytes: number;
      limits: ExtractLimits;
      locale?: 'en' | 'de';
      /** The job's private temporary directory; the parent removes it. */
      scratchDir: string;
      /** How long OCR may run once it starts (the child stops reading pages a little before). */
      ocrBudgetMs: number;
    }
  | { type: 'chunk'; id: number; data: Uint8Array }
  | { type: 'end'; id: number }
  | { type: 'cancel'; id: number };

/** An attachment written by the child into the job's scratch directory. */
export interface AttachmentFile {
  name: string;
  declaredType: string;
  size: number;
  position: number;
  path: string;
}

/** An extraction as it crosses the channel: attachments as files, not streams. */
export type ChildExtraction = Omit<Extraction, 'attachments' | 'release'> & { attachmentFiles?: AttachmentFile[] };

/** Child to parent. `ready` once after start-up; `ocr` when a job starts OCR; then one outcome per finished job. */
export type ChildMessage =
  | { type: 'ready' }
  | { type: 'ocr'; id: number }
  | { type: 'result'; id: number; extraction: ChildExtraction }
  | { type: 'rejected'; id: number; reason: RejectionReason; message: string }
  | { type: 'failed'; id: number; message: string };
