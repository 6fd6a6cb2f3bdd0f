import contentDisposition from 'content-disposition';

/**
 * `Content-Disposition: attachment` for a download, per RFC 6266, built by the
 * `content-disposition` package: an ASCII `filename` fallback for old clients
 * (diacritics dropped, "Müller" -> "Muller"; anything else outside printable
 * ASCII, and `"` `\` `%`, become `_`), plus `filename*` (RFC 5987, UTF-8) with the
 * exact name when the fallback had to change it. The result is pure ASCII, so it
 * is safe as an HTTP header and as an S3 `response-content-disposition`.
 * Stored names never hold a slash or a backslash (intake refuses them); should one appear it
 * becomes `_`, because the package would otherwise keep only what follows it.
 */
export function attachmentDisposition(fileName: string): string {
  const name = fileName.normalize('NFC').replace(/[/\\]/g, '_');
  if (name === '') return 'attachment';
  return contentDisposition(name, { type: 'attachment', fallback: asciiFallback(name) });
}

function asciiFallback(fileName: string): string {
  return fileName
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7E]|["\\%]/g, '_');
}
