import { setTimeout as delay } from 'node:timers/promises';
import {
  BadRequestException,
  ConflictException,
  GetTranscriptionJobCommand,
  StartTranscriptionJobCommand,
  type LanguageCode,
  type MediaFormat,
  type TranscribeClient,
  type TranscriptionJob,
} from '@aws-sdk/client-transcribe';
import type { Locale } from '../../src/domain/tenant.ts';
import type { Transcriber, Transcript } from '../../src/ports/transcriber.port.ts';
import { AWS_LANGUAGE_CODES, mediaFormatFor, transcriptionJobName, transcriptText } from './aws-transcribe-request.ts';
import { TranscriptionError, TranscriptionUnsupportedError } from './transcription-errors.ts';

const ENGINE = 'aws-transcribe';

export interface AwsTranscriberOptions {
  client: TranscribeClient;
  /** The bucket the S3 BlobStore writes to; the media is `s3://<bucket>/<storageKey>`. */
  bucket: string;
  /**
   * Longest total wait for one job, summed over the pauses between polls. Past it the
   * call fails with a retryable `timeout`; the job keeps running and a retry resumes it.
   */
  maxWaitMs: number;
  /** Downloads the service-managed transcript at `TranscriptFileUri` (a presigned https URL). Default: fetch. */
  fetchTranscript?: (uri: string, signal?: AbortSignal) => Promise<string>;
  /** Write transcripts to our own bucket at `<keyPrefix><job name>.json` and read them back with `readObject`. */
  output?: { bucket: string; keyPrefix: string; readObject: (bucket: string, key: string) => Promise<string> };
  /** Injectable pause between polls (tests pass a recorder). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** First pause between polls; doubles each poll up to `maxPollMs`. Defaults 2 s and 30 s. */
  firstPollMs?: number;
  maxPollMs?: number;
  /** Job name prefix; default "voicefiles". */
  jobNamePrefix?: string;
}

/**
 * Amazon Transcribe batch jobs on objects already in S3. Jobs are named
 * deterministically per (bucket, key, language), so a retried pipeline job resumes
 * the job it started. No duration is reported (the service does not return one).
 */
export class AwsTranscriber implements Transcriber {
  readonly name = ENGINE;
  /** Locales this adapter maps to a Transcribe LanguageCode. */
  readonly locales: readonly Locale[] = ['en', 'de'];
  private readonly options: AwsTranscriberOptions;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(options: AwsTranscriberOptions) {
    this.options = options;
    this.sleep = options.sleep ?? ((ms, signal) => delay(ms, undefined, { signal }));
  }

  async transcribe(input: { storageKey: string; mimeType: string; locale: Locale; signal?: AbortSignal }): Promise<Transcript> {
    const languageCode = AWS_LANGUAGE_CODES[input.locale];
    if (!languageCode) throw new TranscriptionUnsupportedError(ENGINE, 'language', input.locale, `no Amazon Transcribe language for locale '${input.locale}'`);
    const mediaFormat = mediaFormatFor(input.mimeType);
    if (!mediaFormat) throw new TranscriptionUnsupportedError(ENGINE, 'format', input.mimeType, `Amazon Transcribe does not accept ${input.mimeType}`);
    const jobName = transcriptionJobName(this.options.jobNamePrefix ?? 'voicefiles', this.options.bucket, input.storageKey, languageCode);
    const mediaUri = `s3://${this.options.bucket}/${input.storageKey}`;
    try {
      const started = await this.startOrResume({ jobName, mediaUri, languageCode, mediaFormat }, input.signal);
      const done = await this.waitUntilDone(started, input.signal);
      return { text: await this.readTranscript(done, input.signal), language: input.locale, durationSeconds: null };
    } catch (error) {
      throw translate(error, jobName, input.signal);
    }
  }

  private async startOrResume(
    job: { jobName: string; mediaUri: string; languageCode: LanguageCode; mediaFormat: MediaFormat },
    signal: AbortSignal | undefined,
  ): Promise<TranscriptionJob> {
    const { output } = this.options;
    try {
      const started = await this.options.client.send(
        new StartTranscriptionJobCommand({
          TranscriptionJobName: job.jobName,
          LanguageCode: job.languageCode,
          MediaFormat: job.mediaFormat,
          Media: { MediaFileUri: job.mediaUri },
          ...(output ? { OutputBucketName: output.bucket, OutputKey: `${output.keyPrefix}${job.jobName}.json` } : {}),
        }),
        { abortSignal: signal },
      );
      return requireJob(started.TranscriptionJob, job.jobName);
    } catch (error) {
      if (!(error instanceof ConflictException)) throw error;
      // Started by an earlier attempt: carry on with that job.
      const existing = await this.getJob(job.jobName, signal);
      if (existing.Media?.MediaFileUri !== job.mediaUri) {
        throw new TranscriptionError(ENGINE, 'engine_failed', `transcription job ${job.jobName} exists for another object`, { cause: error });
      }
      return existing;
    }
  }

