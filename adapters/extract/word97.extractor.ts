import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Extractor } from '../../src/ports/extractor.port.ts';
import { ExtractionFailed, ExtractionRejected } from './extraction-errors.ts';
import { buildExtraction } from './extracted-text.ts';
import { DEFAULT_EXTRACT_LIMITS, type ExtractLimits } from './extract-limits.ts';
import { WORD97_MIME_TYPES } from './mime-types.ts';
import { isOleContainer } from './ole-container.ts';
import { bufferExtractor } from './read-body.ts';
import { withScratchDir } from './scratch-dir.ts';
import { runTool, toolAvailable } from './tool-process.ts';

type Word97Limits = Pick<ExtractLimits, 'maxInputBytes' | 'toolMemoryMb' | 'toolTimeoutMs'>;

/** antiword's way of saying no (its exit code is 1 for all of them). */
const ENCRYPTED = /encrypted/i;
const NOT_WORD = /not a Word Document|is not supported|too old|can't be read|Unable to read|too small/i;
const TOO_SMALL = /too small to handle/i;

/**
 * Legacy Word (.doc, Word 2 to 2003) with Debian's `antiword`, and `catdoc` for
 * what antiword refuses or crashes on (or where only catdoc is installed), run as
 * tools under memory and time limits in the child.
 * Text comes back as UTF-8 with paragraphs kept, no line wrapping.
 */
export function createWord97Extractor(limits: Word97Limits = DEFAULT_EXTRACT_LIMITS): Extractor {
  return bufferExtractor(WORD97_MIME_TYPES, limits.maxInputBytes, async (data, info) => {
    if (!isOleContainer(data)) throw new ExtractionRejected('corrupt', 'A .doc file must be an OLE compound file');
    const [antiword, catdoc] = await Promise.all([toolAvailable('antiword', '-h'), toolAvailable('catdoc', '-V')]);
    if (!antiword && !catdoc) throw new ExtractionRejected('unsupported', 'Neither antiword nor catdoc is installed');
    const run = await withScratchDir(info.scratchDir, async (dir) => {
      const file = path.join(dir, 'document.doc');
      await writeFile(file, data, { mode: 0o600 });
      const toolLimits = { timeoutMs: limits.toolTimeoutMs, maxMemoryMb: limits.toolMemoryMb, maxStdoutBytes: info.maxTextBytes * 2, cwd: dir };
      const catdocRun = () => runTool('catdoc', ['-d', 'utf-8', '-w', file], toolLimits);
      if (!antiword) return catdocRun();
      const first = await runTool('antiword', ['-m', 'UTF-8.txt', '-w', '0', file], toolLimits);
      // antiword refuses small documents written by LibreOffice or Word for Mac ("too small to handle") and,
      // unmaintained since 2005, crashes on some unusual ones; catdoc reads both kinds.
      const retry = first.code !== 0 && !ENCRYPTED.test(first.stderr) && (TOO_SMALL.test(first.stderr) || first.signal === 'SIGSEGV' || first.code === 139);
      return retry && catdoc ? catdocRun() : first;
    });
    if (run.timedOut) throw new ExtractionRejected('timeout', 'Reading the Word document took too long');
    if (ENCRYPTED.test(run.stderr)) throw new ExtractionRejected('encrypted', 'The document is password-protected');
    if (run.code !== 0) {
      if (NOT_WORD.test(run.stderr)) throw new ExtractionRejected('corrupt', 'The file is not a readable Word document');
      throw new ExtractionFailed(`Reading the Word document failed (${run.signal ?? run.code}): ${run.stderr.trim().slice(-300)}`);
    }
    const text = run.stdout.toString('utf8').replace(/\r\n?/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
    return buildExtraction(text, { maxTextBytes: info.maxTextBytes, truncated: run.stdoutTruncated });
  });
}
