/**
 * pocketsphinx (Debian's 0.8/5prealpha `pocketsphinx_batch`) constrained by a JSGF
 * grammar to exactly one word of the list: it loads the model once and decodes a
 * whole directory of utterances, so a listening test of thousands of files takes
 * minutes, not hours. Each file is decoded independently of the others (batch CMN).
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where Debian's pocketsphinx-en-us puts the US English model. */
export const MODEL_DIR = '/usr/share/pocketsphinx/model/en-us';

/** A JSGF grammar whose only sentences are the single words of `words`. */
export function singleWordGrammar(words: readonly string[]): string {
  return ['#JSGF V1.0;', 'grammar codewords;', `public <word> = ${words.join(' | ')};`, ''].join('\n');
}

/**
 * Recognise every `<id>.wav` in `dir` (16 kHz, 16-bit mono WAV) as one word of
 * `words`, whose pronunciations (CMUdict notation, several per word allowed) make
 * up the dictionary. Returns what was heard per id ('' when nothing was).
 */
export async function recogniseWords(dir: string, ids: readonly string[], words: readonly string[], pronunciations: ReadonlyMap<string, readonly string[]>): Promise<Map<string, string>> {
  const dict = words.flatMap((word) => (pronunciations.get(word) ?? []).map((phones, i) => `${i === 0 ? word : `${word}(${i + 1})`} ${phones}`));
  await writeFile(path.join(dir, 'words.dict'), `${dict.join('\n')}\n`);
  await writeFile(path.join(dir, 'words.gram'), singleWordGrammar(words));
  await writeFile(path.join(dir, 'utterances.ctl'), `${ids.join('\n')}\n`);
  const hypFile = path.join(dir, 'heard.hyp');
  await run('pocketsphinx_batch', [
    '-hmm', path.join(MODEL_DIR, 'en-us'), '-dict', path.join(dir, 'words.dict'), '-jsgf', path.join(dir, 'words.gram'),
    '-ctl', path.join(dir, 'utterances.ctl'), '-cepdir', dir, '-cepext', '.wav', '-adcin', 'yes', '-adchdr', '44', '-hyp', hypFile,
    // Normalise each utterance on its own ('live', the default, carries the mean from one file to the next,
    // so a word's result would depend on the words decoded before it).
    '-cmn', 'batch',
  ], { maxBuffer: 64 * 1024 * 1024 });
  return parseHypotheses(await readFile(hypFile, 'utf8'));
}

/** pocketsphinx_batch -hyp lines: `tiger (u0001 -2018)`, or ` (u0002 0)` when nothing was recognised. */
export function parseHypotheses(text: string): Map<string, string> {
  const heard = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^(.*?)\s*\((\S+)\s+-?\d+\)\s*$/.exec(line);
    if (match) heard.set(match[2] as string, (match[1] as string).trim().replace(/\(\d+\)$/, ''));
  }
  return heard;
}
