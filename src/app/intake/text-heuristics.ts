/** How the first bytes of a file that claims to be text look. */
export type TextVerdict = 'text' | 'binary' | 'script';

type Encoding = 'utf8' | 'utf16le' | 'utf16be';

/**
 * Whether `head` (the sniffing window) is plain text: no NUL, few control
 * characters, and no `#!` script line, looked for after any byte-order mark
 * (UTF-8, UTF-16 LE or BE), so a BOM cannot hide a script. UTF-16 is judged by
 * its code units, where NUL bytes are ordinary.
 */
export function looksLikeText(head: Uint8Array): TextVerdict {
  const { encoding, body } = withoutBom(head);
  const units = codeUnits(body, encoding);
  if (units[0] === 0x23 && units[1] === 0x21) return 'script';
  let control = 0;
  for (const unit of units) {
    if (unit === 0) return 'binary';
    if (unit < 0x09 || (unit > 0x0d && unit < 0x20 && unit !== 0x1b)) control++;
  }
  return control <= units.length / 100 ? 'text' : 'binary';
}

/** Bytes of a UTF-8 or UTF-16 byte-order mark at the start of `head`: 0, 2 or 3. */
export function byteOrderMarkLength(head: Uint8Array): number {
  return head.length - withoutBom(head).body.length;
}

function withoutBom(head: Uint8Array): { encoding: Encoding; body: Uint8Array } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf8', body: head.subarray(3) };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf16le', body: head.subarray(2) };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf16be', body: head.subarray(2) };
  return { encoding: 'utf8', body: head };
}

/** Bytes for UTF-8 (control characters are single bytes there), 16-bit units for UTF-16; a trailing odd byte is ignored. */
function codeUnits(body: Uint8Array, encoding: Encoding): Uint8Array | Uint16Array {
  if (encoding === 'utf8') return body;
  const units = new Uint16Array(body.length >> 1);
  for (let i = 0; i < units.length; i++) {
    const a = body[2 * i]!;
    const b = body[2 * i + 1]!;
    units[i] = encoding === 'utf16le' ? a | (b << 8) : (a << 8) | b;
  }
  return units;
}
