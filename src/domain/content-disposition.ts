/** RFC 5987 attr-char: everything else in `filename*` is percent-encoded. */
const ATTR_CHAR = /^[A-Za-z0-9!#$&+\-.^_`|~]$/;

/**
 * `Content-Disposition: attachment` for a download, per RFC 6266: an ASCII
 * `filename` fallback for old clients, plus `filename*` with the exact UTF-8
 * name when the fallback had to change it. The result is pure ASCII, so it is
 * safe as an HTTP header and as an S3 `response-content-disposition`.
 */
export function contentDisposition(fileName: string): string {
  if (fileName === '') return 'attachment';
  const fallback = asciiFallback(fileName);
  const header = `attachment; filename="${fallback}"`;
  return fallback === fileName ? header : `${header}; filename*=UTF-8''${encodeExtValue(fileName)}`;
}

/** Diacritics dropped ("Müller" -> "Muller"); anything else outside printable ASCII, and `"` `\` `%`, become `_`. */
function asciiFallback(fileName: string): string {
  return fileName
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7E]|["\\%]/g, '_');
}

function encodeExtValue(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value.normalize('NFC'), 'utf8')) {
    const char = String.fromCharCode(byte);
    out += byte < 0x80 && ATTR_CHAR.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
