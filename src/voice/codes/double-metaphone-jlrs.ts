/** Double Metaphone rules for J, L, R and S (see double-metaphone.ts). */
import { add, at, isVowel, slice, type MetaphoneState } from './double-metaphone-state.ts';

/** J: J, H (Spanish jose), A (Yankelovich), or silent. */
export function encodeJ(state: MetaphoneState): void {
  const i = state.index;
  const previous = at(state, -1);
  const next = at(state, 1);
  // Obvious Spanish: jose, San Jacinto.
  if (slice(state, i, i + 4) === 'JOSE' || slice(state, 0, 4) === 'SAN ') {
    if (slice(state, 0, 4) === 'SAN ' || (i === 0 && state.chars[i + 4] === ' ')) add(state, 'H');
    else add(state, 'J', 'H');
    state.index++;
    return;
  }
  if (i === 0) {
    add(state, 'J', 'A'); // Yankelovich, Jankelowicz
  } else if (!state.slavoGermanic && (next === 'A' || next === 'O') && isVowel(previous)) {
    add(state, 'J', 'H'); // Spanish bajador
  } else if (i === state.last) {
    add(state, 'J', '');
  } else if (previous !== 'S' && previous !== 'K' && previous !== 'L' && !/[LTKSNMBZ]/.test(next ?? '')) {
    add(state, 'J');
  } else if (next === 'J') {
    state.index++;
  }
  state.index++;
}

/** L, with the silent second L of Spanish cabrillo, gallegos in the alternate key. */
export function encodeL(state: MetaphoneState): void {
  const i = state.index;
  const previous = at(state, -1);
  const nextnext = at(state, 2);
  if (at(state, 1) === 'L') {
    const lastChar = state.chars[state.last];
    const spanish =
      (i === state.length - 3 && ((previous === 'A' && nextnext === 'E') || (previous === 'I' && (nextnext === 'O' || nextnext === 'A')))) ||
      (previous === 'A' && nextnext === 'E' && (lastChar === 'A' || lastChar === 'O' || /AS|OS/.test(slice(state, state.last - 1, state.length))));
    if (spanish) {
      add(state, 'L', '');
      state.index += 2;
      return;
    }
    state.index++;
  }
  add(state, 'L');
  state.index++;
}

/** R, silent in the primary key of French endings such as Rogier (but not Hochmeier). */
export function encodeR(state: MetaphoneState): void {
  const i = state.index;
  const c = (n: number) => state.chars[i - n];
  if (i === state.last && !state.slavoGermanic && c(1) === 'E' && c(2) === 'I' && c(4) !== 'M' && c(3) !== 'E' && c(3) !== 'A') add(state, '', 'R');
  else add(state, 'R');
  if (at(state, 1) === 'R') state.index++;
  state.index++;
}

/** S: S, X (sh), SK (school), or silent (island). */
export function encodeS(state: MetaphoneState): void {
  const i = state.index;
  const previous = at(state, -1);
  const next = at(state, 1);
  const nextnext = at(state, 2);
  if (next === 'L' && (previous === 'I' || previous === 'Y')) {
    state.index++; // island, isle, carlisle, carlysle
    return;
  }
  if (i === 0 && slice(state, 1, 5) === 'UGAR') {
    add(state, 'X', 'S'); // sugar
    state.index++;
    return;
  }
  if (next === 'H') {
    add(state, /EIM|OEK|OLM|OLZ/.test(slice(state, i + 1, i + 5)) ? 'S' : 'X'); // Germanic
    state.index += 2;
    return;
  }
  if (next === 'I' && (nextnext === 'O' || nextnext === 'A')) {
    add(state, 'S', state.slavoGermanic ? 'S' : 'X');
    state.index += 3;
    return;
  }
  // Smith matches Schmidt, snider matches Schneider; Slavic -sz-.
  if (next === 'Z' || (i === 0 && (next === 'L' || next === 'M' || next === 'N' || next === 'W'))) {
    add(state, 'S', 'X');
    if (next === 'Z') state.index++;
    state.index++;
    return;
  }
  if (next === 'C') return encodeSc(state);
  const before = slice(state, i - 2, i);
  // French resnais, artois.
  if (i === state.last && (before === 'AI' || before === 'OI')) add(state, '', 'S');
  else add(state, 'S');
  if (next === 'S') state.index++;
  state.index++;
}

function encodeSc(state: MetaphoneState): void {
  const i = state.index;
  const nextnext = at(state, 2);
  // Schlesinger's rule.
  if (nextnext === 'H') {
    const after = slice(state, i + 3, i + 5);
    // Dutch origin: school, schooner; schermerhorn, schenker.
    if (/E[DMNR]|UY|OO/.test(after)) {
      if (after === 'ER' || after === 'EN') add(state, 'X', 'SK');
      else add(state, 'SK');
      state.index += 3;
      return;
    }
    if (i === 0 && !isVowel(state.chars[3]) && state.chars[3] !== 'W') add(state, 'X', 'S');
    else add(state, 'X');
    state.index += 3;
    return;
  }
  if (nextnext === 'I' || nextnext === 'E' || nextnext === 'Y') add(state, 'S');
  else add(state, 'SK');
  state.index += 3;
}
