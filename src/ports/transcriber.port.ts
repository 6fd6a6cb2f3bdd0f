import type { Locale } from '../domain/tenant.ts';

export interface Transcript {
  text: string;
  language: string;
  durationSeconds: number | null;
}

/** Speech to text for recordings. */
export interface Transcriber {
  /** Short name for logs and metadata: "aws-transcribe", "pocketsphinx". */
  readonly name: string;
  /** Transcribe the blob at `storageKey`; may take minutes, callers run it as a job. */
  transcribe(input: { storageKey: string; mimeType: string; locale: Locale; signal?: AbortSignal }): Promise<Transcript>;
}
