import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { germanQueryLexicon } from '../../../src/voice/de.query-lexicon.ts';
import { englishQueryLexicon } from '../../../src/voice/en.query-lexicon.ts';
import { normalizeSpokenQuery } from '../../../src/voice/normalize-query.ts';
import { fuzzParameters, hostileString, reportRuns } from '../../support/fuzz.ts';

/** Words the normaliser reacts to (fillers, numbers, quarters, type words), plus plain ones, so fuzzing reaches its rules and not just the tokenizer. */
const lexiconWords = (lexicon: object): string[] =>
  JSON.stringify(lexicon)
    .toLowerCase()
    .match(/[\p{L}\p{N}']+/gu)
    ?.filter((w, i, all) => all.indexOf(w) === i && w.length < 20) ?? [];
const WORDS = {
  en: [...lexiconWords(englishQueryLexicon), 'one', 'twenty', 'forty', 'four', 'seventy', 'hundred', 'thousand', 'second', 'q', 'two', 'point', 'half', 'grand', 'for', 'bucks', 'million', 'cue', 'h', 'n', 'd', 'a', 'report', 'invoice', 'schmidt', '2024', 'q2'],
  de: [...lexiconWords(germanQueryLexicon), 'zwei', 'zwanzig', 'vierundzwanzig', 'zweitausendvierundzwanzig', 'hundert', 'tausend', 'zweites', 'quartal', 'komma', 'zweieinhalb', 'anderthalb', 'millionen', 'bericht', 'müller', 'rechnung', '2024'],
};
const spoken = (locale: 'en' | 'de') =>
  fc.oneof(
    { weight: 3, arbitrary: fc.array(fc.constantFrom(...WORDS[locale]), { maxLength: 25 }).map((words) => words.join(' ')) },
    { weight: 1, arbitrary: hostileString(600) },
  );

describe('normalizeSpokenQuery under fuzzing (en, de)', () => {
  for (const locale of ['en', 'de'] as const) {
    it(`${locale}: never throws, is deterministic and bounded; normalising its own output only ever shortens it, until it settles`, () => {
      const parameters = fuzzParameters(1500);
      const runs = parameters.numRuns;
      let unsettled = 0;
      let mostPasses = 1;
      let example = '';
      fc.assert(
        fc.property(spoken(locale), (query) => {
          const first = normalizeSpokenQuery(query, locale);
          expect(normalizeSpokenQuery(query, locale)).toEqual(first);
          expect(first.text).toBe(first.terms.join(' '));
          expect(new Set(first.terms).size).toBe(first.terms.length);
          expect(first.text.length).toBeLessThanOrEqual(query.length * 2 + 16);
          expect(first.terms.every((term) => term.length > 0 && !/\s/.test(term))).toBe(true);
          for (const [term, words] of Object.entries(first.originals)) {
            expect(first.terms).toContain(term);
            expect(words.length).toBeGreaterThan(0);
            expect(words).not.toContain(term);
          }
          // Normalised text should be a fixed point. It is not always (dropping a stopword can make spelled
          // letters, or "q" and a number, adjacent for the next pass), so: each further pass may only
          // shorten it, and it must settle within a few passes.
          const passes = [first.text];
          for (let pass = 0; pass < 10; pass++) {
            const next = normalizeSpokenQuery(passes.at(-1)!, locale).text;
            if (next === passes.at(-1)) break;
            expect(next.length).toBeLessThan(passes.at(-1)!.length);
            passes.push(next);
          }
          expect(normalizeSpokenQuery(passes.at(-1)!, locale).text).toBe(passes.at(-1));
          if (passes.length > 1) {
            unsettled++;
            mostPasses = Math.max(mostPasses, passes.length);
            example ||= [JSON.stringify(query), ...passes.map((p) => JSON.stringify(p))].join(' -> ');
          }
        }),
        parameters,
      );
      // Not idempotent in one pass (dropping a stopword can make spelled letters or "q" and a number adjacent): reported, see the closing note of issue 6.
      reportRuns(`normalizeSpokenQuery (${locale})`, runs, `no throw; ${unsettled} outputs were not yet a fixed point (settled after at most ${mostPasses} more passes, each shorter)${example ? `, e.g. ${example}` : ''}`);
    });
  }
});
