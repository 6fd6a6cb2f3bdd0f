/**
 * The limits of spoken access codes, from config, and the refusal to start when
 * they let the chance of anyone guessing any live code in a lifetime exceed
 * GUESSING_BOUND_TARGET (VOICE.md; the arithmetic is src/voice/codes/README.md).
 */
import { ConfigError, type CodeConfig } from '../config.ts';
import { MAX_CORRECTION_CANDIDATES } from '../voice/codes/code-correction.ts';
import { DATA_WORDS } from '../voice/codes/code-format.ts';
import { CODE_WORD_COUNT } from '../voice/codes/code-words.ts';
import { GUESSING_BOUND_TARGET } from '../voice/codes/default-code-limits.ts';
import { guessingBound, validateLimits, type CodeLimits, type GuessingBound } from '../voice/codes/guessing-bound.ts';

/** The CodeLimits the configured values give. */
export function codeLimitsOf(codes: CodeConfig): CodeLimits {
  return {
    codeSpace: CODE_WORD_COUNT ** DATA_WORDS,
    expirySeconds: codes.expirySeconds,
    useLimit: codes.useLimit,
    attemptsPerCode: codes.attemptLimit,
    reachPerAttempt: codes.correction ? MAX_CORRECTION_CANDIDATES : 1,
    maxLiveCodesPerTenant: codes.maxLivePerTenant,
    throttles: { perCode: codes.perCode, perAddress: codes.perAddress, perTenant: codes.perTenant },
  };
}

/** The limits and their bound; throws ConfigError naming the variables when they make no sense or the bound is above the target. */
export function checkedCodeLimits(codes: CodeConfig, target = GUESSING_BOUND_TARGET): { limits: CodeLimits; bound: GuessingBound } {
  const limits = codeLimitsOf(codes);
  try {
    validateLimits(limits);
  } catch (error) {
    throw new ConfigError([`code limits (CODE_*): ${(error as Error).message}`]);
  }
  const bound = guessingBound(limits);
  if (bound.probability > target) {
    throw new ConfigError([
      `the code limits let the chance of guessing any live code in one lifetime reach ${bound.probability.toExponential(2)}, above ${target.toExponential(0)}: ` +
        `${bound.attemptsPerLifetime} attempts (CODE_THROTTLE_PER_TENANT over CODE_EXPIRY_SECONDS) x ${limits.reachPerAttempt} codes per attempt (CODE_CORRECTION) x ` +
        `${limits.maxLiveCodesPerTenant} live codes (CODE_MAX_LIVE_PER_TENANT) / ${limits.codeSpace.toExponential(2)} codes; lower one of them`,
    ]);
  }
  return { limits, bound };
}
