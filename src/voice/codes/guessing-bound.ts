/**
 * An upper bound on the chance that anyone guesses any live code during one
 * code lifetime, from the configured limits (README.md here writes the
 * arithmetic down). Pure: the sharing engineer calls it with the values from
 * config and refuses to start when the bound exceeds the target.
 *
 *   P <= attempts x reach x liveCodes / codeSpace
 *
 * attempts: the most redemption attempts that can reach the codes in one
 *   lifetime (a token bucket lets through at most burst + rate x time), taking
 *   the tightest throttle that binds an attacker with any number of addresses
 *   (per tenant, or across the deployment); the per-address throttle binds only
 *   for an assumed number of attacker addresses.
 * reach: how many codes one attempt can name: one, or MAX_CORRECTION_CANDIDATES
 *   when correction is on (an attempt that fails its check names every valid
 *   code one word away).
 * liveCodes: the most codes live at once where the attempts land (per tenant,
 *   or across the deployment).
 * Union bound over attempts and codes; codes are uniform and independent of the guesses.
 */

/** A token-bucket throttle: `burst` attempts at once, refilled at `attempts` per `perSeconds`. */
export interface Throttle {
  attempts: number;
  perSeconds: number;
  burst: number;
}

export interface CodeLimits {
  /** Number of distinct valid codes (409^5 for the word codes). */
  codeSpace: number;
  /** Longest lifetime of a code, in seconds. */
  expirySeconds: number;
  /** Redemptions a code allows; a used-up code is not live, so this does not enter the bound. */
  useLimit: number;
  /** Redemption attempts that may name one code before it locks (at least useLimit). Binds one code's exposure, not a guesser who spreads attempts. */
  attemptsPerCode: number;
  /** Codes one attempt may name: 1 without correction, MAX_CORRECTION_CANDIDATES with it. */
  reachPerAttempt: number;
  /** Most codes live at once in one tenant (creation is refused beyond it). */
  maxLiveCodesPerTenant: number;
  /** Most codes live at once in the deployment; needed for the global throttle to count. */
  maxLiveCodes?: number;
  throttles: {
    /** Attempts on one code (its lock-out pace; not in the bound, see attemptsPerCode). */
    perCode: Throttle;
    /** Failed attempts from one client address. */
    perAddress: Throttle;
    /** Failed attempts on one tenant's codes, from everywhere (the tenant is known before the look-up). */
    perTenant: Throttle;
    /** Failed attempts on the whole deployment, from everywhere. */
    global?: Throttle;
  };
  /** How many addresses an attacker is assumed to hold; the per-address throttle counts only when this is finite. Default: unlimited. */
  attackerAddresses?: number;
}

export interface GuessingBound {
  /** The bound on the chance that any live code is guessed in one lifetime (at most 1). */
  probability: number;
  /** log2 of the code space. */
  codeSpaceBits: number;
  /** The throttle that gives the bound: 'perTenant', 'global' or 'perAddress'. */
  binding: 'perTenant' | 'global' | 'perAddress';
  /** Attempts the binding throttle lets through in one lifetime. */
  attemptsPerLifetime: number;
  /** The bound each applicable scope gives. */
  byScope: Partial<Record<'perTenant' | 'global' | 'perAddress', number>>;
}

/** The most attempts a throttle lets through in `seconds`. */
export function attemptsWithin(throttle: Throttle, seconds: number): number {
  return throttle.burst + Math.ceil((throttle.attempts * seconds) / throttle.perSeconds);
}

/** Throws a RangeError naming every limit that makes no sense. */
export function validateLimits(limits: CodeLimits): void {
  const problems: string[] = [];
  const positive = (name: string, value: number | undefined) => {
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) problems.push(`${name} must be a positive number, not ${value}`);
  };
  positive('codeSpace', limits.codeSpace);
  positive('expirySeconds', limits.expirySeconds);
  positive('useLimit', limits.useLimit);
  positive('attemptsPerCode', limits.attemptsPerCode);
  positive('reachPerAttempt', limits.reachPerAttempt);
  positive('maxLiveCodesPerTenant', limits.maxLiveCodesPerTenant);
  positive('maxLiveCodes', limits.maxLiveCodes);
  for (const [name, throttle] of Object.entries(limits.throttles)) {
    if (!throttle) continue;
    positive(`throttles.${name}.attempts`, throttle.attempts);
    positive(`throttles.${name}.perSeconds`, throttle.perSeconds);
    if (!(Number.isFinite(throttle.burst) && throttle.burst >= 0)) problems.push(`throttles.${name}.burst must be 0 or more, not ${throttle.burst}`);
  }
  if (limits.attemptsPerCode < limits.useLimit) problems.push(`attemptsPerCode (${limits.attemptsPerCode}) is below useLimit (${limits.useLimit}): the code would lock before it is used up`);
  if (limits.maxLiveCodes !== undefined && limits.maxLiveCodes < limits.maxLiveCodesPerTenant) problems.push('maxLiveCodes is below maxLiveCodesPerTenant');
  if (limits.attackerAddresses !== undefined && !(limits.attackerAddresses >= 1)) problems.push(`attackerAddresses must be 1 or more, not ${limits.attackerAddresses}`);
  if (problems.length > 0) throw new RangeError(`invalid code limits: ${problems.join('; ')}`);
}

/** The bound for `limits` (see the module comment). */
export function guessingBound(limits: CodeLimits): GuessingBound {
  validateLimits(limits);
  const lifetime = limits.expirySeconds;
  const perAttempt = (liveCodes: number) => (limits.reachPerAttempt * liveCodes) / limits.codeSpace;
  const attempts: Partial<Record<GuessingBound['binding'], number>> = { perTenant: attemptsWithin(limits.throttles.perTenant, lifetime) };
  const byScope: GuessingBound['byScope'] = { perTenant: (attempts.perTenant as number) * perAttempt(limits.maxLiveCodesPerTenant) };
  if (limits.throttles.global && limits.maxLiveCodes !== undefined) {
    attempts.global = attemptsWithin(limits.throttles.global, lifetime);
    byScope.global = attempts.global * perAttempt(limits.maxLiveCodes);
  }
  if (limits.attackerAddresses !== undefined && Number.isFinite(limits.attackerAddresses)) {
    attempts.perAddress = limits.attackerAddresses * attemptsWithin(limits.throttles.perAddress, lifetime);
    byScope.perAddress = attempts.perAddress * perAttempt(limits.maxLiveCodesPerTenant);
  }
  const [binding, probability] = (Object.entries(byScope) as Array<[GuessingBound['binding'], number]>).reduce((best, entry) => (entry[1] < best[1] ? entry : best));
  return {
    probability: Math.min(1, probability),
    codeSpaceBits: Math.log2(limits.codeSpace),
    binding,
    attemptsPerLifetime: attempts[binding] as number,
    byScope,
  };
}
