import { execFile, spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Locale } from '../../src/domain/tenant.ts';
import type { Transcriber, Transcript } from '../../src/ports/transcriber.port.ts';
import { ByteLimit, closed, collectText, keepTail, type ChildEnd } from './child-process-io.ts';
import { PCM_BYTES_PER_SECOND, PCM_SAMPLE_RATE, readableSoxTypes, soxToPcmArgs, soxTypeFor } from './sox-audio.ts';
import { TranscriptionError, TranscriptionUnsupportedError } from './transcription-errors.ts';

const ENGINE = 'pocketsphinx';
/** Where Debian's pocketsphinx-en-us puts the US English model. */
export const DEFAULT_MODEL_DIR = '/usr/share/pocketsphinx/model/en-us';

export interface PocketsphinxTranscriberOptions {
  /** Opens the stored blob as a stream (wired to BlobStore.get). */
  openBlob: (storageKey: string) => Promise<Readable>;
  /** Wall-clock limit for one transcription; both processes are killed when it passes. */
  timeoutMs: number;
  /** Only the first `maxSeconds` of audio are recognised; the rest is decoded just to measure the duration. */
  maxSeconds: number;
  /** Directory holding `en-us/`, `en-us.lm.bin` and `cmudict-en-us.dict`. */
  modelDir?: string;
  soxPath?: string;
  /** The 0.8/5prealpha CLI that Debian 12 ships (not the 5.x `pocketsphinx` command). */
  pocketsphinxPath?: string;
}

/**
 * Offline speech to text: blob stream -> `sox` (to 16 kHz mono PCM) -> `pocketsphinx_continuous`,
 * all through pipes. English only, since only the en-us model exists here: any other
 * locale throws TranscriptionUnsupportedError (reason 'language') before any work, rather
 * than returning an empty transcript that would read as "a recording with no speech".
 * Formats sox cannot read throw the same error with reason 'format'.
 */
export class PocketsphinxTranscriber implements Transcriber {
  readonly name = ENGINE;
  /** Locales with a model. */
  readonly locales: readonly Locale[] = ['en'];
  private readonly options: Required<PocketsphinxTranscriberOptions>;

  constructor(options: PocketsphinxTranscriberOptions) {
    this.options = { modelDir: DEFAULT_MODEL_DIR, soxPath: 'sox', pocketsphinxPath: 'pocketsphinx_continuous', ...options };
  }

