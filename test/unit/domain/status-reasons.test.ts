import { describe, expect, it } from 'vitest';
import { REJECTION_REASONS } from '../../../adapters/extract/extraction-errors.ts';
import { interpretInstream } from '../../../adapters/scan/clamd.reply.ts';
import { VERSION_STATUSES } from '../../../src/domain/file.ts';
import { describeStatusReason, isStatusReason, STATUS_REASONS } from '../../../src/domain/status-reasons.ts';

describe('the one table of version status reasons', () => {
  it('has a sentence and a terminal status for every code', () => {
    for (const [code, entry] of Object.entries(STATUS_REASONS)) {
      expect(code).toMatch(/^[a-z][a-z_]*$/);
      expect(entry.message, code).toMatch(/^[A-Z].*\.$/);
      expect(VERSION_STATUSES).toContain(entry.status);
    }
  });

  it('lists every reason an extractor can refuse with', () => {
    expect(REJECTION_REASONS.filter((reason) => !isStatusReason(reason))).toEqual([]);
  });

  it('lists every refusal the clamd adapter reports', () => {
    const refusals = [
      interpretInstream({ reply: 'INSTREAM size limit exceeded. ERROR', sentWholeStream: false, bytesSent: 10, transportError: undefined }, undefined),
      interpretInstream({ reply: 'stream: Heuristics.Limits.Exceeded.MaxFileSize FOUND', sentWholeStream: true, bytesSent: 10, transportError: undefined }, undefined),
      interpretInstream({ reply: 'stream: Heuristics.Limits.Exceeded.MaxRecursion FOUND', sentWholeStream: true, bytesSent: 10, transportError: undefined }, undefined),
    ];
    for (const verdict of refusals) {
      expect(verdict.verdict).toBe('refused');
      if (verdict.verdict === 'refused') expect(isStatusReason(verdict.reason), verdict.reason).toBe(true);
    }
  });

  it('describes stored reasons, including ones written before the table', () => {
    expect(describeStatusReason(null)).toBeNull();
    expect(describeStatusReason('encrypted')).toEqual({ code: 'encrypted', message: STATUS_REASONS.encrypted.message });
    expect(describeStatusReason('infected:Eicar-Test-Signature')).toEqual({ code: 'infected', message: STATUS_REASONS.infected.message });
    expect(describeStatusReason('something_new')).toEqual({ code: 'something_new', message: null });
    expect(isStatusReason('__proto__')).toBe(false);
    expect(isStatusReason('toString')).toBe(false);
  });
});
