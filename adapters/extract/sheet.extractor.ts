import * as XLSX from 'xlsx';
import type { Extractor } from '../../src/ports/extractor.port.ts';
import { ExtractionRejected } from './extraction-errors.ts';
import { buildExtraction, TextCollector } from './extracted-text.ts';
import { DEFAULT_EXTRACT_LIMITS, type ExtractLimits } from './extract-limits.ts';
import { SHEET_MIME_TYPES } from './mime-types.ts';
import { isEncryptedOoxml, isOleContainer } from './ole-container.ts';
import { bufferExtractor } from './read-body.ts';
import { looksLikeZip, withCheckedZip } from './zip-archive.ts';

const [, XLS_MIME, ODS_MIME] = SHEET_MIME_TYPES;

type SheetLimits = Pick<ExtractLimits, 'maxInputBytes' | 'maxRowsPerSheet' | 'maxColumns' | 'maxCells' | 'maxUncompressedBytes' | 'maxCompressionRatio' | 'ratioFloorBytes' | 'maxZipEntries'>;

export interface SheetSummary {
  name: string;
  /** The first non-empty row, as text. */
  header: string[];
  /** Non-empty rows extracted (at most the row cap). */
  rows: number;
  /** Rows the sheet declares (its used range), when known; may exceed `rows`. */
  rowsTotal?: number;
}

/** Refuse what SheetJS must not see: encrypted packages, bombs, containers of the wrong kind. */
async function checkContainer(data: Buffer, mimeType: string, limits: SheetLimits): Promise<void> {
  if (isEncryptedOoxml(data)) throw new ExtractionRejected('encrypted', 'The spreadsheet is password-protected');
  if (looksLikeZip(data)) {
    if (mimeType === XLS_MIME) throw new ExtractionRejected('corrupt', 'An .xls file must be an OLE compound file');
    await withCheckedZip(data, limits, async () => undefined);
    return;
  }
  const ole = isOleContainer(data);
  if (mimeType === ODS_MIME || !ole) throw new ExtractionRejected('corrupt', 'Not a spreadsheet container');
}

function readWorkbook(data: Buffer, limits: SheetLimits): XLSX.WorkBook {
  try {
    return XLSX.read(data, {
      type: 'buffer',
      dense: true,
      // One row more than the cap tells us whether the cap cut anything.
      sheetRows: limits.maxRowsPerSheet + 1,
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
      cellDates: false,
      bookVBA: false,
      bookFiles: false,
      WTF: false,
    });
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    if (/password|encrypt/i.test(message)) throw new ExtractionRejected('encrypted', 'The spreadsheet is password-protected', { cause });
    throw new ExtractionRejected('corrupt', `The spreadsheet cannot be read: ${message}`, { cause });
  }
}

function cellText(cell: XLSX.CellObject | undefined): string {
  if (cell === undefined || cell.v === undefined || cell.v === null) return '';
  return XLSX.utils.format_cell(cell).replace(/[\t\r\n]+/g, ' ').trim();
}

function declaredRows(sheet: XLSX.WorkSheet): number | undefined {
  const ref = (sheet['!fullref'] as string | undefined) ?? sheet['!ref'];
  return ref === undefined ? undefined : XLSX.utils.decode_range(ref).e.r + 1;
}

/**
 * xlsx, xls and ods via SheetJS. Large sheets are not refused: the first
 * `maxRowsPerSheet` rows (and `maxColumns` columns, `maxCells` cells overall) are
 * extracted and the result is marked `truncated`, because the start of a big
 * export is still worth indexing. Parsing stays bounded by the zip limits and,
 * in the isolated extractor, by the child's time and memory limits.
 */
export function createSheetExtractor(limits: SheetLimits = DEFAULT_EXTRACT_LIMITS): Extractor {
  return bufferExtractor(SHEET_MIME_TYPES, limits.maxInputBytes, async (data, info) => {
    await checkContainer(data, info.mimeType, limits);
    const workbook = readWorkbook(data, limits);
    const collector = new TextCollector(info.maxTextBytes);
    const summaries: SheetSummary[] = [];
    let cells = 0;
    for (const name of workbook.SheetNames) {
      const sheet = workbook.Sheets[name];
      const rows = (sheet?.['!data'] as XLSX.CellObject[][] | undefined) ?? [];
      const summary: SheetSummary = { name, header: [], rows: 0, rowsTotal: sheet === undefined ? undefined : declaredRows(sheet) };
      summaries.push(summary);
      collector.push(`# ${name}\n`);
      if (rows.length > limits.maxRowsPerSheet) collector.markTruncated();
      for (let r = 0; r < Math.min(rows.length, limits.maxRowsPerSheet) && cells < limits.maxCells; r += 1) {
        const row = rows[r];
        if (row === undefined) continue;
        if (row.length > limits.maxColumns) collector.markTruncated();
        const texts = Array.from({ length: Math.min(row.length, limits.maxColumns, limits.maxCells - cells) }, (_, c) => cellText(row[c]));
        cells += texts.length;
        while (texts.length > 0 && texts[texts.length - 1] === '') texts.pop();
        if (texts.length === 0) continue;
        if (summary.rows === 0) summary.header = texts;
        summary.rows += 1;
        collector.push(`${texts.join('\t')}\n`);
      }
      if (cells >= limits.maxCells) collector.markTruncated();
      collector.push('\n');
    }
    const { text, truncated } = collector.finish();
    const props = workbook.Props;
    return buildExtraction(text.trimEnd(), {
      maxTextBytes: info.maxTextBytes,
      truncated,
      metadata: {
        sheets: summaries.map((s) => s.name),
        sheetCount: summaries.length,
        rows: summaries.reduce((sum, s) => sum + s.rows, 0),
        sheetDetails: summaries,
        title: props?.Title,
        author: props?.Author,
      },
    });
  });
}
