import { germanQueryLexicon } from './de.query-lexicon.ts';
import { englishQueryLexicon } from './en.query-lexicon.ts';
import type { QueryLexicon } from './query-lexicon.ts';

const LEXICONS: readonly QueryLexicon[] = [englishQueryLexicon, germanQueryLexicon];

/**
 * Synonyms for a search engine with its own synonym table (Meilisearch), generated from the
 * normaliser's tables so both say the same: the type words of one kind in both languages
 * ("spreadsheet", "excel", "xlsx", "tabelle"), and quarters and halves in words ("q2",
 * "second quarter", "zweites quartal"). Each key maps to every other form (Meilisearch
 * synonyms are one-way, so each direction is listed).
 */
export function searchSynonyms(): Record<string, string[]> {
  const groups: string[][] = [];
  const byKind = new Map<string, Set<string>>();
  for (const lexicon of LEXICONS) {
    for (const [word, kind] of Object.entries(lexicon.kinds)) {
      // Single words only: a multi-word type phrase ("word document") would also match any file with "word" in it.
      if (word.includes(' ') || word.length < 3) continue;
      (byKind.get(kind) ?? byKind.set(kind, new Set()).get(kind)!).add(word);
    }
  }
  groups.push(...[...byKind.values()].map((words) => [...words]));
  for (const [letter, nouns] of [['q', 'quarterNouns'], ['h', 'halfNouns']] as const) {
    for (let n = 1; n <= (letter === 'q' ? 4 : 2); n++) {
      const forms = new Set<string>([`${letter}${n}`]);
      for (const lexicon of LEXICONS) {
        const ordinals = Object.entries(lexicon.ordinals).filter(([word, value]) => value === n && /^\p{L}+$/u.test(word));
        for (const [ordinal] of ordinals) for (const noun of lexicon[nouns]) forms.add(`${ordinal} ${noun}`);
      }
      groups.push([...forms]);
    }
  }
  const synonyms: Record<string, string[]> = {};
  for (const group of groups) {
    for (const word of group) synonyms[word] = [...new Set([...(synonyms[word] ?? []), ...group.filter((other) => other !== word)])];
  }
  return synonyms;
}
