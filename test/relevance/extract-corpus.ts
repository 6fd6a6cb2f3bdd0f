/**
 * Turns the relevance set's FileSpecs into what the index sees in production: the real file is
 * written (render-file.ts), then read by the pipeline's own extractors (createInProcessExtractor,
 * the code the isolated extractor runs in its child) or, for recordings, probed for duration and
 * transcribed by pocketsphinx, as the transcribe job does. Files and extractions are cached under
 * test/.tmp/relevance/, keyed by content hashes (the spec for a file; the file's bytes, the
 * extractor and transcriber sources and the lock file for its text), so a second run only reads.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createInProcessExtractor } from '../../adapters/extract/in-process.extractor.ts';
import { PocketsphinxTranscriber } from '../../adapters/transcribe/pocketsphinx.transcriber.ts';
import { ACCEPTED_TYPES, extensionOf } from '../../src/domain/file-types.ts';
import type { FileKind } from '../../src/domain/file.ts';
import type { FileSpec, Locale } from './corpus-types.ts';
import { AUDIO_EXTENSIONS, renderFile } from './render-file.ts';
import { breathe } from './spoken-search.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE = path.join(ROOT, 'test/.tmp/relevance');
/** The default MAX_TEXT_KB (1024) of src/config.ts. */
const MAX_TEXT_BYTES = 1024 * 1024;
/** Bump when render-file.ts writes different bytes for the same spec. */
const RENDER_VERSION = 1;

export interface ExtractedFile {
  spec: FileSpec;
  mimeType: string;
  kind: FileKind;
  size: number;
  sha256: string;
  /** The text the pipeline would store and index. */
  text: string;
  /** The version metadata the pipeline would store (pages, sheets, durationSeconds, transcript...). */
  metadata: Record<string, unknown>;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

async function writeAtomic(file: string, data: string | Buffer): Promise<void> {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await writeFile(temporary, data);
  await rename(temporary, file);
}

/** A hash of the code that turns bytes into text: a changed extractor re-extracts. */
async function extractorFingerprint(): Promise<string> {
  const hash = createHash('sha256');
  for (const dir of ['adapters/extract', 'adapters/transcribe']) {
    for (const name of (await readdir(path.join(ROOT, dir))).sort()) hash.update(name).update(await readFile(path.join(ROOT, dir, name)));
  }
  hash.update(await readFile(path.join(ROOT, 'package-lock.json')));
  return hash.digest('hex').slice(0, 16);
}

const extractor = createInProcessExtractor();
const transcriber = new PocketsphinxTranscriber({ openBlob: async (file) => createReadStream(file), timeoutMs: 120_000, maxSeconds: 30 * 60 });

/** What extract.job / transcribe.job would produce for the file at `file`. */
async function extract(file: string, bytes: Buffer, mimeType: string, kind: FileKind, locale: Locale): Promise<{ text: string; metadata: Record<string, unknown> }> {
  const request = { mimeType, size: bytes.length, maxTextBytes: MAX_TEXT_BYTES };
  if (kind !== 'audio') {
    const extraction = await extractor.extract(Readable.from([bytes]), { ...request, locale });
    return { text: extraction.text, metadata: { ...extraction.metadata, text_truncated: extraction.truncated } };
  }
  const probe = await extractor.extract(Readable.from([bytes]), request);
  try {
    const result = await transcriber.transcribe({ storageKey: file, mimeType, locale });
    const duration = result.durationSeconds === null ? {} : { durationSeconds: result.durationSeconds };
    return { text: result.text, metadata: { ...probe.metadata, transcript: transcriber.name, language: result.language, ...duration } };
  } catch (error) {
    // As the transcribe job: a recording the transcriber cannot take (German: no model) is indexed by name and metadata.
    const { reason, retryable } = error as { reason?: unknown; retryable?: unknown };
    if (retryable !== false) throw error;
    return { text: '', metadata: { ...probe.metadata, transcript: 'none', transcript_problem: String(reason ?? 'failed') } };
  }
}

async function extractOne(spec: FileSpec, locale: Locale, fingerprint: string): Promise<ExtractedFile> {
  const extension = extensionOf(spec.name);
  const type = ACCEPTED_TYPES[extension];
  if (!type) throw new Error(`relevance set: .${extension} is not an accepted type (${spec.name})`);
  const { title: _catalogTitle, day: _day, visibility: _visibility, customerId: _customer, ...content } = spec;
  const file = path.join(CACHE, 'files', `${sha256(JSON.stringify({ RENDER_VERSION, locale, content }))}.${extension}`);
  const bytes: Buffer = (await readFile(file).catch(() => null)) ?? (await renderFile(spec, locale).then(async (made) => (await writeAtomic(file, made), made)));
  const digest = sha256(bytes);
  const textFile = path.join(CACHE, 'text', `${digest}-${fingerprint}-${locale}.json`);
  const cached = await readFile(textFile, 'utf8').then((json) => JSON.parse(json) as { text: string; metadata: Record<string, unknown> }, () => null);
  const extracted = cached ?? (await extract(file, bytes, type.mime, type.kind, locale));
  if (!cached) await writeAtomic(textFile, JSON.stringify(extracted));
  return { spec, mimeType: type.mime, kind: type.kind, size: bytes.length, sha256: digest, ...extracted };
}

/** Run `jobs` with at most `width` at a time. */
async function pool(jobs: Array<() => Promise<void>>, width: number): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    for (let i = next++; i < jobs.length; i = next++) await jobs[i]!();
  }));
}

/**
 * Every tenant's specs as extracted text, in the given order. Recordings go to sox and
 * pocketsphinx, child processes, two at a time, while the documents are read in this process.
 */
export async function extractFiles(tenants: ReadonlyArray<{ locale: Locale; specs: readonly FileSpec[] }>): Promise<ExtractedFile[][]> {
  await mkdir(path.join(CACHE, 'files'), { recursive: true });
  await mkdir(path.join(CACHE, 'text'), { recursive: true });
  const fingerprint = await extractorFingerprint();
  const out = tenants.map(({ specs }) => new Array<ExtractedFile>(specs.length));
  const audio: Array<() => Promise<void>> = [];
  const documents: Array<() => Promise<void>> = [];
  tenants.forEach(({ locale, specs }, t) => {
    specs.forEach((spec, i) => {
      const job = async () => {
        out[t]![i] = await extractOne(spec, locale, fingerprint);
        await breathe();
      };
      (AUDIO_EXTENSIONS.has(extensionOf(spec.name)) ? audio : documents).push(job);
    });
  });
  await Promise.all([pool(audio, 2), pool(documents, 1)]);
  return out;
}
