/**
 * Issuing and redeeming spoken access codes (VOICE.md, "Spoken access codes"), for
 * both kinds: download codes (shares) and upload codes (upload requests).
 *
 * A code is stored only as HMAC(code-hashing key, tenant id + keypad digits): the
 * digits are the same whatever language the code was heard in. Redemption knows
 * the tenant first (the link or page is the tenant's), reads the text, hashes the
 * code it names or, when one word was misheard, every valid code one word away,
 * and corrects only when exactly one of those is a live code. Every attempt takes
 * a token from the tenant's and the client address's bucket (given back when it
 * finds a live code), and a POST also from the code's own: past any of them the
 * answer is `throttled` with the seconds to wait (429 with Retry-After).
 */
import { createHmac, randomUUID } from 'node:crypto';
import { accessCodeState, type AccessCodeKind, type AccessCodeRecord, type AccessCodeState } from '../domain/access-code.ts';
import type { AuditEvent } from '../domain/audit.ts';
import { isDomainError } from '../domain/errors.ts';
import { LOCALES, type Locale } from '../domain/tenant.ts';
import type { AccessCodeStore, RedeemOutcome } from '../ports/access-code-store.port.ts';
import type { AttemptThrottle, BucketRef } from '../ports/attempt-throttle.port.ts';
import type { Clock } from '../ports/clock.port.ts';
import { readCode } from '../voice/codes/code-correction.ts';
import { generateCode, keypadDigits, type AccessCode, type RandomIndex } from '../voice/codes/code-format.ts';
import type { CodeLimits } from '../voice/codes/guessing-bound.ts';

export interface AccessCodeDeps {
  codes: AccessCodeStore;
  throttle: AttemptThrottle;
  clock: Clock;
  /** The code-hashing key (DerivedKeys.codeHashing). */
  hashingKey: Buffer;
  limits: CodeLimits;
  /** Randomness for new codes (tests); default crypto.getRandomValues. */
  random?: RandomIndex;
}

/** The keyed hash a code is stored and looked up by. */
export function hashAccessCode(hashingKey: Buffer, tenantId: string, code: AccessCode): string {
  return createHmac('sha256', hashingKey).update(`${tenantId.toLowerCase()}:${keypadDigits(code)}`).digest('hex');
}

export interface IssuedAccessCode {
  record: AccessCodeRecord;
  /** The code itself: shown or spoken once, never stored. */
  code: AccessCode;
}

/** Issue a new code for `subjectId`; rejects `code_limit_reached` past the tenant's live-code cap. */
export async function issueAccessCode(
  deps: AccessCodeDeps,
  input: { tenantId: string; kind: AccessCodeKind; subjectId: string; issuedBy: string; audit?: (record: { id: string; expiresAt: Date }) => AuditEvent },
): Promise<IssuedAccessCode> {
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + deps.limits.expirySeconds * 1000);
  // A collision (the same code live twice in one tenant) is refused by the database; draw again.
  for (let attempt = 0; ; attempt++) {
    const code = generateCode(deps.random);
    const id = randomUUID();
    try {
      const record = await deps.codes.issue(
        {
          id, tenantId: input.tenantId, kind: input.kind, subjectId: input.subjectId, codeHash: hashAccessCode(deps.hashingKey, input.tenantId, code),
          issuedBy: input.issuedBy, expiresAt, useLimit: deps.limits.useLimit, attemptLimit: deps.limits.attemptsPerCode,
        },
        { maxLive: deps.limits.maxLiveCodesPerTenant, now, ...(input.audit ? { audit: input.audit({ id, expiresAt }) } : {}) },
      );
      return { record, code };
    } catch (error) {
      if (isDomainError(error) && error.code === 'conflict' && attempt < 3) continue;
      throw error;
    }
  }
}

/** What a reading of a code came to. */
export type CodeLookup =
  | { result: 'live'; record: AccessCodeRecord; code: AccessCode; corrected: boolean }
  | { result: 'unusable'; record: AccessCodeRecord; state: Exclude<AccessCodeState, 'live'> }
  | { result: 'not_found' }
  | { result: 'throttled'; retryAfterSeconds: number };

export interface CodeAttempt {
  tenantId: string;
  kind: AccessCodeKind;
  /** The code as typed or heard. */
  text: string;
  /** The tenant's language (read first; the other languages and digits are read too). */
  locale: Locale;
  /** The client's address (IPv6 counts by its /64). */
  address: string;
}

/** Look a code up without using it (GET /c/<code>: a link preview must not use it up). Throttled like a redemption. */
export async function lookUpAccessCode(deps: AccessCodeDeps, attempt: CodeAttempt): Promise<CodeLookup> {
  const shared = sharedBuckets(deps.limits, attempt.address);
  const taken = await deps.throttle.take(attempt.tenantId, shared, deps.clock.now());
  if (!taken.allowed) return { result: 'throttled', retryAfterSeconds: taken.retryAfterSeconds };
  const found = await findCode(deps, attempt);
  if (found.result === 'live') await deps.throttle.refund(attempt.tenantId, shared, deps.clock.now());
  return found;
}

