/**
 * pdfjs-dist's legacy build (the one pdf-parse imports) carries core-js, which on
 * V8 < 12.2 (Node 20) force-replaces `Array.prototype.push`, `JSON.parse` and
 * `Function.prototype.toString` with JavaScript versions for process-wide
 * spec edge cases (array-likes longer than 2^32, JSON source text access). That
 * slows every push and every JSON.parse in the process; pdf.js text extraction,
 * which pushes once per glyph, costs about 20% more CPU. This module snapshots the native functions when it is evaluated, so
 * it must be imported BEFORE pdf-parse; `restoreNativeBuiltins()` puts them back
 * after pdf.js (and its lazily loaded worker) has run its polyfills. Polyfills
 * that add missing features (Promise.withResolvers, Uint8Array.toHex...) stay.
 */
type Owner = Record<string, unknown>;

const NATIVE: readonly [Owner, string, unknown][] = [
  [Array.prototype as unknown as Owner, 'push', Array.prototype.push],
  [JSON as unknown as Owner, 'parse', JSON.parse],
  [Function.prototype as unknown as Owner, 'toString', Function.prototype.toString],
];

/** Put back the native functions replaced since this module was loaded; cheap when nothing changed. */
export function restoreNativeBuiltins(): void {
  for (const [owner, key, value] of NATIVE) {
    if (owner[key] !== value) Object.defineProperty(owner, key, { value, writable: true, enumerable: false, configurable: true });
  }
}
