import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PocketsphinxTranscriber } from '../../../adapters/transcribe/pocketsphinx.transcriber.ts';
import { readableSoxTypes } from '../../../adapters/transcribe/sox-audio.ts';
import { offlineSpeechAvailable } from '../../support/speech-tools.ts';

// A klatt voice at 170 wpm is what pocketsphinx's en-us model recognises best of the
// espeak-ng voices tried; on wav/flac/ogg it gets 3-4 of these 6 content words
// (checked over repeated runs and with dithered input as a perturbation).
const PHRASE = 'the quarterly report is ready for the board meeting on monday';
const CONTENT_WORDS = ['quarterly', 'report', 'ready', 'board', 'meeting', 'monday'];
const MIN_OVERLAP = 2;

const available = await offlineSpeechAvailable();
const soxReadsMp3 = available && (await readableSoxTypes()).has('mp3');
const title = available ? 'pocketsphinx.transcriber' : 'pocketsphinx.transcriber [skipped: pocketsphinx, sox or espeak-ng not installed]';

function overlap(text: string): string[] {
  const words = new Set(text.toLowerCase().split(/\s+/));
  return CONTENT_WORDS.filter((word) => words.has(word));
}

/** PIDs of live (not zombie) sox / pocketsphinx processes, read from /proc. */
function audioProcesses(): Set<number> {
  const pids = new Set<number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // /proc/<pid>/stat: "pid (comm) state ..."; a killed orphan stays a zombie until init reaps it
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      if ((comm === 'sox' || comm.startsWith('pocketsphinx')) && state !== 'Z') pids.add(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  return pids;
}

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return check();
}

