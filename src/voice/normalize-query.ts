import type { FileKind } from '../domain/file.ts';
import type { Locale } from '../domain/tenant.ts';
import { germanQueryLexicon } from './de.query-lexicon.ts';
import { englishQueryLexicon } from './en.query-lexicon.ts';
import { compileLexicon, phraseAt, type CompiledLexicon } from './query-lexicon.ts';
import { readSpokenDates, relativeDateAt } from './spoken-dates.ts';
import { findSpokenNumbers, NUMBER_CONNECTORS, numberValue } from './spoken-numbers.ts';

/** A spoken query made ready for searching. */
export interface NormalizedQuery {
  /** The search terms joined by single spaces; "" when only filters (or nothing) remained. */
  text: string;
  /** The search terms in the order spoken, without repeats. */
  terms: string[];
  /** Kinds of file the caller named ("spreadsheet", "Aufnahme"); their words are not search terms. */
  kinds: FileKind[];
  /**
   * For a term read from other spoken words ("4471" from "forty four seventy one", "q2" from "cue
   * two"), those words, and other ways a document may write it ("12,400"), so a search can still
   * match what the raw words would have. Stop words and single letters are left out.
   */
  originals: Record<string, string[]>;
  /** Days the caller named ("last week", "im Juni"), in the time zone given; absent when none. */
  dates?: { from: Date; to: Date };
  /** True when the caller asked about content ("what's the notice period in the lease"). */
  question: boolean;
}

/** What relative dates are computed from. */
export interface NormalizeOptions {
  now?: Date;
  /** IANA time zone of the tenant; default UTC. */
  timeZone?: string;
}

/** Words of a question that say how it asks, not what about. */
const QUESTION_WORDS: Record<Locale, ReadonlySet<string>> = {
  en: new Set(['how', 'many', 'much', 'long', 'often', 'high', 'what', "what's", 'whats', 'which', 'who', 'whom', 'when', 'where', 'why',
    'does', 'do', 'did', 'get', 'got', 'is', 'are', 'was', 'were', 'be', 'there', 'say', 'says', 'said', 'tell', 'told', 'we', 'they', 'can', 'should', 'will']),
  de: new Set(['wie', 'viele', 'viel', 'hoch', 'lange', 'lang', 'oft', 'was', 'welche', 'welcher', 'welches', 'welchen', 'welchem', 'wer', 'wen', 'wem',
    'wann', 'wo', 'warum', 'haben', 'hat', 'hatte', 'ist', 'sind', 'war', 'wir', 'gibt', 'es', 'steht', 'sagt', 'drin', 'darin', 'denn', 'man', 'bekommen', 'kriegen']),
};

