import { execFile } from 'node:child_process';
import { pocketsphinxAvailable } from '../../adapters/transcribe/pocketsphinx.transcriber.ts';
import { serviceAvailable } from './services.ts';

/** The offline transcription tools (pocketsphinx with its en-us model, sox) and espeak-ng to synthesise test speech; each missing one is a named skip. */
export async function offlineSpeechAvailable(): Promise<boolean> {
  const recogniser = await serviceAvailable('pocketsphinx (pocketsphinx_continuous, en-us model, sox; Debian packages pocketsphinx, pocketsphinx-en-us, sox)', () => pocketsphinxAvailable());
  const synthesiser = await serviceAvailable(
    'espeak-ng (test speech synthesis; Debian package espeak-ng)',
    () => new Promise((resolve) => execFile('espeak-ng', ['--version'], { timeout: 5_000 }, (error) => resolve(!error))),
  );
  return recogniser && synthesiser;
}
