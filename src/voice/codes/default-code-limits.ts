/**
 * The limits proposed for spoken codes (README.md here explains each). The
 * sharing engineer wires them into config; the guessing-bound test proves that
 * at these values the chance of anyone guessing any live code in a lifetime
 * stays at or below one in a million.
 */
import { DATA_WORDS } from './code-format.ts';
import { MAX_CORRECTION_CANDIDATES } from './code-correction.ts';
import { CODE_WORD_COUNT } from './code-words.ts';
import type { CodeLimits } from './guessing-bound.ts';

const HOUR = 3600;

/** The target the defaults must keep (VOICE.md). */
export const GUESSING_BOUND_TARGET = 1e-6;

export const DEFAULT_CODE_LIMITS: CodeLimits = Object.freeze({
  codeSpace: CODE_WORD_COUNT ** DATA_WORDS,
  expirySeconds: 24 * HOUR,
  useLimit: 3,
  attemptsPerCode: 10,
  reachPerAttempt: MAX_CORRECTION_CANDIDATES,
  maxLiveCodesPerTenant: 1000,
  throttles: Object.freeze({
    perCode: Object.freeze({ attempts: 5, perSeconds: 60, burst: 5 }),
    perAddress: Object.freeze({ attempts: 10, perSeconds: 15 * 60, burst: 10 }),
    perTenant: Object.freeze({ attempts: 60, perSeconds: HOUR, burst: 60 }),
  }),
});
