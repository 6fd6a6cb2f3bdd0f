import type { FileKind } from '../domain/file.ts';

/**
 * The words one language needs to normalise a spoken query. Phrases are
 * written as lower-case words separated by single spaces, the way the
 * tokeniser produces them (hyphens split: "word dokument").
 */
export interface QueryLexicon {
  /** Stripped from the start, again and again: greetings, requests, verbs of finding, articles. */
  leading: readonly string[];
  /** Stripped from the end, again and again: "please", "for me", "raussuchen". */
  trailing: readonly string[];
  /** Removed wherever they are: "um", "ähm", "please". */
  fillers: readonly string[];
  /** Dropped from the search terms after numbers and spelled letters are read. */
  stopwords: readonly string[];
  /** Dropped before digits: "number 4471" -> "4471". */
  numberMarkers: readonly string[];
  /** Type words and the kind of file each one filters by. */
  kinds: Readonly<Record<string, FileKind>>;
  /** The letter Q as a recogniser writes it ("cue", "queue", "ku"). */
  quarterLetters: readonly string[];
  /** "quarter", "quartal" */
  quarterNouns: readonly string[];
  /** The letter H as a recogniser writes it ("aitch", "ha"). */
  halfLetters: readonly string[];
  /** "half", "halbjahr" */
  halfNouns: readonly string[];
  /** Ordinals one to four in the forms that come before "quarter"/"half". */
  ordinals: Readonly<Record<string, number>>;
}

type Phrase = readonly string[];

/** A lexicon ready for matching: phrases split into words, longest first. */
export interface CompiledLexicon {
  leading: readonly Phrase[];
  trailing: readonly Phrase[];
  fillers: readonly Phrase[];
  stopwords: ReadonlySet<string>;
  numberMarkers: ReadonlySet<string>;
  kinds: ReadonlyArray<{ phrase: Phrase; kind: FileKind }>;
  quarterLetters: ReadonlySet<string>;
  quarterNouns: ReadonlySet<string>;
  halfLetters: ReadonlySet<string>;
  halfNouns: ReadonlySet<string>;
  ordinals: ReadonlyMap<string, number>;
}

const split = (phrase: string): Phrase => phrase.split(' ');
const longestFirst = (phrases: readonly string[]): Phrase[] => phrases.map(split).sort((a, b) => b.length - a.length);

/** Splits and orders a lexicon's phrases once, at load. */
export function compileLexicon(lexicon: QueryLexicon): CompiledLexicon {
  return {
    leading: longestFirst(lexicon.leading),
    trailing: longestFirst(lexicon.trailing),
    fillers: longestFirst(lexicon.fillers),
    stopwords: new Set(lexicon.stopwords),
    numberMarkers: new Set(lexicon.numberMarkers),
    kinds: Object.entries(lexicon.kinds)
      .map(([phrase, kind]) => ({ phrase: split(phrase), kind }))
      .sort((a, b) => b.phrase.length - a.phrase.length),
    quarterLetters: new Set(lexicon.quarterLetters),
    quarterNouns: new Set(lexicon.quarterNouns),
    halfLetters: new Set(lexicon.halfLetters),
    halfNouns: new Set(lexicon.halfNouns),
    ordinals: new Map(Object.entries(lexicon.ordinals)),
  };
}

/** Whether `phrase` occurs in `tokens` at `at`. */
export function matchesAt(tokens: readonly string[], at: number, phrase: Phrase): boolean {
  return phrase.every((word, i) => tokens[at + i] === word);
}

/** The longest phrase occurring at `at`, if any. */
export function phraseAt<P extends Phrase>(tokens: readonly string[], at: number, phrases: readonly P[]): P | undefined {
  return phrases.find((phrase) => matchesAt(tokens, at, phrase));
}
