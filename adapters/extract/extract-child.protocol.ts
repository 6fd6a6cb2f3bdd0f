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
  | { type: 'job'; id: number; mimeType: string; size: number; maxTextBytes: number; limits: ExtractLimits }
  | { type: 'chunk'; id: number; data: Uint8Array }
  | { type: 'end'; id: number }
  | { type: 'cancel'; id: number };

/** Child to parent. `ready` once after start-up; then one outcome per finished job. */
export type ChildMessage =
  | { type: 'ready' }
  | { type: 'result'; id: number; extraction: Extraction }
  | { type: 'rejected'; id: number; reason: RejectionReason; message: string }
  | { type: 'failed'; id: number; message: string };
