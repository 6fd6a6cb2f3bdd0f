/**
 * The MIME types each extractor family handles, in a module without parser
 * imports: the isolated extractor runs in the server process and must not load
 * pdf.js, SheetJS or mammoth there (pdf.js's polyfills alone would change
 * builtins process-wide; see native-builtins.ts).
 */
export const PDF_MIME_TYPES = ['application/pdf'] as const;

export const SHEET_MIME_TYPES = [
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel',
  'application/vnd.oasis.opendocument.spreadsheet',
] as const;

export const TEXT_MIME_TYPES = ['text/plain', 'text/markdown', 'application/json', 'text/csv', 'text/tab-separated-values'] as const;

export const DOCX_MIME_TYPES = ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'] as const;

export const AUDIO_MIME_TYPES = ['audio/wav', 'audio/mpeg', 'audio/mp4', 'audio/ogg', 'audio/opus', 'audio/flac', 'audio/webm'] as const;

export const IMAGE_MIME_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/tiff', 'image/heic'] as const;

export const OPENDOCUMENT_MIME_TYPES = ['application/vnd.oasis.opendocument.text', 'application/vnd.oasis.opendocument.presentation'] as const;

export const RTF_MIME_TYPES = ['application/rtf'] as const;

export const WORD97_MIME_TYPES = ['application/msword'] as const;

export const EMAIL_MIME_TYPES = ['message/rfc822', 'application/vnd.ms-outlook'] as const;

/** Everything the extractors cover; other types are refused as `unsupported` (and indexed by name). */
export const EXTRACTABLE_MIME_TYPES: readonly string[] = [
  ...PDF_MIME_TYPES, ...SHEET_MIME_TYPES, ...TEXT_MIME_TYPES, ...DOCX_MIME_TYPES, ...AUDIO_MIME_TYPES,
  ...IMAGE_MIME_TYPES, ...OPENDOCUMENT_MIME_TYPES, ...RTF_MIME_TYPES, ...WORD97_MIME_TYPES, ...EMAIL_MIME_TYPES,
];
