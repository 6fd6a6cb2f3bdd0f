/**
 * Errors shared by the Transcriber adapters. Both carry a stable `code` and a
 * `retryable` flag so a pipeline job can decide between "retry later" and
 * "record that this recording has no transcript" without importing an adapter
 * (match on `name`/`code`, not `instanceof`).
 */

/** Why a transcriber declined before doing any work. */
export type UnsupportedReason = 'language' | 'format';

/**
 * The engine cannot transcribe this input at all (a language without a model,
 * a container it cannot decode). Permanent: retrying gives the same answer.
 */
export class TranscriptionUnsupportedError extends Error {
  override readonly name = 'TranscriptionUnsupportedError';
  readonly code = 'transcription_unsupported';
  readonly retryable = false;
  readonly reason: UnsupportedReason;
  /** Transcriber name ("pocketsphinx", "aws-transcribe"). */
  readonly engine: string;
  /** The locale or MIME type that was declined. */
  readonly value: string;

  constructor(engine: string, reason: UnsupportedReason, value: string, message: string) {
    super(message);
    this.engine = engine;
    this.reason = reason;
    this.value = value;
  }
}

/**
 * How a transcription that was attempted ended badly:
 * - `unreadable_audio`: the decoder could not read the bytes (corrupt or mislabelled file); permanent.
 * - `job_failed`: the engine ran and reported failure (AWS `FAILED` with a FailureReason); permanent.
 * - `rejected`: the engine refused the request as invalid (AWS BadRequestException); permanent.
 * - `timeout`: it took longer than allowed; processes were killed (local) or the job keeps running (AWS).
 * - `aborted`: the caller's AbortSignal fired.
 * - `source_failed`: reading the blob failed part way.
 * - `engine_failed`: the engine itself misbehaved (crash, bad output, service error).
 */
export type TranscriptionFailure =
  | 'unreadable_audio'
  | 'job_failed'
  | 'rejected'
  | 'timeout'
  | 'aborted'
  | 'source_failed'
  | 'engine_failed';

const PERMANENT: ReadonlySet<TranscriptionFailure> = new Set(['unreadable_audio', 'job_failed', 'rejected']);

/** A transcription that was attempted and did not produce a transcript. */
export class TranscriptionError extends Error {
  override readonly name = 'TranscriptionError';
  readonly code: TranscriptionFailure;
  /** False when trying again with the same input cannot help. */
  readonly retryable: boolean;
  readonly engine: string;

  constructor(engine: string, code: TranscriptionFailure, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.engine = engine;
    this.code = code;
    this.retryable = !PERMANENT.has(code);
  }
}

/** Strip MIME parameters and case: "Audio/WAV; codecs=1" -> "audio/wav". */
export function baseMimeType(mimeType: string): string {
  return (mimeType.split(';')[0] ?? '').trim().toLowerCase();
}
