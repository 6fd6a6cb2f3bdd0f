/** Splitting text into passages for indexing, and picking the sentence that answers a query. */

/** Target passage length in characters; passages end at a sentence end where one is near. */
export const PASSAGE_CHARS = 700;
const MAX_PASSAGES = 400;
/** The snippet is cut to about this many characters around the match. */
const MAX_SNIPPET_CHARS = 220;

/** Sentences, or lines (spreadsheets, lists), of a text. */
function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/u)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 0);
}

/** The text as passages of about PASSAGE_CHARS characters, whole sentences where they fit. */
export function splitPassages(text: string): string[] {
  const passages: string[] = [];
  let current = '';
  for (const sentence of sentences(text)) {
    for (let rest = sentence; rest.length > 0; ) {
      const room = PASSAGE_CHARS - current.length;
      if (rest.length <= room || current.length === 0) {
        const piece = rest.length <= PASSAGE_CHARS * 1.5 ? rest : cutAtSpace(rest, PASSAGE_CHARS);
        current = current ? `${current} ${piece}` : piece;
        rest = rest.slice(piece.length).trimStart();
      } else {
        passages.push(current);
        current = '';
      }
      if (passages.length >= MAX_PASSAGES) return passages;
    }
  }
  if (current) passages.push(current);
  return passages.slice(0, MAX_PASSAGES);
}

function cutAtSpace(text: string, max: number): string {
  const space = text.lastIndexOf(' ', max);
  return text.slice(0, space > max / 2 ? space : max);
}

/** Lower case without accents, as the index folds words (a close approximation of vf_normalize). */
function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/ue/g, 'u').replace(/([ao])e/g, '$1').replace(/ß/g, 'ss');
}

/** How the sentences of a passage are weighed against each other. */
export interface SentenceWeights {
  /** Lexemes the file's name or title also matched: they count a quarter. */
  named?: readonly string[];
  /** Each lexeme's weight (form weight x idf; 1 when absent), so a rare word outweighs a common one. */
  weights?: Readonly<Record<string, number>>;
}

/**
 * The sentence of `passage` with the most weight of distinct matched lexemes (a lexeme matches a
 * word it begins: "notic" matches "notice"), cut to a short window around the first match. In
 * "what's the deposit for the Baker Street office" the sentence with "deposit" answers, not the
 * one that repeats the address the name already says.
 */
export function bestSentence(passage: string, terms: readonly string[], options: SentenceWeights = {}): string | null {
  const wanted = [...new Set(terms.filter((t) => !t.startsWith('~')))];
  if (wanted.length === 0) return null;
  const inName = new Set(options.named ?? []);
  const weightOf = (term: string) => (options.weights?.[term] ?? 1) * (inName.has(term) ? 0.25 : 1);
  let best: { sentence: string; score: number; first: number } | null = null;
  for (const sentence of sentences(passage)) {
    const words = [...sentence.matchAll(/[\p{L}\p{N}]+/gu)];
    const found = new Set<string>();
    let first = -1;
    for (const match of words) {
      const folded = fold(match[0]);
      for (const term of wanted) {
        if (folded.startsWith(term) || folded === term) {
          found.add(term);
          if (first < 0) first = match.index ?? 0;
        }
      }
    }
    const score = [...found].reduce((sum, term) => sum + weightOf(term), 0);
    if (found.size > 0 && (!best || score > best.score)) best = { sentence, score, first };
  }
  if (!best) return null;
  return window(best.sentence, best.first);
}

function window(sentence: string, at: number): string {
  if (sentence.length <= MAX_SNIPPET_CHARS) return sentence;
  const start = Math.max(0, sentence.lastIndexOf(' ', Math.max(0, at - 60)));
  const end = sentence.indexOf(' ', Math.min(sentence.length, start + MAX_SNIPPET_CHARS));
  const piece = sentence.slice(start, end < 0 ? sentence.length : end).trim();
  return `${start > 0 ? '… ' : ''}${piece}${end > 0 ? ' …' : ''}`;
}
