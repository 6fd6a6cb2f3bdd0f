import { describe, expect, it } from 'vitest';
import { AWS_LANGUAGE_CODES, mediaFormatFor, transcriptionJobName, transcriptText } from '../../../adapters/transcribe/aws-transcribe-request.ts';
import { loadFixture } from './aws-replay.server.ts';

const KEY = 'tenants/6f1c2a9e-3b4d-4e5f-8a6b-7c8d9e0f1a2b/blobs/a1b2c3d4-0001-4000-8000-000000000001';

describe('Amazon Transcribe request mapping', () => {
  it('names a job the same for the same object and language, differently otherwise', () => {
    const name = transcriptionJobName('voicefiles', 'bucket-a', KEY, 'en-US');
    expect(transcriptionJobName('voicefiles', 'bucket-a', KEY, 'en-US')).toBe(name);
    expect(name).toMatch(/^voicefiles-[0-9a-f]{40}$/);
    const others = [
      transcriptionJobName('voicefiles', 'bucket-b', KEY, 'en-US'),
      transcriptionJobName('voicefiles', 'bucket-a', `${KEY}-v2`, 'en-US'),
      transcriptionJobName('voicefiles', 'bucket-a', KEY, 'de-DE'),
      transcriptionJobName('staging', 'bucket-a', KEY, 'en-US'),
    ];
    expect(new Set([name, ...others]).size).toBe(5);
  });

  it('refuses a prefix that would make an invalid job name', () => {
    expect(() => transcriptionJobName('voice files', 'b', KEY, 'en-US')).toThrow(/invalid transcription job name prefix/);
  });

  it('maps locales to Transcribe language codes', () => {
    expect(AWS_LANGUAGE_CODES).toEqual({ en: 'en-US', de: 'de-DE' });
  });

  it.each([
    ['audio/mpeg', 'mp3'],
    ['audio/mp4', 'm4a'],
    ['audio/x-m4a', 'm4a'],
    ['Audio/WAV; codecs=1', 'wav'],
    ['audio/x-wav', 'wav'],
    ['audio/flac', 'flac'],
    ['audio/ogg', 'ogg'],
    ['audio/opus', 'ogg'],
    ['audio/webm', 'webm'],
    ['video/mp4', 'mp4'],
    ['audio/amr', 'amr'],
    ['image/png', null],
    ['audio/aiff', null],
  ])('MediaFormat for %s is %s', (mime, format) => {
    expect(mediaFormatFor(mime)).toBe(format);
  });

  it('reads results.transcripts[0].transcript from an output document', () => {
    const document = JSON.stringify(loadFixture('output-bucket').outputObject);
    expect(transcriptText(document)).toBe('Sign the contract by Friday.');
    expect(transcriptText(JSON.stringify({ results: { transcripts: [] } }))).toBe('');
  });

  it.each([['not json'], ['null'], ['{"results":{}}'], ['{"results":{"transcripts":[{"transcript":3}]}}']])('rejects a malformed document: %s', (document) => {
    expect(transcriptText(document)).toBeNull();
  });
});
