import { TranscribeClient } from '@aws-sdk/client-transcribe';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AwsTranscriber, type AwsTranscriberOptions } from '../../../adapters/transcribe/aws.transcriber.ts';
import { loadFixture, startReplay, type Exchange, type Fixture, type RecordedRequest } from './aws-replay.server.ts';

/*
 * AWS cannot be reached from this machine, so these are wire-contract tests: the real
 * TranscribeClient (signing, JSON 1.1 protocol, retries) talks to a local server that
 * replays responses written from the AWS API reference (test/fixtures/aws-transcribe)
 * and records the requests, which must match the recorded ones exactly.
 */

const REGION = 'eu-central-1';
const ACCESS_KEY = 'AKIDWIRECONTRACT';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function setUp(fixture: Fixture, options: Partial<AwsTranscriberOptions> = {}) {
  const replay = await startReplay(fixture.exchanges);
  const client = new TranscribeClient({
    region: REGION,
    endpoint: replay.endpoint,
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: 'wire-contract-secret' },
    maxAttempts: 3,
  });
  cleanups.push(async () => {
    client.destroy();
    await replay.close();
  });
  const sleeps: number[] = [];
  const transcriber = new AwsTranscriber({
    client,
    bucket: 'voicefiles-test-blobs',
    maxWaitMs: 60_000,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });
  const run = () => transcriber.transcribe(fixture.input);
  return { replay, sleeps, run };
}

