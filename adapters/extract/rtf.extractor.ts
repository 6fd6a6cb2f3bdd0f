import iconv from 'iconv-lite';
import type { Extractor } from '../../src/ports/extractor.port.ts';
import { ExtractionRejected } from './extraction-errors.ts';
import { buildExtraction, TextCollector } from './extracted-text.ts';
import { DEFAULT_EXTRACT_LIMITS, type ExtractLimits } from './extract-limits.ts';
import { RTF_MIME_TYPES } from './mime-types.ts';
import { bufferExtractor } from './read-body.ts';

/** Destinations whose content is not document text (RTF 1.9.1: tables, pictures, fields' instructions, metadata). */
const SKIPPED = new Set([
  'fonttbl', 'colortbl', 'stylesheet', 'listtable', 'listoverridetable', 'rsidtbl', 'generator', 'pict', 'object', 'objdata',
  'fldinst', 'themedata', 'colorschememapping', 'datastore', 'latentstyles', 'xmlnstbl', 'mmathPr', 'header', 'footer',
  'headerl', 'headerr', 'footerl', 'footerr', 'bkmkstart', 'bkmkend', 'filetbl', 'revtbl', 'pgdsctbl', 'info',
]);
const INFO_FIELDS = new Set(['title', 'author', 'subject']);
const BREAKS: Readonly<Record<string, string>> = { par: '\n', line: '\n', row: '\n', sect: '\n\n', page: '\n\n', tab: '\t', cell: '\t' };
const SYMBOLS: Readonly<Record<string, string>> = { '~': '\u00a0', '_': '\u2011', '-': '', '\\': '\\', '{': '{', '}': '}', '\n': '\n', '\r': '\n' };
/** Deeper nesting than any word processor writes: refuse rather than keep a state per level. */
const MAX_DEPTH = 10_000;

interface GroupState {
  skip: boolean;
  /** Characters that stand in for a \uN character (\ucN). */
  uc: number;
  /** Set inside \title, \author...: text goes there. */
  field?: string;
}

/** A small RTF reader: text with paragraphs, \uN and \'hh characters in the document's code page; title and author from \info. */
export function rtfToText(source: Buffer, maxBytes: number): { text: string; truncated: boolean; info: Record<string, string> } {
  const rtf = source.toString('latin1');
  if (!rtf.startsWith('{\\rtf')) throw new ExtractionRejected('corrupt', 'Not an RTF document');
  const collector = new TextCollector(maxBytes);
  const info: Record<string, string> = {};
  const stack: GroupState[] = [];
  let state: GroupState = { skip: false, uc: 1 };
  let codePage = 'windows-1252';
  let pendingSkip = 0;
  let bytes: number[] = [];
  const emit = (text: string): void => {
    if (state.field !== undefined) info[state.field] = (info[state.field] ?? '') + text;
    else if (!state.skip) collector.push(text);
  };
  const flushBytes = (): void => {
    if (bytes.length === 0) return;
    emit(iconv.encodingExists(codePage) ? iconv.decode(Buffer.from(bytes), codePage) : Buffer.from(bytes).toString('latin1'));
    bytes = [];
  };
  let at = 0;
  while (at < rtf.length && !collector.full) {
    const c = rtf[at]!;
    if (c === '{' || c === '}') {
      flushBytes();
      if (c === '{') {
        if (stack.length >= MAX_DEPTH) throw new ExtractionRejected('corrupt', 'The RTF nests groups too deeply');
        stack.push(state);
        state = { ...state };
      } else state = stack.pop() ?? state;
      at += 1;
      continue;
    }
    if (c !== '\\') {
      at += 1;
      if (c === '\r' || c === '\n') continue;
      if (pendingSkip > 0) pendingSkip -= 1;
      else {
        flushBytes();
        emit(c);
      }
      continue;
    }
    const hex = /^\\'([0-9a-fA-F]{2})/.exec(rtf.slice(at, at + 4));
    if (hex) {
      at += 4;
      if (pendingSkip > 0) pendingSkip -= 1;
      else bytes.push(parseInt(hex[1]!, 16));
      continue;
    }
    flushBytes();
    const word = /^\\([a-zA-Z]{1,32})(-?\d{1,10})? ?/.exec(rtf.slice(at, at + 48));
    if (!word) {
      const symbol = rtf[at + 1] ?? '';
      at += 2;
      if (symbol === '*') state.skip = true;
      else if (symbol in SYMBOLS) emit(SYMBOLS[symbol]!);
      continue;
    }
    at += word[0].length;
    const [, name, digits] = word as unknown as [string, string, string | undefined];
    const param = digits === undefined ? undefined : Number(digits);
    if (name === 'bin' && param !== undefined) at += Math.max(0, param);
    else if (name === 'ansicpg' && param !== undefined) codePage = `windows-${param}`;
    else if (name === 'uc' && param !== undefined) state.uc = Math.max(0, Math.min(param, 10));
    else if (name === 'u' && param !== undefined) {
      emit(String.fromCharCode(param < 0 ? param + 65536 : param));
      pendingSkip = state.uc;
    } else if (INFO_FIELDS.has(name)) state.field = name;
    else if (SKIPPED.has(name)) state.skip = true;
    else if (name in BREAKS) emit(BREAKS[name]!);
  }
  flushBytes();
  if (at < rtf.length && collector.full) collector.markTruncated();
  const { text, truncated } = collector.finish();
  return { text: text.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim(), truncated, info };
}

/** RTF documents with our own reader (a tokenizer with a group stack; nothing is recursive). */
export function createRtfExtractor(limits: Pick<ExtractLimits, 'maxInputBytes'> = DEFAULT_EXTRACT_LIMITS): Extractor {
  return bufferExtractor(RTF_MIME_TYPES, limits.maxInputBytes, async (data, info) => {
    const read = rtfToText(data, info.maxTextBytes);
    return buildExtraction(read.text, {
      maxTextBytes: info.maxTextBytes,
      truncated: read.truncated,
      metadata: { title: read.info.title?.trim(), author: read.info.author?.trim() },
    });
  });
}
