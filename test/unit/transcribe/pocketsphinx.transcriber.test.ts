import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ByteLimit } from '../../../adapters/transcribe/child-process-io.ts';
import { pocketsphinxAvailable, PocketsphinxTranscriber } from '../../../adapters/transcribe/pocketsphinx.transcriber.ts';
import { soxToPcmArgs, soxTypeFor } from '../../../adapters/transcribe/sox-audio.ts';
import { TranscriptionError } from '../../../adapters/transcribe/transcription-errors.ts';

/** These need no binaries: they stop before sox or pocketsphinx would run. */
describe('pocketsphinx.transcriber without running the engine', () => {
  const opened: string[] = [];
  const transcriber = new PocketsphinxTranscriber({
    openBlob: async (key) => {
      opened.push(key);
      return Readable.from([]);
    },
    timeoutMs: 1_000,
    maxSeconds: 60,
    soxPath: '/nonexistent/sox',
  });

  it("declines locale 'de' (no German model) before opening the blob", async () => {
    await expect(transcriber.transcribe({ storageKey: 'k', mimeType: 'audio/wav', locale: 'de' })).rejects.toMatchObject({
      name: 'TranscriptionUnsupportedError', code: 'transcription_unsupported', reason: 'language', value: 'de', retryable: false, engine: 'pocketsphinx',
    });
    expect(opened).toEqual([]);
  });

  it.each(['audio/mp4', 'audio/webm', 'application/pdf'])('declines %s, which sox cannot read, before opening the blob', async (mimeType) => {
    await expect(transcriber.transcribe({ storageKey: 'k', mimeType, locale: 'en' })).rejects.toMatchObject({ reason: 'format', value: mimeType });
    expect(opened).toEqual([]);
  });

  it('reports a missing sox as a retryable engine fault, not as an unsupported format', async () => {
    await expect(transcriber.transcribe({ storageKey: 'k', mimeType: 'audio/wav', locale: 'en' })).rejects.toMatchObject({
      name: 'TranscriptionError', code: 'engine_failed', retryable: true, message: expect.stringContaining('sox is not usable'),
    });
    expect(opened).toEqual([]);
  });

  it('is not available when the pocketsphinx binary or the model is missing', async () => {
    await expect(pocketsphinxAvailable({ pocketsphinxPath: '/nonexistent/pocketsphinx_continuous' })).resolves.toBe(false);
    await expect(pocketsphinxAvailable({ modelDir: '/nonexistent/model' })).resolves.toBe(false);
  });

  it('maps MIME types to sox input types', () => {
    expect(soxTypeFor('audio/x-wav')).toBe('wav');
    expect(soxTypeFor('AUDIO/FLAC; rate=44100')).toBe('flac');
    expect(soxTypeFor('audio/ogg')).toBe('ogg');
    expect(soxTypeFor('audio/mpeg')).toBe('mp3');
    expect(soxTypeFor('audio/mp4')).toBeNull();
  });

  it('asks sox for undithered 16 kHz mono s16le from stdin', () => {
    expect(soxToPcmArgs('flac').join(' ')).toBe('-V1 -D -R -t flac - -t raw -r 16000 -c 1 -b 16 -e signed-integer -L -');
  });

  it('passes only the first bytes up to the limit but counts them all', async () => {
    const limit = new ByteLimit(5);
    const out: Buffer[] = [];
    limit.on('data', (chunk: Buffer) => out.push(chunk));
    await new Promise((resolve) => {
      limit.on('end', resolve);
      limit.write(Buffer.from('abc'));
      limit.write(Buffer.from('defg'));
      limit.end(Buffer.from('hij'));
    });
    expect(Buffer.concat(out).toString()).toBe('abcde');
    expect(limit.bytesSeen).toBe(10);
  });

  it('marks decoder and job failures permanent, timeouts and faults retryable', () => {
    expect(new TranscriptionError('x', 'unreadable_audio', 'm').retryable).toBe(false);
    expect(new TranscriptionError('x', 'job_failed', 'm').retryable).toBe(false);
    expect(new TranscriptionError('x', 'rejected', 'm').retryable).toBe(false);
    expect(new TranscriptionError('x', 'timeout', 'm').retryable).toBe(true);
    expect(new TranscriptionError('x', 'engine_failed', 'm').retryable).toBe(true);
  });
});
