import { describe, expect, it } from 'vitest';
import { crossedThreshold, formatBytes, fullness, quotaRefusal } from '../../../src/domain/quota.ts';

describe('quota rules', () => {
  it.each([
    [{ bytes: 79, files: 0 }, { bytes: 100, files: null }, 0, 'bytes'],
    [{ bytes: 80, files: 0 }, { bytes: 100, files: null }, 80, 'bytes'],
    [{ bytes: 96, files: 0 }, { bytes: 100, files: null }, 95, 'bytes'],
    [{ bytes: 120, files: 0 }, { bytes: 100, files: null }, 95, 'bytes'],
    [{ bytes: 10, files: 9 }, { bytes: 100, files: 10 }, 80, 'files'],
    [{ bytes: 0, files: 0 }, { bytes: null, files: null }, 0, 'bytes'],
  ] as const)('usage %o of %o crosses %d (%s)', (usage, quota, percent, measure) => {
    expect(crossedThreshold(usage, quota, [80, 95])).toEqual({ percent, measure });
  });

  it('a zero quota is full at once', () => {
    expect(fullness({ bytes: 0, files: 0 }, { bytes: 0, files: null }).ratio).toBe(1);
    expect(quotaRefusal({ bytes: 0, files: 0 }, { bytes: 0, files: null }, { declaredBytes: null, newFile: true })).toMatch(/used up/);
  });

  it.each([
    [{ bytes: 50, files: 1 }, { bytes: 100, files: null }, { declaredBytes: 50, newFile: true }, null],
    [{ bytes: 50, files: 1 }, { bytes: 100, files: null }, { declaredBytes: 51, newFile: true }, /would exceed the storage quota: 50 bytes of 100 bytes are used, 50 bytes are left/],
    [{ bytes: 100, files: 1 }, { bytes: 100, files: null }, { declaredBytes: null, newFile: false }, /storage quota is used up/],
    [{ bytes: 1, files: 3 }, { bytes: null, files: 3 }, { declaredBytes: 1, newFile: true }, /file quota is used up: 3 of 3 files/],
    [{ bytes: 1, files: 3 }, { bytes: null, files: 3 }, { declaredBytes: 1, newFile: false }, null],
  ] as const)('before streaming: usage %o, quota %o, upload %o', (usage, quota, upload, expected) => {
    const refusal = quotaRefusal(usage, quota, upload);
    if (expected === null) expect(refusal).toBeNull();
    else expect(refusal).toMatch(expected);
  });

  it('formats sizes for people', () => {
    expect([formatBytes(512), formatBytes(1536), formatBytes(20 * 2 ** 20), formatBytes(3.25 * 2 ** 30)]).toEqual(['512 bytes', '1.5 KiB', '20 MiB', '3.3 GiB']);
  });
});