/** First words of a question about what a file says (not a request for a file). */
const QUESTION_STARTS: Record<Locale, RegExp> = {
  en: /^(?:what(?:'s| is| are| was| does| did| do)?|whats|how (?:much|many|long|high|big|often)|when|who|which|does|did|is there a|why)\b/,
  de: /^(?:was|wie (?:hoch|viel|viele|lange|oft)|wann|wer|welche[rsnm]?|steht|gibt es|warum)\b/u,
};

/** A word of the query as worked on, with the spoken words it was read from and other written forms. */
interface Token {
  text: string;
  raw: readonly string[];
}

/** The query while it is being worked on; later steps (dates as filters, phonetic keys) add fields here. */
interface Draft {
  tokens: Token[];
  kinds: FileKind[];
}

type Step = (draft: Draft, lexicon: CompiledLexicon, locale: Locale) => Draft;

const LEXICONS: Record<Locale, CompiledLexicon> = {
  en: compileLexicon(englishQueryLexicon),
  de: compileLexicon(germanQueryLexicon),
};

/**
 * Normalises what a speech recogniser heard into search terms and filters:
 * lower case; fillers, politeness and request phrases removed; quarters and
 * halves as "q2"/"h1"; type words as kind filters; spelled letters joined
 * ("n d a" -> "nda"); numbers in words as digits ("forty four seventy one" ->
 * "4471"); articles and other function words dropped. Pure and synchronous.
 */
export function normalizeSpokenQuery(text: string, locale: Locale, options: NormalizeOptions = {}): NormalizedQuery {
  const lexicon = LEXICONS[locale];
  let draft: Draft = { tokens: tokenize(text, locale).map((word) => ({ text: word, raw: [word] })), kinds: [] };
  let dates: { from: Date; to: Date } | undefined;
  for (const step of STEPS) {
    // A spoken date leaves the terms and becomes a range (find makes it a filter or a boost);
    // read before stop words go, which would take "this" of "this week".
    if (step === dropStopwords) {
      const spoken = readSpokenDates(draft.tokens.map((t) => t.text), locale, options.now ?? new Date(), options.timeZone ?? 'UTC');
      if (spoken) {
        draft = { ...draft, tokens: draft.tokens.filter((_, i) => !spoken.used.includes(i)) };
        dates = { from: spoken.from, to: spoken.to };
      }
    }
    draft = step(draft, lexicon, locale);
  }
  const question = QUESTION_STARTS[locale].test(tokenize(text, locale).join(' ').replace(/^(?:um|uh|ähm|äh|so|okay|ok|and|und|also) /, ''));
  // A question keeps its content words only ("how many vacation days do we get" -> "vacation days"),
  // unless nothing would be left.
  const content = question ? draft.tokens.filter((t) => !QUESTION_WORDS[locale].has(t.text)) : draft.tokens;
  const kept = content.length > 0 ? content : draft.tokens;
  const terms = [...new Set(kept.map((t) => t.text))];
  return { text: terms.join(' '), terms, kinds: draft.kinds, originals: originalsOf(kept, lexicon), ...(dates ? { dates } : {}), question };
}

/** The raw words and forms of each term that is not simply one of the words heard. */
function originalsOf(tokens: readonly Token[], lexicon: CompiledLexicon): Record<string, string[]> {
  const originals: Record<string, string[]> = {};
  for (const token of tokens) {
    // A single letter or a stop word never was a useful match on its own.
    const words = token.raw.filter((w) => w !== token.text && !/^\p{L}$/u.test(w) && !lexicon.stopwords.has(w));
    if (words.length === 0) continue;
    originals[token.text] = [...new Set([...(originals[token.text] ?? []), ...words])];
  }
  return originals;
}

const merged = (text: string, parts: readonly Token[]): Token => ({ text, raw: parts.flatMap((p) => p.raw) });
const texts = (tokens: readonly Token[]) => tokens.map((t) => t.text);

/** Lower-case words and numbers; punctuation, hyphens and underscores split words; English "'s" is dropped. */
export function tokenize(text: string, locale: Locale): string[] {
  const lower = text.normalize('NFC').toLocaleLowerCase(locale === 'de' ? 'de-DE' : 'en-US').replace(/[’‘`´]/g, "'");
  const tokens = lower.match(/\d+(?:[.,]\d+)+|[\p{L}\p{N}]+(?:'\p{L}+)*/gu) ?? [];
  return locale === 'en' ? tokens.map((t) => t.replace(/'s$/, '')) : tokens;
}

/** Fillers anywhere, then request phrases from the start and the end. */
const stripRequest: Step = (draft, lex, locale) => {
  const words = texts(draft.tokens);
  const tokens: Token[] = [];
  for (let i = 0; i < words.length; ) {
    const filler = phraseAt(words, i, lex.fillers);
    if (filler) i += filler.length;
    else tokens.push(draft.tokens[i++]!);
  }
  const kept = texts(tokens);
  let start = 0;
  // "this week ...": the article starts a date, not the request.
  const leadingAt = (at: number) => (relativeDateAt(kept, at, locale) ? undefined : phraseAt(kept, at, lex.leading));
  for (let found = leadingAt(start); found; found = leadingAt(start)) start += found.length;
  let end = kept.length;
  for (let found = trailingAt(kept, start, end, lex); found; found = trailingAt(kept, start, end, lex)) end -= found.length;
  return { ...draft, tokens: tokens.slice(start, end) };
};

function trailingAt(tokens: readonly string[], start: number, end: number, lex: CompiledLexicon) {
  return lex.trailing.find((phrase) => end - phrase.length >= start && phrase.every((word, i) => tokens[end - phrase.length + i] === word));
}

/** "q two", "cue 2", "second quarter", "quartal zwei", "zweites Quartal" -> "q2"; "h two", "first half", "erstes Halbjahr" -> "h1". */
const readPeriods: Step = (draft, lex, locale) => {
  const tokens: Token[] = [];
  const t = draft.tokens;
  for (let i = 0; i < t.length; i++) {
    const word = t[i]!.text;
    const next = t[i + 1]?.text;
    const after = next === undefined ? null : numberValue(next, locale);
    const ordinal = lex.ordinals.get(word);
    let period: string | null = null;
    if ((lex.quarterLetters.has(word) || lex.quarterNouns.has(word)) && after !== null && after >= 1 && after <= 4) period = `q${after}`;
    else if ((lex.halfLetters.has(word) || lex.halfNouns.has(word)) && after !== null && after >= 1 && after <= 2) period = `h${after}`;
    else if (ordinal !== undefined && next !== undefined && lex.quarterNouns.has(next)) period = `q${ordinal}`;
    else if (ordinal !== undefined && ordinal <= 2 && next !== undefined && lex.halfNouns.has(next)) period = `h${ordinal}`;
    if (period) {
      tokens.push(merged(period, [t[i]!, t[i + 1]!]));
      i += 1;
    } else {
      tokens.push(t[i]!);
    }
  }
  return { ...draft, tokens };
};

/** Type words become kind filters and leave the search terms. */
const readKinds: Step = (draft, lex) => {
  const words = texts(draft.tokens);
  const tokens: Token[] = [];
  const kinds = [...draft.kinds];
  for (let i = 0; i < words.length; ) {
    const found = lex.kinds.find(({ phrase }) => phrase.every((word, k) => words[i + k] === word));
    if (found) {
      if (!kinds.includes(found.kind)) kinds.push(found.kind);
      i += found.phrase.length;
    } else {
      tokens.push(draft.tokens[i++]!);
    }
  }
  return { tokens, kinds };
};

/**
 * Two or more single letters in a row were spelled: "n d a" -> "nda". A letter may be
 * spelled by a word for it: "e as in echo", "e wie emil" (the word starts with the letter).
 */
const joinSpelledLetters: Step = (draft, _lex, locale) => {
  const tokens: Token[] = [];
  let letters: Token[] = [];
  const flush = () => {
    if (letters.length > 0) tokens.push(merged(letters.map((l) => l.text).join(''), letters));
    letters = [];
  };
  const t = draft.tokens;
  for (let i = 0; i < t.length; i++) {
    const token = t[i]!;
    if (/^\p{L}$/u.test(token.text)) {
      letters.push(token);
      const spelledBy = SPELLED_AS[locale].find((phrase) => phrase.every((word, k) => t[i + 1 + k]?.text === word));
      const example = spelledBy ? t[i + 1 + spelledBy.length]?.text : undefined;
      if (spelledBy && example?.startsWith(token.text)) i += spelledBy.length + 1;
    } else {
      flush();
      tokens.push(token);
    }
  }
  flush();
  return { ...draft, tokens };
};

/** What joins a spelled letter to a word for it: "e as in echo", "b for berta", "e wie emil". */
const SPELLED_AS: Record<Locale, ReadonlyArray<readonly string[]>> = {
  en: [['as', 'in'], ['like', 'in'], ['for']],
  de: [['wie', 'in'], ['wie']],
};

/** Spoken names of currencies after an amount, as documents write them. */
const CURRENCY_SLANG: Record<Locale, Readonly<Record<string, string>>> = {
  en: { bucks: 'dollars', buck: 'dollars', quid: 'pounds' },
  de: { euronen: 'euro', ocken: 'euro' },
};

/** Number words become digits; "number"/"Nummer" before digits goes. */
const readNumbers: Step = (draft, lex, locale) => {
  const words = texts(draft.tokens);
  const tokens: Token[] = [];
  let at = 0;
  for (const number of findSpokenNumbers(words, locale)) {
    tokens.push(...draft.tokens.slice(at, number.start));
    const spoken = draft.tokens.slice(number.start, number.end);
    const words = spoken.flatMap((p) => p.raw).filter((w) => !NUMBER_CONNECTORS.has(w));
    tokens.push({ text: number.digits, raw: [...number.forms, ...words] });
    at = number.end;
  }
  tokens.push(...draft.tokens.slice(at));
  return { ...draft, tokens: tokens.filter((token, i) => !(lex.numberMarkers.has(token.text) && /^\d/.test(tokens[i + 1]?.text ?? ''))) };
};

const dropStopwords: Step = (draft, lex) => ({ ...draft, tokens: draft.tokens.filter((token) => !lex.stopwords.has(token.text)) });

/**
 * Currency words stay search terms (documents write "12,400 dollars", "12.400 Euro"); slang right
 * after an amount becomes the written word. After the stopwords are gone, so that a second pass
 * over the output finds nothing more to change ("one named bucks" -> "1 dollars" at once).
 */
const readCurrencySlang: Step = (draft, _lex, locale) => ({
  ...draft,
  tokens: draft.tokens.map((token, i) => {
    const written = CURRENCY_SLANG[locale][token.text];
    return written && /^\d/.test(draft.tokens[i - 1]?.text ?? '') ? { text: written, raw: token.raw } : token;
  }),
});

const STEPS: readonly Step[] = [stripRequest, readPeriods, readKinds, joinSpelledLetters, readNumbers, dropStopwords, readCurrencySlang];
