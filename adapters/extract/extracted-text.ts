import type { Extraction } from '../../src/ports/extractor.port.ts';
import { guessLanguage } from './language-guess.ts';

/** Cut `text` to at most `maxBytes` of UTF-8, on a character boundary. */
export function capUtf8(text: string, maxBytes: number): { text: string; truncated: boolean } {
  // Every UTF-16 code unit encodes to at most 3 UTF-8 bytes: short strings need no encoding pass.
  if (text.length * 3 <= maxBytes || Buffer.byteLength(text, 'utf8') <= maxBytes) return { text, truncated: false };
  const bytes = Buffer.from(text.slice(0, maxBytes), 'utf8');
  let end = Math.min(maxBytes, bytes.length);
  // Step back over continuation bytes (10xxxxxx) so no character is split.
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end -= 1;
  return { text: bytes.subarray(0, end).toString('utf8'), truncated: true };
}

export function countWords(text: string): number {
  let count = 0;
  for (const _ of text.matchAll(/[\p{L}\p{N}]+/gu)) count += 1;
  return count;
}

/**
 * Collects text in pieces and stops taking more once the cap is reached, so an
 * extractor can stop early instead of building text it would throw away.
 */
export class TextCollector {
  private readonly parts: string[] = [];
  private bytes = 0;
  private overflow = false;

  constructor(private readonly maxBytes: number) {}

  /** Append a piece; returns false once the cap is reached (stop producing). */
  push(piece: string): boolean {
    if (this.full) {
      if (piece.length > 0) this.overflow = true;
      return false;
    }
    this.parts.push(piece);
    this.bytes += Buffer.byteLength(piece, 'utf8');
    return !this.full;
  }

  /** Mark that content was skipped for a reason other than the text cap (row or page caps). */
  markTruncated(): void {
    this.overflow = true;
  }

  get full(): boolean {
    return this.bytes >= this.maxBytes;
  }

  finish(): { text: string; truncated: boolean } {
    const capped = capUtf8(this.parts.join(''), this.maxBytes);
    return { text: capped.text, truncated: capped.truncated || this.overflow };
  }
}

/** Build the port's result: capped text plus wordCount and language next to the family's metadata. */
export function buildExtraction(
  text: string,
  options: { maxTextBytes: number; truncated?: boolean; metadata?: Record<string, unknown> },
): Extraction {
  const capped = capUtf8(text, options.maxTextBytes);
  const metadata: Record<string, unknown> = { ...options.metadata, wordCount: countWords(capped.text) };
  const language = guessLanguage(capped.text);
  if (language !== undefined) metadata.language = language;
  for (const [key, value] of Object.entries(metadata)) if (value === undefined || value === '') delete metadata[key];
  return { text: capped.text, truncated: capped.truncated || options.truncated === true, metadata };
}