  private async getJob(jobName: string, signal: AbortSignal | undefined): Promise<TranscriptionJob> {
    const found = await this.options.client.send(new GetTranscriptionJobCommand({ TranscriptionJobName: jobName }), { abortSignal: signal });
    return requireJob(found.TranscriptionJob, jobName);
  }

  /** Poll with exponential backoff until COMPLETED or FAILED, within `maxWaitMs`. */
  private async waitUntilDone(job: TranscriptionJob, signal: AbortSignal | undefined): Promise<TranscriptionJob> {
    const { maxWaitMs, firstPollMs = 2_000, maxPollMs = 30_000 } = this.options;
    const jobName = job.TranscriptionJobName ?? '';
    let waited = 0;
    let pause = firstPollMs;
    while (job.TranscriptionJobStatus === 'QUEUED' || job.TranscriptionJobStatus === 'IN_PROGRESS') {
      const remaining = maxWaitMs - waited;
      if (remaining <= 0) {
        throw new TranscriptionError(ENGINE, 'timeout', `transcription job ${jobName} still ${job.TranscriptionJobStatus} after ${waited} ms; it keeps running and a retry resumes it`);
      }
      const wait = Math.min(pause, remaining);
      await this.sleep(wait, signal);
      waited += wait;
      pause = Math.min(pause * 2, maxPollMs);
      job = await this.getJob(jobName, signal);
    }
    if (job.TranscriptionJobStatus === 'FAILED') {
      throw new TranscriptionError(ENGINE, 'job_failed', `transcription job ${jobName} failed: ${job.FailureReason ?? 'no reason given'}`);
    }
    if (job.TranscriptionJobStatus !== 'COMPLETED') {
      throw new TranscriptionError(ENGINE, 'engine_failed', `transcription job ${jobName} has unexpected status ${String(job.TranscriptionJobStatus)}`);
    }
    return job;
  }

  private async readTranscript(job: TranscriptionJob, signal: AbortSignal | undefined): Promise<string> {
    const jobName = job.TranscriptionJobName ?? '';
    const { output } = this.options;
    let document: string;
    if (output) {
      document = await output.readObject(output.bucket, `${output.keyPrefix}${jobName}.json`);
    } else {
      const uri = job.Transcript?.TranscriptFileUri;
      if (!uri) throw new TranscriptionError(ENGINE, 'engine_failed', `completed job ${jobName} has no TranscriptFileUri`);
      document = await (this.options.fetchTranscript ?? fetchText)(uri, signal);
    }
    const text = transcriptText(document);
    if (text === null) throw new TranscriptionError(ENGINE, 'engine_failed', `the transcript of job ${jobName} has no results.transcripts[0].transcript`);
    return text;
  }
}

function requireJob(job: TranscriptionJob | undefined, jobName: string): TranscriptionJob {
  if (!job) throw new TranscriptionError(ENGINE, 'engine_failed', `no TranscriptionJob in the response for ${jobName}`);
  return job;
}

/** Default transcript download. The URL is presigned: never put it in a message. */
async function fetchText(uri: string, signal?: AbortSignal): Promise<string> {
  const timeout = AbortSignal.timeout(60_000);
  const response = await fetch(uri, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  if (!response.ok) throw new TranscriptionError(ENGINE, 'engine_failed', `downloading the transcript failed with HTTP ${response.status}`);
  return response.text();
}

function translate(error: unknown, jobName: string, signal: AbortSignal | undefined): Error {
  if (error instanceof TranscriptionError || error instanceof TranscriptionUnsupportedError) return error;
  if (signal?.aborted) return new TranscriptionError(ENGINE, 'aborted', `transcription job ${jobName}: aborted by the caller`, { cause: error });
  if (error instanceof BadRequestException) {
    return new TranscriptionError(ENGINE, 'rejected', `Amazon Transcribe refused job ${jobName}: ${error.message}`, { cause: error });
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new TranscriptionError(ENGINE, 'engine_failed', `Amazon Transcribe job ${jobName}: ${detail}`, { cause: error });
}
