/** Double Metaphone rules for C and G, the two letters with the most readings (see double-metaphone.ts). */
import { add, at, isVowel, slice, type MetaphoneState } from './double-metaphone-state.ts';

const INITIAL_GREEK_CH = /^CH(IA|EM|OR([^E])|YM|ARAC|ARIS)/;
const GREEK_CH = /ORCHES|ARCHIT|ORCHID/;
const CH_FOR_KH = /[ BFHLMNRVW]/;

/** C: K, S, X (as in church), KS (accident), or skipped (McClellan). */
export function encodeC(state: MetaphoneState): void {
  const i = state.index;
  const previous = at(state, -1);
  const next = at(state, 1);
  const nextnext = at(state, 2);
  // Various Germanic (bacher, macher).
  if (previous === 'A' && next === 'H' && nextnext !== 'I' && !isVowel(state.chars[i - 2]) && (nextnext !== 'E' || ['BACHER', 'MACHER'].includes(slice(state, i - 2, i + 4)))) {
    add(state, 'K');
    state.index += 2;
    return;
  }
  if (i === 0 && slice(state, 1, 6) === 'AESAR') {
    add(state, 'S'); // Caesar
    state.index += 2;
    return;
  }
  if (slice(state, i + 1, i + 4) === 'HIA') {
    add(state, 'K'); // Chianti
    state.index += 2;
    return;
  }
  if (next === 'H') return encodeCh(state);
  if (next === 'Z' && slice(state, i - 2, i) !== 'WI') {
    add(state, 'S', 'X'); // Czerny
    state.index += 2;
    return;
  }
  if (slice(state, i + 1, i + 4) === 'CIA') {
    add(state, 'X'); // focaccia
    state.index += 3;
    return;
  }
  // Double C, but not McClellan.
  if (next === 'C' && !(i === 1 && state.chars[0] === 'M')) {
    if ((nextnext === 'I' || nextnext === 'E' || nextnext === 'H') && slice(state, i + 2, i + 4) !== 'HU') {
      const around = slice(state, i - 1, i + 4);
      // accident, accede, succeed; otherwise Italian bacci, bertucci.
      if ((i === 1 && previous === 'A') || around === 'UCCEE' || around === 'UCCES') add(state, 'KS');
      else add(state, 'X');
      state.index += 3;
      return;
    }
    add(state, 'K'); // Pierce's rule
    state.index += 2;
    return;
  }
  if (next === 'G' || next === 'K' || next === 'Q') {
    add(state, 'K');
    state.index += 2;
    return;
  }
  if (next === 'I' && (nextnext === 'E' || nextnext === 'O')) {
    add(state, 'S', 'X'); // Italian
    state.index += 2;
    return;
  }
  if (next === 'I' || next === 'E' || next === 'Y') {
    add(state, 'S');
    state.index += 2;
    return;
  }
  add(state, 'K');
  // Mac Caffrey, Mac Gregor.
  if (next === ' ' && (nextnext === 'C' || nextnext === 'G' || nextnext === 'Q')) {
    state.index += 3;
    return;
  }
  state.index++;
}

function encodeCh(state: MetaphoneState): void {
  const i = state.index;
  const previous = at(state, -1);
  const nextnext = at(state, 2);
  if (i > 0 && nextnext === 'A' && at(state, 3) === 'E') {
    add(state, 'K', 'X'); // Michael
  } else if (i === 0 && INITIAL_GREEK_CH.test(state.normalized)) {
    add(state, 'K'); // chemistry, chorus
  } else if (
    state.germanic ||
    GREEK_CH.test(slice(state, i - 2, i + 4)) ||
    nextnext === 'T' ||
    nextnext === 'S' ||
    ((i === 0 || previous === 'A' || previous === 'E' || previous === 'O' || previous === 'U') && CH_FOR_KH.test(nextnext ?? ''))
  ) {
    add(state, 'K'); // architect (not arch, orchestra, orchid), wachtler
  } else if (i === 0) {
    add(state, 'X');
  } else if (slice(state, 0, 2) === 'MC') {
    add(state, 'K'); // McHugh
  } else {
    add(state, 'X', 'K');
  }
  state.index += 2;
}

/** G: K, J, F (laugh), KN/N (gnocchi, sign), or silent (night). */
export function encodeG(state: MetaphoneState): void {
  const i = state.index;
  const previous = at(state, -1);
  const next = at(state, 1);
  const nextnext = at(state, 2);
  if (next === 'H') return encodeGh(state);
  if (next === 'N') {
    if (i === 1 && isVowel(state.chars[0]) && !state.slavoGermanic) add(state, 'KN', 'N');
    else if (slice(state, i + 2, i + 4) !== 'EY' && slice(state, i + 1) !== 'Y' && !state.slavoGermanic) add(state, 'N', 'KN');
    else add(state, 'KN');
    state.index += 2;
    return;
  }
  if (slice(state, i + 1, i + 3) === 'LI' && !state.slavoGermanic) {
    add(state, 'KL', 'L'); // Tagliaro
    state.index += 2;
    return;
  }
  // -ges-, -gep-, -gel- at the beginning.
  if (i === 0 && /Y[\s\S]|E[BILPRSY]|I[BELN]/.test(slice(state, 1, 3))) {
    add(state, 'K', 'J');
    state.index += 2;
    return;
  }
  // -ger-, -gy-.
  if ((slice(state, i + 1, i + 3) === 'ER' && previous !== 'I' && previous !== 'E' && !/^[DMR]ANGER/.test(slice(state, 0, 6))) || (next === 'Y' && !/[EGIR]/.test(previous ?? ''))) {
    add(state, 'K', 'J');
    state.index += 2;
    return;
  }
  // Italian biaggi.
  if (next === 'E' || next === 'I' || next === 'Y' || ((previous === 'A' || previous === 'O') && next === 'G' && nextnext === 'I')) {
    if (slice(state, i + 1, i + 3) === 'ET' || state.germanic) add(state, 'K');
    else add(state, 'J', slice(state, i + 1, i + 5) === 'IER ' ? 'J' : 'K'); // always soft if French ending
    state.index += 2;
    return;
  }
  if (next === 'G') state.index++;
  state.index++;
  add(state, 'K');
}

function encodeGh(state: MetaphoneState): void {
  const i = state.index;
  const previous = at(state, -1);
  if (i > 0 && !isVowel(previous)) {
    add(state, 'K');
    state.index += 2;
    return;
  }
  if (i === 0) {
    add(state, at(state, 2) === 'I' ? 'J' : 'K'); // Ghislane, Ghiradelli
    state.index += 2;
    return;
  }
  // Parker's rule: Hugh, bough, Broughton.
  const back = (n: number) => state.chars[i - n];
  if (['B', 'H', 'D'].includes(back(2) ?? '') || ['B', 'H', 'D'].includes(back(3) ?? '') || ['B', 'H'].includes(back(4) ?? '')) {
    state.index += 2;
    return;
  }
  // laugh, McLaughlin, cough, gough, rough, tough.
  if (i > 2 && previous === 'U' && /[CGLRT]/.test(back(3) ?? '')) add(state, 'F');
  else if (i > 0 && previous !== 'I') add(state, 'K');
  state.index += 2;
}