/** Every request on the wire is the recorded one: method, path, signed JSON 1.1 call and exact body. */
function expectWire(recorded: RecordedRequest[], exchanges: Exchange[]): void {
  expect(recorded.map((r) => `${r.method} ${r.headers['x-amz-target'] ?? r.path}`)).toEqual(
    exchanges.map((e) => `${e.request.method} ${e.request.target ?? e.request.path}`),
  );
  recorded.forEach((request, i) => {
    const expected = exchanges[i]!.request;
    expect(request.path).toBe(expected.path);
    if (!expected.target) return;
    expect(request.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(request.headers.authorization).toMatch(
      new RegExp(`^AWS4-HMAC-SHA256 Credential=${ACCESS_KEY}/\\d{8}/${REGION}/transcribe/aws4_request, SignedHeaders=[^ ]*x-amz-target[^ ]*, Signature=[0-9a-f]{64}$`),
    );
    expect(JSON.parse(request.body)).toEqual(expected.body);
  });
}

describe('aws.transcriber wire-contract (AWS cannot be reached here: real TranscribeClient against recorded responses on 127.0.0.1)', () => {
  beforeAll(() => {
    console.info('[wire-contract] AWS cannot be reached from this machine; aws.transcriber is checked against recorded request/response fixtures, not the live service.');
  });

  it('wire-contract: StartTranscriptionJob, polls IN_PROGRESS with exponential backoff, then fetches the COMPLETED transcript', async () => {
    const fixture = loadFixture('in-progress-then-completed');
    const { replay, sleeps, run } = await setUp(fixture);
    await expect(run()).resolves.toEqual({ text: 'The quarterly report is ready for the board meeting on Monday.', language: 'en', durationSeconds: null });
    expectWire(replay.recorded, fixture.exchanges);
    expect(sleeps).toEqual([2_000, 4_000, 8_000]);
  });

  it('wire-contract: a FAILED job (de-DE, flac) is a permanent job_failed error carrying the FailureReason', async () => {
    const fixture = loadFixture('failed');
    const { replay, run } = await setUp(fixture);
    const error = await run().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TranscriptionError', code: 'job_failed', retryable: false, engine: 'aws-transcribe' });
    expect((error as Error).message).toContain('The media format provided does not match the detected media format.');
    expectWire(replay.recorded, fixture.exchanges);
  });

  it('wire-contract: ConflictException (job name exists) resumes the existing job instead of starting another', async () => {
    const fixture = loadFixture('conflict-existing-job');
    const { replay, sleeps, run } = await setUp(fixture);
    await expect(run()).resolves.toMatchObject({ text: 'Please call me back tomorrow morning.' });
    expectWire(replay.recorded, fixture.exchanges);
    expect(sleeps).toEqual([]);
  });

  it('wire-contract: ThrottlingException (400) is retried by the SDK with the identical request', async () => {
    const fixture = loadFixture('throttled-then-started');
    const { replay, run } = await setUp(fixture);
    await expect(run()).resolves.toMatchObject({ text: 'The meeting is on Monday.' });
    expectWire(replay.recorded, fixture.exchanges);
    const [first, retry] = replay.recorded;
    expect(retry!.headers['amz-sdk-request']).toBe('attempt=2; max=3');
    expect(retry!.headers['amz-sdk-invocation-id']).toBe(first!.headers['amz-sdk-invocation-id']);
  });

  it('wire-contract: BadRequestException is not retried and is a permanent rejected error', async () => {
    const fixture = loadFixture('bad-request');
    const { replay, run } = await setUp(fixture);
    await expect(run()).rejects.toMatchObject({ name: 'TranscriptionError', code: 'rejected', retryable: false, message: expect.stringContaining("can't be accessed") });
    expectWire(replay.recorded, fixture.exchanges);
  });

  it('wire-contract: with an output bucket the job names OutputBucketName/OutputKey and the transcript is read from there', async () => {
    const fixture = loadFixture('output-bucket');
    const reads: string[] = [];
    const { replay, run } = await setUp(fixture, {
      output: {
        ...fixture.output!,
        readObject: async (bucket, key) => {
          reads.push(`${bucket}/${key}`);
          return JSON.stringify(fixture.outputObject);
        },
      },
    });
    await expect(run()).resolves.toMatchObject({ text: 'Sign the contract by Friday.' });
    expectWire(replay.recorded, fixture.exchanges);
    expect(reads).toEqual(['voicefiles-test-transcripts/transcripts/voicefiles-99fcd3ca81123bf3f23b4842e36dbacf52683867.json']);
  });

  it('wire-contract: stops polling at maxWaitMs with a retryable timeout', async () => {
    const fixture = loadFixture('still-in-progress');
    const { replay, sleeps, run } = await setUp(fixture, { maxWaitMs: 10_000 });
    await expect(run()).rejects.toMatchObject({ name: 'TranscriptionError', code: 'timeout', retryable: true });
    expect(sleeps).toEqual([2_000, 4_000, 4_000]);
    expectWire(replay.recorded, fixture.exchanges);
  });

  it('wire-contract: the caller aborting between polls ends the wait as aborted', async () => {
    const fixture = loadFixture('in-progress-then-completed');
    const controller = new AbortController();
    const replay = await startReplay(fixture.exchanges);
    const client = new TranscribeClient({ region: REGION, endpoint: replay.endpoint, credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: 'x' } });
    cleanups.push(async () => {
      client.destroy();
      await replay.close();
    });
    const transcriber = new AwsTranscriber({
      client,
      bucket: 'voicefiles-test-blobs',
      maxWaitMs: 60_000,
      sleep: (_ms, signal) => {
        controller.abort();
        return delay(0, undefined, { signal });
      },
    });
    await expect(transcriber.transcribe({ ...fixture.input, signal: controller.signal })).rejects.toMatchObject({ code: 'aborted' });
    expect(replay.recorded).toHaveLength(1);
  });

  it('wire-contract: a type Amazon Transcribe does not take is refused before any request', async () => {
    const { replay, run } = await setUp({ ...loadFixture('bad-request'), input: { storageKey: 'tenants/x/blobs/y', mimeType: 'image/png', locale: 'en' } });
    await expect(run()).rejects.toMatchObject({ name: 'TranscriptionUnsupportedError', reason: 'format', value: 'image/png' });
    expect(replay.recorded).toEqual([]);
  });
});
