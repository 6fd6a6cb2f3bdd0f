/**
 * Tesseract (Debian's `tesseract-ocr` with the `eng` and `deu` models) run as a
 * tool under limits. One pass per image: page segmentation mode 1 is Tesseract's
 * orientation and script detection (what `--psm 0` reports alone) followed by
 * recognition in the detected orientation, so a page scanned upside down or a
 * photo taken sideways reads correctly at the cost of one pass, not two (a
 * separate `--psm 0` pass measured 65% of a recognition pass here). Output is TSV,
 * so the text keeps its lines and paragraphs and each word has a confidence.
 */
import { ExtractionFailed, ExtractionRejected } from './extraction-errors.ts';
import { runTool, type ToolLimits } from './tool-process.ts';

export type OcrLocale = 'en' | 'de';

export interface OcrPage {
  /** Lines joined by newlines, paragraphs by a blank line. */
  text: string;
  words: number;
  /** Mean word confidence, 0-100; 0 without words. */
  confidence: number;
}

const MODELS: Readonly<Record<OcrLocale, string>> = { en: 'eng', de: 'deu' };

let installed: Promise<ReadonlySet<string>> | undefined;

/** The language models Tesseract has here (empty when it is not installed). */
export function installedModels(): Promise<ReadonlySet<string>> {
  installed ??= runTool('tesseract', ['--list-langs'], { timeoutMs: 10_000, maxMemoryMb: 1024 }).then((run) =>
    run.missing || run.code !== 0 ? new Set<string>() : new Set(run.stdout.toString('utf8').split('\n').slice(1).map((line) => line.trim()).filter(Boolean)),
  );
  return installed;
}

/**
 * The `-l` argument: the tenant's language first, the other launch language as
 * the fallback Tesseract tries on words the first reads poorly. Null when
 * neither model is installed.
 */
export async function modelsFor(locale: OcrLocale): Promise<string | null> {
  const have = await installedModels();
  const wanted = [MODELS[locale], ...Object.values(MODELS).filter((model) => model !== MODELS[locale])];
  const usable = wanted.filter((model) => have.has(model));
  return usable.length === 0 ? null : usable.join('+');
}

/** Tesseract often splits an e-mail address at the @ ("petra.schulz@ example.de"); join it again so it is findable. */
export function tidyOcrText(text: string): string {
  return text.replace(/(\S) ?@ (?=\S)|(\S) @(?=\S)/g, (_, before?: string, other?: string) => `${before ?? other}@`);
}

/** Rebuild text from Tesseract's TSV (level 5 rows are words), one entry per page. */
export function parseTesseractTsv(tsv: string): OcrPage[] {
  const pages = new Map<number, { lines: string[][]; key: string; paragraph: string; confidences: number[] }>();
  for (const row of tsv.split('\n').slice(1)) {
    const cells = row.split('\t');
    if (cells.length < 12 || cells[0] !== '5') continue;
    const [, page, block, paragraph, line, , , , , , conf] = cells;
    const text = cells.slice(11).join('\t').trim();
    if (text === '') continue;
    let state = pages.get(Number(page));
    if (state === undefined) {
      state = { lines: [], key: '', paragraph: '', confidences: [] };
      pages.set(Number(page), state);
    }
    const paragraphKey = `${block}.${paragraph}`;
    const lineKey = `${paragraphKey}.${line}`;
    if (lineKey !== state.key) {
      if (state.paragraph !== '' && paragraphKey !== state.paragraph) state.lines.push([]);
      state.lines.push([]);
      state.key = lineKey;
      state.paragraph = paragraphKey;
    }
    state.lines[state.lines.length - 1]!.push(text);
    const confidence = Number(conf);
    if (Number.isFinite(confidence) && confidence >= 0) state.confidences.push(confidence);
  }
  return [...pages.keys()]
    .sort((a, b) => a - b)
    .map((key) => {
      const { lines, confidences } = pages.get(key)!;
      const mean = confidences.length === 0 ? 0 : confidences.reduce((sum, c) => sum + c, 0) / confidences.length;
      return { text: tidyOcrText(lines.map((words) => words.join(' ')).join('\n')), words: confidences.length, confidence: Math.round(mean * 10) / 10 };
    });
}

/**
 * OCR one image file (every page of a multi-page TIFF). A file the image
 * library cannot read is `corrupt`; a run past the time limit is `timeout`; a run
 * that hit its memory cap is `too_complex`.
 */
export async function recognise(imagePath: string, models: string, limits: ToolLimits & { segmentation?: number }): Promise<OcrPage[]> {
  const run = await runTool('tesseract', [imagePath, 'stdout', '--psm', String(limits.segmentation ?? 1), '-l', models, 'tsv'], limits);
  if (run.missing) throw new ExtractionRejected('unsupported', 'Tesseract is not installed');
  if (run.timedOut) throw new ExtractionRejected('timeout', `OCR took longer than ${limits.timeoutMs} ms`);
  if (/pix not read|Unsupported image type|cannot read input|Error in pixRead/i.test(run.stderr)) {
    throw new ExtractionRejected('corrupt', 'The image cannot be decoded');
  }
  if (run.code !== 0 || run.signal !== null) {
    if (run.signal !== null || /bad_alloc|out of memory|Cannot allocate/i.test(run.stderr)) {
      throw new ExtractionRejected('too_complex', `OCR ran out of its limits (${run.signal ?? run.code})`);
    }
    throw new ExtractionFailed(`tesseract exited with ${run.code}: ${run.stderr.trim().slice(-500)}`);
  }
  return parseTesseractTsv(run.stdout.toString('utf8'));
}
