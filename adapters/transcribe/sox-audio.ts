import { execFile } from 'node:child_process';
import { baseMimeType } from './transcription-errors.ts';

/** What the recogniser is fed: 16 kHz, mono, signed 16-bit little-endian raw PCM. */
export const PCM_SAMPLE_RATE = 16_000;
export const PCM_BYTES_PER_SECOND = PCM_SAMPLE_RATE * 2;

/**
 * MIME type -> sox input type (`-t`). Which of these the local sox can read is
 * checked at run time (`readableSoxTypes`): Debian's libsox-fmt-base has wav,
 * flac, ogg (Vorbis), aiff and au, but mp3 needs libsox-fmt-mp3 and opus
 * libsox-fmt-opus. MP4/M4A and WebM containers are never readable by sox.
 */
const SOX_TYPES: Readonly<Record<string, string>> = {
  'audio/wav': 'wav',
  'audio/wave': 'wav',
  'audio/x-wav': 'wav',
  'audio/vnd.wave': 'wav',
  'audio/flac': 'flac',
  'audio/x-flac': 'flac',
  'audio/ogg': 'ogg',
  'application/ogg': 'ogg',
  'audio/opus': 'opus',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/aiff': 'aiff',
  'audio/x-aiff': 'aiff',
  'audio/basic': 'au',
};

/** The sox input type for a MIME type, or null when sox has no reader for it at all. */
export function soxTypeFor(mimeType: string): string | null {
  return SOX_TYPES[baseMimeType(mimeType)] ?? null;
}

/**
 * Arguments for `sox` reading `type` from stdin and writing recogniser PCM to stdout.
 * `-D` (no dither) keeps the output deterministic: sox dithers with a random seed
 * otherwise, and pocketsphinx's answer shifts with it.
 */
export function soxToPcmArgs(type: string): string[] {
  return [
    '-V1', '-D', '-R',
    '-t', type, '-',
    '-t', 'raw', '-r', String(PCM_SAMPLE_RATE), '-c', '1', '-b', '16', '-e', 'signed-integer', '-L', '-',
  ];
}

const formatCache = new Map<string, Promise<ReadonlySet<string>>>();

/** The file types this sox binary can read, from the "AUDIO FILE FORMATS:" line of `sox -h` (cached). */
export function readableSoxTypes(soxPath = 'sox'): Promise<ReadonlySet<string>> {
  let cached = formatCache.get(soxPath);
  if (!cached) {
    cached = new Promise((resolve, reject) => {
      // `sox -h` exits non-zero on some builds while printing the help it was asked for.
      execFile(soxPath, ['-h'], { timeout: 5_000 }, (error, stdout) => {
        const line = stdout.split('\n').find((l) => l.startsWith('AUDIO FILE FORMATS:'));
        if (!line) return reject(error ?? new Error(`${soxPath} -h did not list its formats`));
        resolve(new Set(line.slice('AUDIO FILE FORMATS:'.length).trim().split(/\s+/)));
      });
    });
    cached.catch(() => formatCache.delete(soxPath));
    formatCache.set(soxPath, cached);
  }
  return cached;
}