  async transcribe(input: { storageKey: string; mimeType: string; locale: Locale; signal?: AbortSignal }): Promise<Transcript> {
    if (!this.locales.includes(input.locale)) {
      throw new TranscriptionUnsupportedError(ENGINE, 'language', input.locale, `pocketsphinx has no model for locale '${input.locale}' (only en-us is installed)`);
    }
    const soxType = soxTypeFor(input.mimeType);
    const readable = soxType
      ? await readableSoxTypes(this.options.soxPath).catch((error: unknown) => {
        throw new TranscriptionError(ENGINE, 'engine_failed', `sox is not usable: ${String(error)}`, { cause: error });
      })
      : null;
    if (!soxType || !readable?.has(soxType)) {
      throw new TranscriptionUnsupportedError(ENGINE, 'format', input.mimeType, `sox on this machine cannot read ${input.mimeType}`);
    }
    const run = new AbortController();
    const timer = setTimeout(() => run.abort(new TranscriptionError(ENGINE, 'timeout', `transcription took longer than ${this.options.timeoutMs} ms; killed`)), this.options.timeoutMs);
    const onCallerAbort = () => run.abort(new TranscriptionError(ENGINE, 'aborted', 'transcription aborted by the caller', { cause: input.signal?.reason }));
    if (input.signal?.aborted) onCallerAbort();
    input.signal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      const body = await this.open(input.storageKey, run.signal);
      const { text, pcmBytes } = await this.recognise(body, soxType, run.signal);
      return { text, language: input.locale, durationSeconds: pcmBytes / PCM_BYTES_PER_SECOND };
    } finally {
      clearTimeout(timer);
      input.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  /** Open the blob unless the run is aborted first; a stream that arrives too late is destroyed. */
  private async open(storageKey: string, signal: AbortSignal): Promise<Readable> {
    signal.throwIfAborted();
    const opening = this.options.openBlob(storageKey);
    return new Promise<Readable>((resolve, reject) => {
      const onAbort = () => {
        opening.then((late) => late.destroy(), () => {});
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      opening.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  private async recognise(body: Readable, soxType: string, signal: AbortSignal): Promise<{ text: string; pcmBytes: number }> {
    if (signal.aborted) {
      body.destroy();
      throw signal.reason;
    }
    const { soxPath, pocketsphinxPath, modelDir } = this.options;
    const sox = spawn(soxPath, soxToPcmArgs(soxType), { stdio: ['pipe', 'pipe', 'pipe'] });
    const soxEnd = closed(sox);
    // pocketsphinx_continuous can only fopen() its input, and Node's stdio pipes are sockets,
    // which /dev/stdin cannot open (ENXIO); `cat |` gives it a real pipe. Its own process
    // group (detached) lets a kill reach sh, cat and pocketsphinx together.
    const recogniser = spawn('/bin/sh', ['-c', 'cat | "$0" "$@"', pocketsphinxPath, '-infile', '/dev/stdin',
      '-hmm', path.join(modelDir, 'en-us'), '-lm', path.join(modelDir, 'en-us.lm.bin'), '-dict', path.join(modelDir, 'cmudict-en-us.dict'),
    ], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    const recogniserEnd = closed(recogniser);
    const soxStderr = keepTail(sox.stderr);
    const recogniserStderr = keepTail(recogniser.stderr);
    const stdout = collectText(recogniser.stdout);

    const kill = () => {
      body.destroy();
      sox.kill('SIGKILL');
      if (recogniser.pid !== undefined) {
        try {
          process.kill(-recogniser.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    };
    signal.addEventListener('abort', kill, { once: true });
    // Not stream.pipeline: it would turn sox closing its stdin into an error of `body`.
    // Only the blob's own errors are source failures; sox may stop reading once it has
    // what a header promised (EPIPE on its stdin), and its exit code says whether that was fine.
    let sourceError: unknown = body.errored ?? undefined;
    body.on('error', (error) => {
      sourceError = error;
      sox.stdin.destroy();
    });
    sox.stdin.on('error', () => body.destroy());
    body.pipe(sox.stdin);
    const limit = new ByteLimit(Math.floor(this.options.maxSeconds * PCM_SAMPLE_RATE) * 2);
    try {
      const [forward, soxResult, recogniserResult] = await Promise.all([
        pipeline(sox.stdout, limit, recogniser.stdin).then(() => null, (error: unknown) => error),
        soxEnd,
        recogniserEnd,
      ]);
      if (signal.aborted) throw signal.reason;
      // a failed read truncates the input, which sox may then report as undecodable
      if (sourceError) throw new TranscriptionError(ENGINE, 'source_failed', `reading the recording failed: ${String(sourceError)}`, { cause: sourceError });
      // recogniser first: when it dies, sox dies of the broken pipe and would be blamed
      if (recogniserResult.code !== 0) {
        const detail = fatalLines(recogniserStderr()) || String(recogniserResult.spawnError ?? `exit ${recogniserResult.code ?? recogniserResult.signal}`);
        throw new TranscriptionError(ENGINE, 'engine_failed', `pocketsphinx failed: ${detail}`, { cause: recogniserResult.spawnError });
      }
      if (soxResult.code !== 0) throw soxFailure(soxResult, soxStderr());
      if (forward) throw new TranscriptionError(ENGINE, 'engine_failed', `feeding pocketsphinx failed: ${String(forward)}`, { cause: forward });
      return { text: stdout().split('\n').map((line) => line.trim()).filter(Boolean).join(' '), pcmBytes: limit.bytesSeen };
    } finally {
      body.destroy();
      signal.removeEventListener('abort', kill);
    }
  }
}

function soxFailure(result: ChildEnd, stderr: string): TranscriptionError {
  const message = stderr.trim().split('\n').filter((line) => line.includes('FAIL')).join('; ') || stderr.trim();
  // sox exits 2 when it cannot read or decode its input (1 means bad arguments)
  if (result.code === 2) return new TranscriptionError(ENGINE, 'unreadable_audio', `the recording could not be decoded: ${message}`);
  return new TranscriptionError(ENGINE, 'engine_failed', `sox failed: ${message || String(result.spawnError ?? result.code)}`, { cause: result.spawnError });
}

function fatalLines(stderr: string): string {
  return stderr.split('\n').filter((line) => /FATAL|ERROR/.test(line)).slice(-3).join('; ');
}

/**
 * True when this machine can run the transcriber: sox answers, the pocketsphinx
 * CLI is on the PATH (or at `pocketsphinxPath`) and the en-us model files exist.
 */
export async function pocketsphinxAvailable(options: { soxPath?: string; pocketsphinxPath?: string; modelDir?: string } = {}): Promise<boolean> {
  const modelDir = options.modelDir ?? DEFAULT_MODEL_DIR;
  const executable = await commandExists(options.pocketsphinxPath ?? 'pocketsphinx_continuous');
  if (!executable) return false;
  const model = await Promise.all(['en-us/mdef', 'en-us.lm.bin', 'cmudict-en-us.dict'].map((file) => access(path.join(modelDir, file), constants.R_OK)))
    .then(() => true, () => false);
  if (!model) return false;
  return readableSoxTypes(options.soxPath).then((types) => types.has('wav'), () => false);
}

function commandExists(command: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('/bin/sh', ['-c', 'command -v "$0"', command], { timeout: 5_000 }, (error) => resolve(!error));
  });
}
