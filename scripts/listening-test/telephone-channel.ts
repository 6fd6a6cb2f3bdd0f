/**
 * One utterance of the listening test: espeak-ng speaks a word, sox passes it
 * through a telephone-band channel (300-3400 Hz, 8 kHz, 16 bit) and mixes in
 * pink noise at a fixed signal-to-noise ratio, then resamples to the 16 kHz that
 * the pocketsphinx en-us model expects (the band stays limited, as a phone line
 * would leave it). sox runs in repeatable mode (-R), so the same word in the same
 * condition always gives the same file.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** How one word is spoken and degraded. */
export interface Condition {
  /** espeak-ng voice, e.g. `en-us` or `en-us+f1`. */
  voice: string;
  /** Words per minute. */
  speed: number;
}

/** Pink noise from `sox synth pinknoise vol 1` measures this RMS amplitude (sox stat). */
const PINK_NOISE_RMS_AT_VOL_1 = 0.1408;
/** Silence before and after the word, in seconds, as a caller's line would have. */
const PAD_SECONDS = 0.4;

/** A short name for a condition, used in file names and results: `en-us+f1@180`. */
export function conditionName(condition: Condition): string {
  return `${condition.voice}@${condition.speed}`;
}

/**
 * Write `outFile` (16 kHz mono WAV): `word` spoken in `condition`, band-limited to
 * 300-3400 Hz at 8 kHz, with pink noise `snrDb` below the speech's RMS level.
 * `scratch` is a path prefix for the intermediate files.
 */
export async function speakThroughPhoneLine(word: string, condition: Condition, snrDb: number, scratch: string, outFile: string): Promise<void> {
  const raw = `${scratch}.raw.wav`;
  const band = `${scratch}.band.wav`;
  const noise = `${scratch}.noise.wav`;
  await run('espeak-ng', ['-v', condition.voice, '-s', String(condition.speed), '-w', raw, word]);
  await run('sox', ['-R', raw, '-r', '8000', '-b', '16', band, 'sinc', '300-3400', 'norm', '-3']);
  const { stderr } = await run('sox', [band, '-n', 'stat']);
  const rms = Number(/RMS\s+amplitude:\s+([\d.]+)/.exec(stderr)?.[1]);
  const { stdout: seconds } = await run('soxi', ['-D', band]);
  if (!Number.isFinite(rms) || rms <= 0) throw new Error(`could not measure the level of "${word}" (${conditionName(condition)})`);
  const volume = (rms * 10 ** (-snrDb / 20)) / PINK_NOISE_RMS_AT_VOL_1;
  const duration = Number(seconds) + 2 * PAD_SECONDS;
  await run('sox', ['-R', '-n', '-r', '8000', '-b', '16', '-c', '1', noise, 'synth', duration.toFixed(3), 'pinknoise', 'vol', volume.toFixed(6)]);
  const padded = `${scratch}.padded.wav`;
  await run('sox', ['-R', band, padded, 'pad', String(PAD_SECONDS), String(PAD_SECONDS)]);
  // -v 1 on each input: sox -m would otherwise halve both, which keeps the ratio but lowers the level.
  await run('sox', ['-R', '-m', '-v', '1', padded, '-v', '1', noise, '-r', '16000', '-b', '16', '-e', 'signed-integer', outFile]);
}