/**
 * Redeem a code (POST /c/<code>, /u): counts an attempt and, when the code is live, a use, with
 * `audit` in the same transaction. The live result carries the code's state after the use.
 */
export async function redeemAccessCode(
  deps: AccessCodeDeps,
  attempt: CodeAttempt & {
    audit?: (outcome: RedeemOutcome, corrected: boolean) => AuditEvent;
    /** Checked before a live code is used: false answers `refused` and uses nothing (a file that may not be served). */
    admit?: (record: AccessCodeRecord) => Promise<boolean>;
  },
): Promise<CodeLookup | { result: 'refused'; record: AccessCodeRecord }> {
  const shared = sharedBuckets(deps.limits, attempt.address);
  const taken = await deps.throttle.take(attempt.tenantId, shared, deps.clock.now());
  if (!taken.allowed) return { result: 'throttled', retryAfterSeconds: taken.retryAfterSeconds };
  const found = await findCode(deps, attempt);
  if (found.result === 'not_found') return found;
  const perCode: BucketRef = { scope: 'code', key: found.record.id, limit: deps.limits.throttles.perCode };
  const codeTaken = await deps.throttle.take(attempt.tenantId, [perCode], deps.clock.now());
  if (!codeTaken.allowed) return { result: 'throttled', retryAfterSeconds: codeTaken.retryAfterSeconds };
  if (found.result === 'live' && attempt.admit && !(await attempt.admit(found.record))) return { result: 'refused', record: found.record };
  const corrected = found.result === 'live' && found.corrected;
  const outcome = await deps.codes.redeem(attempt.tenantId, found.record.id, {
    now: deps.clock.now(),
    ...(attempt.audit ? { audit: (o: RedeemOutcome) => attempt.audit!(o, corrected) } : {}),
  });
  if (!outcome) return { result: 'not_found' };
  if (!outcome.redeemed) return { result: 'unusable', record: outcome.code, state: outcome.state };
  await deps.throttle.refund(attempt.tenantId, shared, deps.clock.now());
  return { result: 'live', record: outcome.code, code: (found as { code: AccessCode }).code, corrected };
}

/** The buckets every attempt takes from: the tenant's (the guessing bound) and the client address's. */
function sharedBuckets(limits: CodeLimits, address: string): BucketRef[] {
  return [
    { scope: 'tenant', key: 'all', limit: limits.throttles.perTenant },
    { scope: 'address', key: addressKey(address), limit: limits.throttles.perAddress },
  ];
}

/** IPv4 as it is; IPv6 by its /64 (one subscriber usually holds a whole /64); IPv4-mapped IPv6 as IPv4. */
export function addressKey(address: string): string {
  const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  if (!plain.includes(':')) return plain.slice(0, 200) || 'unknown';
  const [head = '', tail = ''] = plain.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = plain.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** The code a text names: exact, or corrected when exactly one candidate one word away is live. */
async function findCode(deps: AccessCodeDeps, attempt: CodeAttempt): Promise<Exclude<CodeLookup, { result: 'throttled' }>> {
  const reading = readInAnyLanguage(attempt.text, attempt.locale);
  if (!reading) return { result: 'not_found' };
  const correcting = reading.exact === null;
  const candidates = correcting ? (deps.limits.reachPerAttempt > 1 ? reading.corrections : []) : [reading.exact as AccessCode];
  if (candidates.length === 0) return { result: 'not_found' };
  const byHash = new Map(candidates.map((code) => [hashAccessCode(deps.hashingKey, attempt.tenantId, code), code]));
  const records = (await deps.codes.findByHashes(attempt.tenantId, [...byHash.keys()])).filter((r) => r.kind === attempt.kind);
  const now = deps.clock.now();
  const live = records.filter((r) => accessCodeState(r, now) === 'live');
  if (live.length === 1) {
    const record = live[0] as AccessCodeRecord & { codeHash: string };
    return { result: 'live', record: withoutHash(record), code: byHash.get(record.codeHash) as AccessCode, corrected: correcting };
  }
  // Several live codes within reach: correcting would be a guess. A single dead one: say why it opens nothing.
  if (live.length === 0 && records.length === 1) {
    const record = withoutHash(records[0] as AccessCodeRecord & { codeHash: string });
    return { result: 'unusable', record, state: accessCodeState(record, now) as Exclude<AccessCodeState, 'live'> };
  }
  return { result: 'not_found' };
}

function withoutHash(record: AccessCodeRecord & { codeHash?: string }): AccessCodeRecord {
  const { codeHash: _hash, ...rest } = record;
  return rest;
}

/** The tenant's language first, then the others (a code read in German words hashes like the same code in English or digits). */
function readInAnyLanguage(text: string, locale: Locale): ReturnType<typeof readCode> | null {
  let best: ReturnType<typeof readCode> | null = null;
  for (const language of [locale, ...LOCALES.filter((l) => l !== locale)]) {
    const reading = readCode(text, language);
    if (reading.exact) return reading;
    if (!best && reading.corrections.length > 0) best = reading;
  }
  return best;
}
