import fc from 'fast-check';

/**
 * Run sizes for property-based tests: small in the suite (seconds), larger with
 * FUZZ_RUNS=<n> for a report (e.g. FUZZ_RUNS=20000 npx vitest run test/unit/fuzz test/e2e/http-fuzz.test.ts).
 */
export function fuzzRuns(inSuite: number): number {
  const configured = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(configured) && configured > 0 ? configured : inSuite;
}

/**
 * fast-check parameters: `numRuns` from fuzzRuns; in the suite a fixed seed, so CI runs
 * the same inputs each time (a failure is reproducible, never flaky). With FUZZ_RUNS or
 * FUZZ_SEED set, the seed is random or the one given; fast-check prints it on failure.
 */
export function fuzzParameters(inSuite: number): { numRuns: number; seed?: number } {
  const seed = Number(process.env.FUZZ_SEED);
  if (Number.isInteger(seed)) return { numRuns: fuzzRuns(inSuite), seed };
  return process.env.FUZZ_RUNS ? { numRuns: fuzzRuns(inSuite) } : { numRuns: inSuite, seed: 20260523 };
}

/** Say how many inputs a property was tried with, in the test output. */
export function reportRuns(label: string, runs: number, extra = ''): void {
  console.info(`[fuzz] ${label}: ${runs} inputs tried${extra ? `, ${extra}` : ''}`);
}

/** Strings a hostile client sends: any code point, control characters, bidi marks, separators, surrogate halves, long runs. */
export const hostileString = (maxLength = 300): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    fc.string({ unit: fc.constantFrom('\u0000', '\u0007', '\n', '\r', '\t', '\u001b', '\u007f', '\u0085', '\u202e', '\u2066', '\u200f', '/', '\\', '.', ' ', '%', '"', "'", '\ud800', '\udfff', 'é', 'ß', 'A', '0'), maxLength }),
    fc.constantFrom('', '.', '..', '__proto__', 'constructor', 'toString', 'a'.repeat(5000), '%00', '%ff', '%E0%A4%A', '\u0000', 'null', '-1', '1e309', '9'.repeat(30)),
  );
