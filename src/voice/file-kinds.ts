import type { FileKind } from '../domain/file.ts';
import type { Locale } from '../domain/tenant.ts';

/** A spoken noun for a type of file. */
export interface SpokenKind {
  /** "PDF", "spreadsheet", "Word document" / "PDF", "Tabelle", "Word-Dokument" */
  noun: string;
  plural: string;
  /** Grammatical gender of the German noun (English nouns carry 'n'); chooses "der/die/das", "ein/eine". */
  gender: 'm' | 'f' | 'n';
}

type Nouns = Record<Locale, SpokenKind>;

const noun = (en: string, enPlural: string, de: string, dePlural: string, gender: SpokenKind['gender']): Nouns => ({
  en: { noun: en, plural: enPlural, gender: 'n' },
  de: { noun: de, plural: dePlural, gender },
});

const PDF = noun('PDF', 'PDFs', 'PDF', 'PDFs', 'n');
const WORD = noun('Word document', 'Word documents', 'Word-Dokument', 'Word-Dokumente', 'n');
const DOCUMENT = noun('document', 'documents', 'Dokument', 'Dokumente', 'n');
const SPREADSHEET = noun('spreadsheet', 'spreadsheets', 'Tabelle', 'Tabellen', 'f');
const TEXT = noun('text file', 'text files', 'Textdatei', 'Textdateien', 'f');
const DATA = noun('data file', 'data files', 'Datendatei', 'Datendateien', 'f');
const RECORDING = noun('recording', 'recordings', 'Aufnahme', 'Aufnahmen', 'f');
const IMAGE = noun('image', 'images', 'Bild', 'Bilder', 'n');
const FILE = noun('file', 'files', 'Datei', 'Dateien', 'f');

const BY_MIME: Readonly<Record<string, Nouns>> = {
  'application/pdf': PDF,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': WORD,
  'application/msword': WORD,
  'application/json': DATA,
};

const BY_KIND: Readonly<Record<FileKind, Nouns>> = {
  document: DOCUMENT,
  spreadsheet: SPREADSHEET,
  text: TEXT,
  audio: RECORDING,
  image: IMAGE,
};

/**
 * The noun a person would use for a file: the MIME type decides where people
 * name the format (PDF, Word document), otherwise the kind does (spreadsheet,
 * recording, image). Unknown kinds are just "file" / "Datei".
 */
export function spokenKind(locale: Locale, kind: FileKind | string, mimeType?: string | null): SpokenKind {
  const byMime = mimeType ? BY_MIME[mimeType.toLowerCase().split(';')[0]!.trim()] : undefined;
  const nouns = byMime ?? (BY_KIND as Record<string, Nouns>)[kind] ?? FILE;
  return nouns[locale];
}

const DE_DEFINITE = { nominative: { m: 'der', f: 'die', n: 'das' }, accusative: { m: 'den', f: 'die', n: 'das' } } as const;
const DE_INDEFINITE = { nominative: { m: 'ein', f: 'eine', n: 'ein' }, accusative: { m: 'einen', f: 'eine', n: 'ein' } } as const;

/** "the PDF" / "das PDF", "die Tabelle"; the case matters only for German masculine nouns. */
export function withDefiniteArticle(locale: Locale, kind: SpokenKind, grammaticalCase: 'nominative' | 'accusative' = 'nominative'): string {
  return locale === 'de' ? `${DE_DEFINITE[grammaticalCase][kind.gender]} ${kind.noun}` : `the ${kind.noun}`;
}

/** "a PDF", "an image" / "ein PDF", "eine Tabelle". */
export function withIndefiniteArticle(locale: Locale, kind: SpokenKind, grammaticalCase: 'nominative' | 'accusative' = 'nominative'): string {
  return locale === 'de' ? `${DE_INDEFINITE[grammaticalCase][kind.gender]} ${kind.noun}` : `${englishIndefinite(kind.noun)} ${kind.noun}`;
}

// Initialisms are read letter by letter: "an MP3", "a PDF".
const VOWEL_SOUND_LETTERS = new Set('AEFHILMNORSX');

/** "a" or "an" for the English word that follows, by its sound. */
export function englishIndefinite(nextWords: string): 'a' | 'an' {
  const word = nextWords.trim().split(/[\s-]/)[0] ?? '';
  if (word.length >= 2 && word === word.toUpperCase() && /^[A-Z]/.test(word)) return VOWEL_SOUND_LETTERS.has(word[0]!) ? 'an' : 'a';
  if (/^(?:uni|use|usu|uti|eu|one\b|once)/i.test(word)) return 'a';
  if (/^(?:hour|honest|honou?r)/i.test(word)) return 'an';
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}
