/** The cursor that the Double Metaphone letter rules read and advance (see double-metaphone.ts). */
export interface MetaphoneState {
  /** The word upper-cased and padded with five spaces, so look-ahead never runs off the end. */
  readonly normalized: string;
  readonly chars: readonly string[];
  readonly length: number;
  readonly last: number;
  index: number;
  primary: string;
  secondary: string;
  readonly slavoGermanic: boolean;
  readonly germanic: boolean;
}

/** A, E, I, O, U and Y. */
export function isVowel(char: string | undefined): boolean {
  return char !== undefined && char.length === 1 && 'AEIOUY'.includes(char);
}

/** Append a sound to both keys (or different sounds to each). */
export function add(state: MetaphoneState, primary: string, secondary = primary): void {
  state.primary += primary;
  state.secondary += secondary;
}

/** The characters of the padded word from `start` (inclusive) to `end` (exclusive). */
export function slice(state: MetaphoneState, start: number, end?: number): string {
  // A negative start counts from the end, as in the original: the few rules that look back
  // before the first letter then see an empty or padded string, never a match.
  return state.normalized.slice(start, end);
}

/** The character at `offset` from the cursor. */
export function at(state: MetaphoneState, offset: number): string | undefined {
  return state.chars[state.index + offset];
}
