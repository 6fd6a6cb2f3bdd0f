/** Resource limits shared by the in-process extractors. All are per file. */
export interface ExtractLimits {
  /** Refuse larger inputs with `too_large`. */
  maxInputBytes: number;
  /** Refuse PDFs declaring more pages with `too_many_pages`. */
  maxPages: number;
  /** Rows read per sheet; more are ignored and the result is `truncated`. */
  maxRowsPerSheet: number;
  /** Columns read per row; more are ignored and the result is `truncated`. */
  maxColumns: number;
  /** Cells turned into text across the whole workbook; then `truncated`. */
  maxCells: number;
  /** Zip containers (xlsx, ods, docx): refuse when entries would inflate past this total. */
  maxUncompressedBytes: number;
  /** Zip containers: refuse an entry larger than `ratioFloorBytes` compressed better than this. */
  maxCompressionRatio: number;
  /** Entries smaller than this are exempt from the ratio rule (tiny XML parts compress very well). */
  ratioFloorBytes: number;
  /** Zip containers: refuse more entries than this. */
  maxZipEntries: number;
  /** Pages OCRed per file (scanned PDF pages, TIFF pages); later pages are left out and the result is `truncated`. */
  maxOcrPages: number;
  /** Images (and PDF page images) with more pixels are not decoded: `image_too_large`. */
  maxImagePixels: number;
  /** Address-space limit of each external tool (tesseract, pdftoppm, antiword), MiB. */
  toolMemoryMb: number;
  /** Wall-clock limit of one tool run (one page rendered or OCRed). */
  toolTimeoutMs: number;
  /** E-mail: attachments written out per message; more are listed but not kept. */
  maxAttachments: number;
  /** E-mail: total bytes of attachments written out per message. */
  maxAttachmentBytes: number;
}

const MIB = 1024 * 1024;

export const DEFAULT_EXTRACT_LIMITS: Readonly<ExtractLimits> = Object.freeze({
  maxInputBytes: 100 * MIB,
  maxPages: 2000,
  maxRowsPerSheet: 10_000,
  maxColumns: 256,
  maxCells: 500_000,
  maxUncompressedBytes: 200 * MIB,
  maxCompressionRatio: 100,
  ratioFloorBytes: 1 * MIB,
  maxZipEntries: 10_000,
  maxOcrPages: 50,
  maxImagePixels: 60_000_000,
  toolMemoryMb: 1024,
  toolTimeoutMs: 60_000,
  maxAttachments: 50,
  maxAttachmentBytes: 100 * MIB,
});

/** Default cap on extracted text, in UTF-8 bytes. */
export const DEFAULT_MAX_TEXT_BYTES = 1 * MIB;

export function withDefaultLimits(overrides: Partial<ExtractLimits> = {}): ExtractLimits {
  const limits = { ...DEFAULT_EXTRACT_LIMITS };
  for (const [key, value] of Object.entries(overrides) as [keyof ExtractLimits, number | undefined][]) {
    if (value !== undefined) limits[key] = value;
  }
  return limits;
}