describe.skipIf(!available)(title, () => {
  let dir = '';
  const file = (name: string) => path.join(dir, name);
  const transcriber = (options: { timeoutMs?: number; maxSeconds?: number; openBlob?: (key: string) => Promise<Readable> } = {}) =>
    new PocketsphinxTranscriber({ openBlob: async (key) => createReadStream(file(key)), timeoutMs: 15_000, maxSeconds: 600, ...options });

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'voicefiles-transcribe-'));
    execFileSync('espeak-ng', ['-v', 'en-us+klatt', '-s', '170', '-w', file('speech.wav'), PHRASE]);
    execFileSync('sox', ['-D', file('speech.wav'), '-r', '44100', '-c', '2', file('speech-stereo.flac')]);
    execFileSync('sox', ['-D', file('speech.wav'), file('speech.ogg')]);
    execFileSync('sox', [file('speech.wav'), file('long.wav'), 'repeat', '9']); // 33 s: keeps pocketsphinx busy for seconds
    execFileSync('sox', ['-n', '-r', '16000', '-c', '1', '-b', '16', file('silence.wav'), 'trim', '0', '1']);
    const riffThenJunk = Buffer.concat([Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1'), Buffer.alloc(400, 0x5a)]);
    writeFileSync(file('corrupt.wav'), riffThenJunk);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['speech.wav', 'audio/wav', 'wav, 22.05 kHz mono'],
    ['speech-stereo.flac', 'audio/flac', 'flac, 44.1 kHz stereo'],
    ['speech.ogg', 'audio/ogg', 'ogg vorbis'],
  ])('transcribes %s (%s, %s) with at least 2 of the 6 content words', async (name, mimeType) => {
    const started = performance.now();
    const transcript = await transcriber().transcribe({ storageKey: name, mimeType, locale: 'en' });
    const seconds = (performance.now() - started) / 1000;
    const hits = overlap(transcript.text);
    console.info(`[measure] pocketsphinx ${name}: ${transcript.durationSeconds?.toFixed(2)} s of audio in ${seconds.toFixed(2)} s ` +
      `= ${((transcript.durationSeconds ?? 0) / seconds).toFixed(2)} s of audio per second (model load included); "${transcript.text}"`);
    expect(hits.length, `transcript "${transcript.text}" matched ${hits.join(', ') || 'nothing'}`).toBeGreaterThanOrEqual(MIN_OVERLAP);
    expect(transcript.language).toBe('en');
    expect(transcript.durationSeconds).toBeCloseTo(3.32, 1);
  });

  it('gives an empty transcript and the exact duration for a second of silence', async () => {
    const transcript = await transcriber().transcribe({ storageKey: 'silence.wav', mimeType: 'audio/wav', locale: 'en' });
    expect(transcript).toEqual({ text: '', language: 'en', durationSeconds: 1 });
  });

  it('recognises only the first maxSeconds but reports the whole duration', async () => {
    const capped = await transcriber({ maxSeconds: 1 }).transcribe({ storageKey: 'speech.wav', mimeType: 'audio/wav', locale: 'en' });
    expect(capped.durationSeconds).toBeCloseTo(3.32, 1);
    // "board meeting on monday" is spoken after the first second
    expect(overlap(capped.text).filter((word) => ['board', 'meeting', 'monday'].includes(word)), capped.text).toEqual([]);
  });

  it('rejects a corrupt WAV with a clear, permanent unreadable_audio error naming sox\'s reason', async () => {
    const error = await transcriber().transcribe({ storageKey: 'corrupt.wav', mimeType: 'audio/wav', locale: 'en' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TranscriptionError', code: 'unreadable_audio', retryable: false });
    expect((error as Error).message).toMatch(/could not be decoded: sox FAIL formats: can't open input/);
  });

  it('reports a stream that fails part way as source_failed (retryable)', async () => {
    const wav = readFileSync(file('speech.wav'));
    const failing = () => Readable.from((async function* () {
      yield wav.subarray(0, 20_000);
      throw new Error('storage connection reset');
    })());
    const error = await transcriber({ openBlob: async () => failing() }).transcribe({ storageKey: 'x', mimeType: 'audio/wav', locale: 'en' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TranscriptionError', code: 'source_failed', retryable: true });
    expect((error as Error).message).toContain('storage connection reset');
  });

  it('kills sox and pocketsphinx when the time limit passes (busy recogniser, stalled stream)', async () => {
    const before = audioProcesses();
    const stalled = new PassThrough();
    stalled.write(readFileSync(file('long.wav'))); // seconds of work for pocketsphinx, and the stream never ends
    const started = Date.now();
    const pending = transcriber({ timeoutMs: 1_500, openBlob: async () => stalled }).transcribe({ storageKey: 'x', mimeType: 'audio/wav', locale: 'en' });
    const outcome = pending.catch((e: unknown) => e);
    const ours = () => [...audioProcesses()].filter((pid) => !before.has(pid));
    expect(await until(() => ours().length >= 2, 1_400), 'sox and pocketsphinx were running').toBe(true);
    const running = ours();
    const error = await outcome;
    expect(error).toMatchObject({ name: 'TranscriptionError', code: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1_500 + 1_000);
    expect(await until(() => running.every((pid) => !audioProcesses().has(pid)), 1_000), `left running: ${running.join(', ')}`).toBe(true);
    expect(stalled.destroyed).toBe(true);
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = transcriber({ openBlob: async () => new PassThrough() }).transcribe({ storageKey: 'x', mimeType: 'audio/wav', locale: 'en', signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toMatchObject({ code: 'aborted', retryable: true });
  });

  it.skipIf(soxReadsMp3)('declares audio/mpeg unsupported (this sox has no mp3 reader) without opening the blob', async () => {
    const attempt = transcriber({ openBlob: () => Promise.reject(new Error('must not be opened')) })
      .transcribe({ storageKey: 'speech.wav', mimeType: 'audio/mpeg', locale: 'en' });
    await expect(attempt).rejects.toMatchObject({ name: 'TranscriptionUnsupportedError', reason: 'format', value: 'audio/mpeg', retryable: false });
  });
});
