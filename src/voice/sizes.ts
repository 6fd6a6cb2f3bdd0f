import type { Locale } from '../domain/tenant.ts';
import { cardinalWords } from './number-words.ts';

// Binary units, so spoken sizes agree with the upload limits (configured in MiB).
const UNITS = [
  { bytes: 1024, en: 'kilobyte', de: 'Kilobyte' },
  { bytes: 1024 ** 2, en: 'megabyte', de: 'Megabyte' },
  { bytes: 1024 ** 3, en: 'gigabyte', de: 'Gigabyte' },
  { bytes: 1024 ** 4, en: 'terabyte', de: 'Terabyte' },
] as const;

/**
 * A file size the way a person says it, never a raw byte count: rounded to the
 * nearest half below ten ("about two and a half megabytes" / "etwa
 * zweieinhalb Megabyte"), to whole numbers below a hundred and to two
 * significant figures above ("about three hundred forty kilobytes").
 * Tiny sizes are "a few bytes" / "less than a kilobyte".
 */
export function spokenSize(locale: Locale, bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) throw new RangeError(`spokenSize: ${bytes} is not a size in bytes`);
  const de = locale === 'de';
  if (bytes === 0) return de ? 'null Byte' : 'zero bytes';
  if (bytes < 100) return de ? 'ein paar Byte' : 'a few bytes';
  if (bytes < 1000) return de ? 'weniger als ein Kilobyte' : 'less than a kilobyte';
  let index = UNITS.findIndex((unit) => bytes / unit.bytes < 1000);
  if (index === -1) index = UNITS.length - 1;
  let amount = roundForSpeech(bytes / UNITS[index]!.bytes);
  if (amount >= 1000 && index < UNITS.length - 1) {
    index += 1;
    amount = 1;
  }
  const unit = UNITS[index]!;
  return de ? `etwa ${germanAmount(amount)} ${unit.de}` : `about ${englishAmount(amount)} ${amount === 1 ? unit.en : `${unit.en}s`}`;
}

/** Halves below ten, whole numbers below a hundred, two significant figures above; never below one. */
function roundForSpeech(value: number): number {
  if (value < 9.75) return Math.max(1, Math.round(value * 2) / 2);
  if (value < 99.5) return Math.round(value);
  const step = 10 ** (Math.floor(Math.log10(value)) - 1);
  return Math.round(value / step) * step;
}

function englishAmount(amount: number): string {
  const whole = Math.floor(amount);
  const words = cardinalWords(whole, 'en');
  return amount === whole ? words : `${words} and a half`;
}

function germanAmount(amount: number): string {
  const whole = Math.floor(amount);
  if (amount === whole) return whole === 1 ? 'ein' : cardinalWords(whole, 'de');
  return `${whole === 1 ? 'ein' : cardinalWords(whole, 'de')}einhalb`;
}
