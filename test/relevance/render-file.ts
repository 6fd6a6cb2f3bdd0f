/**
 * Writes a FileSpec as the real file it describes, with the project's fixture writers: PDF
 * (raw-pdf.fixture), docx (media.fixture), xlsx (SheetJS, as sheet.fixture does), csv and txt,
 * and speech from espeak-ng converted by sox (as the transcriber tests make it).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as XLSX from 'xlsx';
import { extensionOf } from '../../src/domain/file-types.ts';
import { docx } from '../fixtures/generate/media.fixture.ts';
import { writeRawPdf } from '../fixtures/generate/raw-pdf.fixture.ts';
import type { Cell, FileSpec, Locale } from './corpus-types.ts';

const run = promisify(execFile);

/** The espeak-ng voice per language; klatt at 170 wpm is what pocketsphinx's en-us model hears best. */
const VOICES: Record<Locale, string[]> = { en: ['-v', 'en-us+klatt', '-s', '170'], de: ['-v', 'de', '-s', '160'] };

export const AUDIO_EXTENSIONS = new Set(['wav', 'ogg', 'flac']);

const csvCell = (cell: Cell): string => {
  const text = String(cell);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

function pdf(spec: FileSpec): Buffer {
  const pages: string[][] = [[]];
  for (const line of spec.body ?? []) {
    if (line === '\f') pages.push([]);
    else pages[pages.length - 1]!.push(line);
  }
  return writeRawPdf({ pages, compress: true, ...(spec.docTitle ? { title: spec.docTitle } : {}) });
}

function workbook(spec: FileSpec): Buffer {
  const book = XLSX.utils.book_new();
  for (const sheet of spec.sheets ?? []) XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(sheet.rows), sheet.name);
  if (spec.docTitle) book.Props = { Title: spec.docTitle };
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

async function speech(spec: FileSpec, locale: Locale, extension: string): Promise<Buffer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'voicefiles-relevance-'));
  try {
    const wav = path.join(dir, 'speech.wav');
    await run('espeak-ng', [...VOICES[locale], '-w', wav, spec.speech ?? '']);
    if (extension === 'wav') return await readFile(wav);
    const out = path.join(dir, `speech.${extension}`);
    await run('sox', ['-D', wav, out]);
    return await readFile(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The bytes of the file `spec` describes. */
export async function renderFile(spec: FileSpec, locale: Locale): Promise<Buffer> {
  const extension = extensionOf(spec.name);
  switch (extension) {
    case 'pdf':
      return pdf(spec);
    case 'docx':
      return docx(spec.body ?? [], spec.docTitle ? { title: spec.docTitle } : {});
    case 'xlsx':
      return workbook(spec);
    case 'csv':
      return Buffer.from(`${(spec.sheets?.[0]?.rows ?? []).map((row) => row.map(csvCell).join(',')).join('\n')}\n`);
    case 'txt':
      return Buffer.from(`${(spec.body ?? []).join('\n')}\n`);
    default:
      if (AUDIO_EXTENSIONS.has(extension)) return speech(spec, locale, extension);
      throw new Error(`relevance set: no writer for .${extension} (${spec.name})`);
  }
}
