import { describe, expect, it } from 'vitest';
import { MAX_CORRECTION_CANDIDATES } from '../../../../src/voice/codes/code-correction.ts';
import { DATA_WORDS } from '../../../../src/voice/codes/code-format.ts';
import { CODE_WORD_COUNT } from '../../../../src/voice/codes/code-words.ts';
import { DEFAULT_CODE_LIMITS, GUESSING_BOUND_TARGET } from '../../../../src/voice/codes/default-code-limits.ts';
import { attemptsWithin, guessingBound, type CodeLimits } from '../../../../src/voice/codes/guessing-bound.ts';

const limits = (change: Partial<CodeLimits> = {}): CodeLimits => ({ ...DEFAULT_CODE_LIMITS, ...change });

describe('guessing bound', () => {
  it('at the default limits the chance of anyone guessing any live code in a lifetime is at most one in a million', () => {
    const bound = guessingBound(DEFAULT_CODE_LIMITS);
    expect(bound.probability).toBeLessThanOrEqual(GUESSING_BOUND_TARGET);
    expect(bound.binding).toBe('perTenant');
  });

  it('computes the README arithmetic: 1,500 attempts x 6 codes each x 1,000 live codes / 409^5', () => {
    expect(DEFAULT_CODE_LIMITS.codeSpace).toBe(CODE_WORD_COUNT ** DATA_WORDS);
    expect(DEFAULT_CODE_LIMITS.reachPerAttempt).toBe(MAX_CORRECTION_CANDIDATES);
    const bound = guessingBound(DEFAULT_CODE_LIMITS);
    expect(bound.attemptsPerLifetime).toBe(60 + 60 * 24);
    expect(bound.probability).toBeCloseTo((1500 * 6 * 1000) / 409 ** 5, 15);
    expect(bound.probability).toBeCloseTo(7.86e-7, 9);
    expect(bound.codeSpaceBits).toBeCloseTo(43.38, 2);
  });

  it.each([
    ['ten times the live codes', limits({ maxLiveCodesPerTenant: 10_000 })],
    ['a week of lifetime', limits({ expirySeconds: 7 * 86_400 })],
    ['ten times the tenant throttle', limits({ throttles: { ...DEFAULT_CODE_LIMITS.throttles, perTenant: { attempts: 600, perSeconds: 3600, burst: 60 } } })],
    ['one word fewer', limits({ codeSpace: CODE_WORD_COUNT ** 4 })],
  ])('breaks the target with %s', (_, changed) => {
    expect(guessingBound(changed).probability).toBeGreaterThan(GUESSING_BOUND_TARGET);
  });

  it('grows linearly in every factor and is capped at 1', () => {
    const base = guessingBound(DEFAULT_CODE_LIMITS).probability;
    expect(guessingBound(limits({ reachPerAttempt: 1 })).probability).toBeCloseTo(base / 6, 15);
    expect(guessingBound(limits({ maxLiveCodesPerTenant: 2000 })).probability).toBeCloseTo(base * 2, 15);
    expect(guessingBound(limits({ codeSpace: 10 })).probability).toBe(1);
  });

  it('takes the tightest scope: a global throttle, or the per-address throttle for a bounded attacker', () => {
    const global = guessingBound(limits({ maxLiveCodes: 5000, throttles: { ...DEFAULT_CODE_LIMITS.throttles, global: { attempts: 10, perSeconds: 3600, burst: 0 } } }));
    expect(global.binding).toBe('global');
    expect(global.attemptsPerLifetime).toBe(240);
    const oneAddress = guessingBound(limits({ attackerAddresses: 1 }));
    expect(oneAddress.binding).toBe('perAddress');
    expect(oneAddress.attemptsPerLifetime).toBe(10 + 10 * 96);
    expect(guessingBound(limits({ attackerAddresses: 1_000_000 })).binding).toBe('perTenant');
  });

  it('a token bucket lets through its burst plus its rate over the time', () => {
    expect(attemptsWithin({ attempts: 60, perSeconds: 3600, burst: 60 }, 86_400)).toBe(1500);
    expect(attemptsWithin({ attempts: 1, perSeconds: 60, burst: 0 }, 90)).toBe(2);
  });

  it.each([
    ['a zero expiry', limits({ expirySeconds: 0 }), /expirySeconds/],
    ['a code that locks before it is used up', limits({ useLimit: 5, attemptsPerCode: 3 }), /attemptsPerCode \(3\) is below useLimit \(5\)/],
    ['a negative burst', limits({ throttles: { ...DEFAULT_CODE_LIMITS.throttles, perTenant: { attempts: 1, perSeconds: 1, burst: -1 } } }), /perTenant.burst/],
    ['no attacker addresses', limits({ attackerAddresses: 0 }), /attackerAddresses/],
    ['fewer live codes in all than in one tenant', limits({ maxLiveCodes: 10 }), /maxLiveCodes/],
  ])('refuses %s', (_, bad, message) => {
    expect(() => guessingBound(bad)).toThrow(message);
  });
});
