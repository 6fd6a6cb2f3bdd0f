/** Issuing and redeeming spoken codes through the use cases, on PGlite and the Postgres server. */
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PostgresAccessCodeStore } from '../../../adapters/postgres/postgres.access-code-store.ts';
import { PostgresAttemptThrottle } from '../../../adapters/postgres/postgres.attempt-throttle.ts';
import { addressKey, hashAccessCode, issueAccessCode, lookUpAccessCode, redeemAccessCode, type AccessCodeDeps } from '../../../src/app/access-codes.use-case.ts';
import { candidateCodes } from '../../../src/voice/codes/code-correction.ts';
import { formatKeypad, generateCode, keypadDigits } from '../../../src/voice/codes/code-format.ts';
import { codeWords, formatCode } from '../../../src/voice/codes/code-text.ts';
import { DEFAULT_CODE_LIMITS } from '../../../src/voice/codes/default-code-limits.ts';
import { CODE_WORD_COUNT } from '../../../src/voice/codes/code-words.ts';
import { forEachEngine } from '../../support/db.ts';

describe('access codes (use cases)', async () => {
  await forEachEngine(import.meta.url, (ctx) => {
    let now = new Date('2030-05-01T10:00:00Z');
    const deps = (over: Partial<AccessCodeDeps> = {}): AccessCodeDeps => ({
      codes: new PostgresAccessCodeStore(ctx().db),
      throttle: new PostgresAttemptThrottle(ctx().db),
      clock: { now: () => now },
      hashingKey: Buffer.alloc(32, 7),
      limits: DEFAULT_CODE_LIMITS,
      ...over,
    });
    const newTenant = async () => {
      const slug = `t-${randomBytes(5).toString('hex')}`;
      const { rows } = await ctx().db.query("insert into tenants (slug, name, locale) values ($1, $1, 'en') returning id", [slug]);
      return String(rows[0]?.id);
    };
    const attempt = (tenantId: string, text: string, address = `198.51.100.${Math.floor(Math.random() * 250)}`) => ({ tenantId, kind: 'download' as const, text, locale: 'en' as const, address });

    it('stores only the keyed hash; the code opens in words of either language, any case and spacing, and as keypad digits', async () => {
      const d = deps();
      const tenant = await newTenant();
      const subjectId = randomUUID();
      const { record, code } = await issueAccessCode(d, { tenantId: tenant, kind: 'download', subjectId, issuedBy: 'session:s' });
      const { rows } = await ctx().db.query('select * from access_codes where id = $1', [record.id]);
      const stored = JSON.stringify(rows);
      expect(stored).not.toContain(keypadDigits(code));
      expect(stored).not.toContain(formatCode(code, 'en'));
      expect(rows[0]?.code_hash ?? (await d.codes.findByHashes(tenant, [hashAccessCode(d.hashingKey, tenant, code)]))[0]?.codeHash).toBe(hashAccessCode(d.hashingKey, tenant, code));
      for (const text of [formatCode(code, 'en').toUpperCase(), codeWords(code, 'en').join('  '), codeWords(code, 'en').join(''), formatCode(code, 'de'), formatKeypad(code), keypadDigits(code)]) {
        expect(await lookUpAccessCode(d, attempt(tenant, text)), text).toMatchObject({ result: 'live', corrected: false, record: { id: record.id, subjectId, uses: 0 } });
      }
    });

    it('corrects one misheard word when exactly one live code is within reach, never two', async () => {
      const d = deps();
      const tenant = await newTenant();
      const { record, code } = await issueAccessCode(d, { tenantId: tenant, kind: 'download', subjectId: randomUUID(), issuedBy: 'session:s' });
      const misheard = [...code];
      misheard[2] = ((misheard[2] as number) + 1) % CODE_WORD_COUNT;
      expect(await redeemAccessCode(d, attempt(tenant, formatCode(misheard, 'en')))).toMatchObject({ result: 'live', corrected: true, record: { id: record.id, uses: 1 } });
      // A second live code also one word from the same reading: no correction.
      const other = candidateCodes(misheard.map((value) => ({ value, kind: 'exact' as const }))).corrections.find((c) => c[0] !== code[0] || c[1] !== code[1] || c[2] !== code[2] || c[3] !== code[3] || c[4] !== code[4] || c[5] !== code[5]);
      await d.codes.issue(
        { id: randomUUID(), tenantId: tenant, kind: 'download', subjectId: randomUUID(), codeHash: hashAccessCode(d.hashingKey, tenant, other!), issuedBy: 'test', expiresAt: new Date(now.getTime() + 3600_000), useLimit: 3, attemptLimit: 10 },
        { maxLive: 1000, now },
      );
      expect(await redeemAccessCode(d, attempt(tenant, formatCode(misheard, 'en')))).toEqual({ result: 'not_found' });
      // Correction off (CODE_CORRECTION=false): only the exact code opens.
      const exactOnly = deps({ limits: { ...DEFAULT_CODE_LIMITS, reachPerAttempt: 1 } });
      const lone = await issueAccessCode(exactOnly, { tenantId: tenant, kind: 'download', subjectId: randomUUID(), issuedBy: 'session:s' });
      const slip = [...lone.code];
      slip[0] = ((slip[0] as number) + 5) % CODE_WORD_COUNT;
      expect(await lookUpAccessCode(exactOnly, attempt(tenant, formatCode(slip, 'en')))).toEqual({ result: 'not_found' });
    });

    it('a GET never uses the code; a POST does, until used up; wrong tenant, wrong kind, expired and revoked codes open nothing', async () => {
      const d = deps();
      const tenant = await newTenant();
      const { record, code } = await issueAccessCode(d, { tenantId: tenant, kind: 'download', subjectId: randomUUID(), issuedBy: 'session:s' });
      const text = formatCode(code, 'en');
      for (let i = 0; i < 8; i++) await lookUpAccessCode(d, attempt(tenant, text));
      expect((await d.codes.get(tenant, record.id))?.uses).toBe(0);
      expect(await lookUpAccessCode(d, attempt(await newTenant(), text))).toEqual({ result: 'not_found' });
      expect(await lookUpAccessCode(d, { ...attempt(tenant, text), kind: 'upload' })).toEqual({ result: 'not_found' });
      for (let i = 1; i <= 3; i++) expect(await redeemAccessCode(d, attempt(tenant, text))).toMatchObject({ result: 'live', record: { uses: i } });
      expect(await redeemAccessCode(d, attempt(tenant, text))).toMatchObject({ result: 'unusable', state: 'used_up' });
      expect(await lookUpAccessCode(d, attempt(tenant, text))).toMatchObject({ result: 'unusable', state: 'used_up' });

      const expiring = await issueAccessCode(d, { tenantId: tenant, kind: 'download', subjectId: randomUUID(), issuedBy: 'session:s' });
      const revoked = await issueAccessCode(d, { tenantId: tenant, kind: 'download', subjectId: randomUUID(), issuedBy: 'session:s' });
      await d.codes.revoke(tenant, revoked.record.id, now);
      expect(await redeemAccessCode(d, attempt(tenant, formatCode(revoked.code, 'en')))).toMatchObject({ result: 'unusable', state: 'revoked' });
      now = new Date(now.getTime() + DEFAULT_CODE_LIMITS.expirySeconds * 1000);
      expect(await redeemAccessCode(d, attempt(tenant, formatCode(expiring.code, 'en')))).toMatchObject({ result: 'unusable', state: 'expired' });
    });

    it('throttles guesses per address and per tenant (429 with the wait), and a live code gives its tokens back', async () => {
      const d = deps();
      const tenant = await newTenant();
      const { code } = await issueAccessCode(d, { tenantId: tenant, kind: 'download', subjectId: randomUUID(), issuedBy: 'session:s' });
      const address = '203.0.113.9';
      // Live lookups do not use up the address's allowance.
      for (let i = 0; i < 15; i++) expect(await lookUpAccessCode(d, attempt(tenant, formatCode(code, 'en'), address))).toMatchObject({ result: 'live' });
      const guesses = [];
      for (let i = 0; i < DEFAULT_CODE_LIMITS.throttles.perAddress.burst + 1; i++) guesses.push(await redeemAccessCode(d, attempt(tenant, formatCode(generateCode(), 'en'), address)));
      expect(guesses.slice(0, -1).every((g) => g.result === 'not_found')).toBe(true);
      expect(guesses.at(-1)).toMatchObject({ result: 'throttled' });
      expect((guesses.at(-1) as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
      // Many addresses: the tenant's budget binds (the guessing bound).
      const results = [];
      for (let i = 0; i < DEFAULT_CODE_LIMITS.throttles.perTenant.burst; i++) results.push(await lookUpAccessCode(d, attempt(tenant, formatCode(generateCode(), 'en'), `10.9.${i >> 8}.${i & 255}`)));
      expect(results.at(-1)).toMatchObject({ result: 'throttled' });
      expect(await lookUpAccessCode(d, attempt(tenant, formatCode(code, 'en'), '10.200.0.1'))).toMatchObject({ result: 'throttled' });
      expect(await lookUpAccessCode(d, attempt(await newTenant(), formatCode(code, 'en'), '10.200.0.1'))).toEqual({ result: 'not_found' });
    });

    it('the per-code throttle and attempt limit bound one code', async () => {
      const d = deps({ limits: { ...DEFAULT_CODE_LIMITS, useLimit: 100, attemptsPerCode: 100 } });
      const tenant = await newTenant();
      const { code } = await issueAccessCode(d, { tenantId: tenant, kind: 'download', subjectId: randomUUID(), issuedBy: 'session:s' });
      const outcomes = [];
      for (let i = 0; i < 6; i++) outcomes.push((await redeemAccessCode(d, attempt(tenant, formatCode(code, 'en')))).result);
      expect(outcomes).toEqual(['live', 'live', 'live', 'live', 'live', 'throttled']);
    });

    it('refuses a new code past the live cap', async () => {
      const d = deps({ limits: { ...DEFAULT_CODE_LIMITS, maxLiveCodesPerTenant: 2 } });
      const tenant = await newTenant();
      await issueAccessCode(d, { tenantId: tenant, kind: 'download', subjectId: randomUUID(), issuedBy: 's' });
      await issueAccessCode(d, { tenantId: tenant, kind: 'upload', subjectId: randomUUID(), issuedBy: 's' });
      await expect(issueAccessCode(d, { tenantId: tenant, kind: 'download', subjectId: randomUUID(), issuedBy: 's' })).rejects.toMatchObject({ code: 'code_limit_reached' });
    });
  });
});

describe('addressKey', () => {
  it('keeps IPv4, folds IPv4-mapped IPv6 and counts IPv6 by its /64', () => {
    expect(addressKey('192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });
});
