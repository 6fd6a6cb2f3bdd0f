import { createHash } from 'node:crypto';
import type { LanguageCode, MediaFormat } from '@aws-sdk/client-transcribe';
import type { Locale } from '../../src/domain/tenant.ts';
import { baseMimeType } from './transcription-errors.ts';

/** Tenant locale -> Amazon Transcribe LanguageCode. */
export const AWS_LANGUAGE_CODES: Readonly<Record<Locale, LanguageCode>> = { en: 'en-US', de: 'de-DE' };

/**
 * MIME type -> Amazon Transcribe MediaFormat (the service accepts mp3, mp4, wav,
 * flac, ogg, amr, webm, m4a; https://docs.aws.amazon.com/transcribe/latest/APIReference/API_StartTranscriptionJob.html).
 * Opus is carried in Ogg or WebM, so audio/opus is sent as ogg.
 */
const MEDIA_FORMATS: Readonly<Record<string, MediaFormat>> = {
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/mp4': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/m4a': 'm4a',
  'video/mp4': 'mp4',
  'audio/wav': 'wav',
  'audio/wave': 'wav',
  'audio/x-wav': 'wav',
  'audio/vnd.wave': 'wav',
  'audio/flac': 'flac',
  'audio/x-flac': 'flac',
  'audio/ogg': 'ogg',
  'audio/opus': 'ogg',
  'application/ogg': 'ogg',
  'audio/webm': 'webm',
  'video/webm': 'webm',
  'audio/amr': 'amr',
};

/** The MediaFormat for a MIME type, or null when Amazon Transcribe does not take it. */
export function mediaFormatFor(mimeType: string): MediaFormat | null {
  return MEDIA_FORMATS[baseMimeType(mimeType)] ?? null;
}

/** Job names are unique per account and region; allowed characters per the API reference. */
const JOB_NAME_PATTERN = /^[0-9a-zA-Z._-]{1,200}$/;

/**
 * A job name that is the same every time the same object is transcribed in the
 * same language, so a retried pipeline job finds the job it already started
 * (ConflictException) instead of paying for a second one. Storage keys are per
 * version, so this is one job per version and language. The bucket is part of
 * the hash so deployments sharing an account do not collide.
 */
export function transcriptionJobName(prefix: string, bucket: string, storageKey: string, languageCode: string): string {
  const digest = createHash('sha256').update(`${bucket}\n${storageKey}\n${languageCode}`).digest('hex').slice(0, 40);
  const name = `${prefix}-${digest}`;
  if (!JOB_NAME_PATTERN.test(name)) throw new Error(`invalid transcription job name prefix: ${JSON.stringify(prefix)}`);
  return name;
}

/**
 * The transcript text of an Amazon Transcribe output document
 * (`{ results: { transcripts: [{ transcript }] } }`), or null when the document has another shape.
 */
export function transcriptText(document: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    return null;
  }
  const transcripts = (parsed as { results?: { transcripts?: unknown } } | null)?.results?.transcripts;
  if (!Array.isArray(transcripts)) return null;
  if (transcripts.length === 0) return '';
  const first: unknown = transcripts[0];
  const text = (first as { transcript?: unknown } | null)?.transcript;
  return typeof text === 'string' ? text : null;
}
