import type { FileKind } from './file.ts';

/**
 * The allow-list: accepted extensions, the MIME type we store, and what content
 * sniffing (magic bytes) may report for them. `text` types have no magic bytes;
 * they are accepted when the content is not binary.
 */
export interface AcceptedType {
  mime: string;
  kind: FileKind;
  /** MIME types that magic-byte sniffing may report for this extension; 'text' = no magic, must look like text. */
  sniffed: readonly string[] | 'text';
}

const ZIP_CONTAINER = ['application/zip'];
const OLE_CONTAINER = ['application/x-cfb'];

export const ACCEPTED_TYPES: Readonly<Record<string, AcceptedType>> = {
  pdf: { mime: 'application/pdf', kind: 'document', sniffed: ['application/pdf'] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', kind: 'document', sniffed: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', ...ZIP_CONTAINER] },
  doc: { mime: 'application/msword', kind: 'document', sniffed: OLE_CONTAINER },
  odt: { mime: 'application/vnd.oasis.opendocument.text', kind: 'document', sniffed: ['application/vnd.oasis.opendocument.text', ...ZIP_CONTAINER] },
  odp: { mime: 'application/vnd.oasis.opendocument.presentation', kind: 'document', sniffed: ['application/vnd.oasis.opendocument.presentation', ...ZIP_CONTAINER] },
  rtf: { mime: 'application/rtf', kind: 'document', sniffed: ['application/rtf'] },
  // E-mail: RFC 5322 messages are text (MIME bodies are 7-bit or 8-bit text); Outlook items are OLE containers.
  eml: { mime: 'message/rfc822', kind: 'document', sniffed: 'text' },
  msg: { mime: 'application/vnd.ms-outlook', kind: 'document', sniffed: OLE_CONTAINER },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', kind: 'spreadsheet', sniffed: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ...ZIP_CONTAINER, ...OLE_CONTAINER] },
  xls: { mime: 'application/vnd.ms-excel', kind: 'spreadsheet', sniffed: OLE_CONTAINER },
  ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', kind: 'spreadsheet', sniffed: ['application/vnd.oasis.opendocument.spreadsheet', ...ZIP_CONTAINER] },
  csv: { mime: 'text/csv', kind: 'spreadsheet', sniffed: 'text' },
  tsv: { mime: 'text/tab-separated-values', kind: 'spreadsheet', sniffed: 'text' },
  txt: { mime: 'text/plain', kind: 'text', sniffed: 'text' },
  md: { mime: 'text/markdown', kind: 'text', sniffed: 'text' },
  json: { mime: 'application/json', kind: 'text', sniffed: 'text' },
  wav: { mime: 'audio/wav', kind: 'audio', sniffed: ['audio/wav', 'audio/vnd.wave', 'audio/x-wav'] },
  mp3: { mime: 'audio/mpeg', kind: 'audio', sniffed: ['audio/mpeg'] },
  m4a: { mime: 'audio/mp4', kind: 'audio', sniffed: ['audio/mp4', 'audio/x-m4a', 'video/mp4'] },
  ogg: { mime: 'audio/ogg', kind: 'audio', sniffed: ['audio/ogg', 'audio/opus', 'application/ogg'] },
  opus: { mime: 'audio/opus', kind: 'audio', sniffed: ['audio/ogg', 'audio/opus'] },
  flac: { mime: 'audio/flac', kind: 'audio', sniffed: ['audio/flac', 'audio/x-flac'] },
  webm: { mime: 'audio/webm', kind: 'audio', sniffed: ['audio/webm', 'video/webm'] },
  png: { mime: 'image/png', kind: 'image', sniffed: ['image/png'] },
  jpg: { mime: 'image/jpeg', kind: 'image', sniffed: ['image/jpeg'] },
  jpeg: { mime: 'image/jpeg', kind: 'image', sniffed: ['image/jpeg'] },
  gif: { mime: 'image/gif', kind: 'image', sniffed: ['image/gif'] },
  webp: { mime: 'image/webp', kind: 'image', sniffed: ['image/webp'] },
  heic: { mime: 'image/heic', kind: 'image', sniffed: ['image/heic', 'image/heif'] },
  tif: { mime: 'image/tiff', kind: 'image', sniffed: ['image/tiff'] },
  tiff: { mime: 'image/tiff', kind: 'image', sniffed: ['image/tiff'] },
};

/** Executables and scripts: refused by name whatever their content. */
export const BLOCKED_EXTENSIONS: ReadonlySet<string> = new Set([
  'exe', 'dll', 'com', 'scr', 'msi', 'msp', 'bat', 'cmd', 'ps1', 'psm1', 'vbs', 'vbe', 'js', 'jse', 'mjs', 'cjs', 'wsf', 'wsh',
  'hta', 'cpl', 'jar', 'class', 'apk', 'app', 'dmg', 'pkg', 'deb', 'rpm', 'sh', 'bash', 'zsh', 'csh', 'py', 'pl', 'rb', 'php',
  'elf', 'bin', 'so', 'dylib', 'lnk', 'reg', 'scf', 'iso', 'img', 'vhd', 'docm', 'xlsm', 'pptm', 'html', 'htm', 'svg', 'xhtml',
]);

/** Sniffed types that are executable or script content, refused under any name. */
export const EXECUTABLE_MIMES: ReadonlySet<string> = new Set([
  'application/x-msdownload', 'application/x-dosexec', 'application/x-elf', 'application/x-executable', 'application/x-mach-binary',
  'application/x-sharedlib', 'application/java-archive', 'application/vnd.android.package-archive', 'application/x-msi',
  'application/wasm', 'application/x-apple-diskimage',
]);

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot <= 0 || dot === fileName.length - 1 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/** The first accepted extension for a MIME type (`application/pdf` -> `pdf`), for files that arrive without a name. */
export function extensionFor(mimeType: string): string | undefined {
  const wanted = mimeType.toLowerCase().split(';')[0]!.trim();
  for (const [extension, type] of Object.entries(ACCEPTED_TYPES)) if (type.mime === wanted) return extension;
  return undefined;
}
