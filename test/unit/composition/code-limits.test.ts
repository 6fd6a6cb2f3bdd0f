/** The code limits from config, and the refusal to start when their guessing bound is above one in a million. */
import { describe, expect, it } from 'vitest';
import { checkedCodeLimits, codeLimitsOf } from '../../../src/composition/code-limits.ts';
import { ConfigError, loadConfig } from '../../../src/config.ts';
import { DEFAULT_CODE_LIMITS, GUESSING_BOUND_TARGET } from '../../../src/voice/codes/default-code-limits.ts';
import { attemptsWithin } from '../../../src/voice/codes/guessing-bound.ts';

describe('code limits from config', () => {
  it('defaults to the limits the codes README proposes', () => {
    const { throttles, ...rest } = codeLimitsOf(loadConfig({}).codes);
    const { throttles: proposed, ...proposedRest } = DEFAULT_CODE_LIMITS;
    expect(rest).toEqual(proposedRest);
    expect(throttles).toEqual({ ...proposed });
  });

  it('computes the bound from the configured values: at the defaults 7.9e-7, at most 1e-6', () => {
    const { limits, bound } = checkedCodeLimits(loadConfig({}).codes);
    const attempts = attemptsWithin(limits.throttles.perTenant, limits.expirySeconds);
    expect(attempts).toBe(1500);
    expect(bound.probability).toBeCloseTo((attempts * limits.reachPerAttempt * limits.maxLiveCodesPerTenant) / limits.codeSpace, 15);
    expect(bound.probability).toBeLessThanOrEqual(GUESSING_BOUND_TARGET);
    expect(bound.probability.toExponential(1)).toBe('7.9e-7');
  });

  it('reads the overrides, and lower limits keep the bound', () => {
    const config = loadConfig({ CODE_EXPIRY_SECONDS: '3600', CODE_USE_LIMIT: '1', CODE_ATTEMPT_LIMIT: '5', CODE_MAX_LIVE_PER_TENANT: '500', CODE_CORRECTION: 'false', CODE_THROTTLE_PER_TENANT: '30/3600/30', CODE_THROTTLE_PER_ADDRESS: '5/600/5', CODE_THROTTLE_PER_CODE: '3/60/3' });
    expect(config.codes).toMatchObject({ expirySeconds: 3600, useLimit: 1, attemptLimit: 5, maxLivePerTenant: 500, correction: false, perTenant: { attempts: 30, perSeconds: 3600, burst: 30 }, perCode: { attempts: 3, perSeconds: 60, burst: 3 } });
    const { limits, bound } = checkedCodeLimits(config.codes);
    expect(limits.reachPerAttempt).toBe(1);
    expect(bound.probability).toBeLessThan(1e-8);
  });

  it.each([
    ['ten times the live codes', { CODE_MAX_LIVE_PER_TENANT: '10000' }],
    ['a week of lifetime', { CODE_EXPIRY_SECONDS: String(7 * 86400) }],
    ['ten times the tenant throttle', { CODE_THROTTLE_PER_TENANT: '600/3600/600' }],
  ])('refuses to start with %s (bound above 1e-6), naming the variables', (_name, env) => {
    const config = loadConfig(env);
    expect(() => checkedCodeLimits(config.codes)).toThrow(ConfigError);
    expect(() => checkedCodeLimits(config.codes)).toThrow(/above 1e-6.*CODE_THROTTLE_PER_TENANT.*CODE_MAX_LIVE_PER_TENANT/s);
  });

  it('names malformed values and limits that make no sense', () => {
    expect(() => loadConfig({ CODE_THROTTLE_PER_TENANT: 'sixty' })).toThrow(/CODE_THROTTLE_PER_TENANT must be attempts\/perSeconds\/burst/);
    expect(() => loadConfig({ CODE_USE_LIMIT: '0' })).toThrow(/CODE_USE_LIMIT/);
    expect(() => checkedCodeLimits(loadConfig({ CODE_USE_LIMIT: '20', CODE_ATTEMPT_LIMIT: '5' }).codes)).toThrow(/attemptsPerCode \(5\) is below useLimit \(20\)/);
  });
});
