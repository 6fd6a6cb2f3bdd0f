/** Double Metaphone rules for T, W, X and Z (see double-metaphone.ts). */
import { add, at, isVowel, slice, type MetaphoneState } from './double-metaphone-state.ts';

/** T: T, X (nation, cello-like tch), or 0 (th; T in the alternate key). */
export function encodeT(state: MetaphoneState): void {
  const next = at(state, 1);
  const nextnext = at(state, 2);
  if (next === 'I' && nextnext === 'O' && at(state, 3) === 'N') {
    add(state, 'X');
    state.index += 3;
    return;
  }
  if ((next === 'I' && nextnext === 'A') || (next === 'C' && nextnext === 'H')) {
    add(state, 'X');
    state.index += 3;
    return;
  }
  if (next === 'H' || (next === 'T' && nextnext === 'H')) {
    // Thomas, Thames, or Germanic.
    if (state.germanic || ((nextnext === 'O' || nextnext === 'A') && at(state, 3) === 'M')) add(state, 'T');
    else add(state, '0', 'T');
    state.index += 2;
    return;
  }
  if (next === 'T' || next === 'D') state.index++;
  state.index++;
  add(state, 'T');
}

/** W: R (wr), A/F at the start, F at some ends (Arnow ~ Arnoff), TS (Filipowicz), else silent. */
export function encodeW(state: MetaphoneState): void {
  const i = state.index;
  const previous = at(state, -1);
  const next = at(state, 1);
  const nextnext = at(state, 2);
  if (next === 'R') {
    add(state, 'R');
    state.index += 2;
    return;
  }
  if (i === 0) {
    if (isVowel(next)) add(state, 'A', 'F'); // Wasserman ~ Vasserman
    else if (next === 'H') add(state, 'A'); // Uomo ~ Womo
  }
  if (
    ((previous === 'E' || previous === 'O') && next === 'S' && nextnext === 'K' && (at(state, 3) === 'I' || at(state, 3) === 'Y')) ||
    slice(state, 0, 3) === 'SCH' ||
    (i === state.last && isVowel(previous))
  ) {
    add(state, '', 'F');
    state.index++;
    return;
  }
  if (next === 'I' && (nextnext === 'C' || nextnext === 'T') && at(state, 3) === 'Z') {
    add(state, 'TS', 'FX'); // Polish Filipowicz
    state.index += 4;
    return;
  }
  state.index++;
}

/** X: KS, silent at the end of French breaux. */
export function encodeX(state: MetaphoneState): void {
  const previous = at(state, -1);
  const next = at(state, 1);
  const frenchEnd = state.index === state.last && previous === 'U' && (at(state, -2) === 'A' || at(state, -2) === 'O');
  if (!frenchEnd) add(state, 'KS');
  if (next === 'C' || next === 'X') state.index++;
  state.index++;
}

/** Z: S, J (pinyin Zhao), TS in the alternate key of Slavic and Italian words. */
export function encodeZ(state: MetaphoneState): void {
  const previous = at(state, -1);
  const next = at(state, 1);
  const nextnext = at(state, 2);
  if (next === 'H') {
    add(state, 'J');
    state.index += 2;
    return;
  }
  if ((next === 'Z' && (nextnext === 'A' || nextnext === 'I' || nextnext === 'O')) || (state.slavoGermanic && state.index > 0 && previous !== 'T')) add(state, 'S', 'TS');
  else add(state, 'S');
  if (next === 'Z') state.index++;
  state.index++;
}
