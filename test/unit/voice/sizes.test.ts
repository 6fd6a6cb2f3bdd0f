import { describe, expect, it } from 'vitest';
import { spokenSize } from '../../../src/voice/sizes.ts';

const KiB = 1024;
const MiB = 1024 ** 2;
const GiB = 1024 ** 3;
const TiB = 1024 ** 4;

describe('spokenSize', () => {
  it.each([
    [0, 'zero bytes', 'null Byte'],
    [1, 'a few bytes', 'ein paar Byte'],
    [42, 'a few bytes', 'ein paar Byte'],
    [500, 'less than a kilobyte', 'weniger als ein Kilobyte'],
    [1000, 'about one kilobyte', 'etwa ein Kilobyte'],
    [KiB, 'about one kilobyte', 'etwa ein Kilobyte'],
    [1.5 * KiB, 'about one and a half kilobytes', 'etwa eineinhalb Kilobyte'],
    [12 * KiB, 'about twelve kilobytes', 'etwa zwölf Kilobyte'],
    [340 * KiB, 'about three hundred forty kilobytes', 'etwa dreihundertvierzig Kilobyte'],
    [347 * KiB, 'about three hundred fifty kilobytes', 'etwa dreihundertfünfzig Kilobyte'],
    [999.6 * KiB, 'about one megabyte', 'etwa ein Megabyte'],
    [1023 * KiB, 'about one megabyte', 'etwa ein Megabyte'],
    [2 * MiB, 'about two megabytes', 'etwa zwei Megabyte'],
    [2.2 * MiB, 'about two megabytes', 'etwa zwei Megabyte'],
    [2.3 * MiB, 'about two and a half megabytes', 'etwa zweieinhalb Megabyte'],
    [2.5 * MiB, 'about two and a half megabytes', 'etwa zweieinhalb Megabyte'],
    [7.5 * MiB, 'about seven and a half megabytes', 'etwa siebeneinhalb Megabyte'],
    [9.8 * MiB, 'about ten megabytes', 'etwa zehn Megabyte'],
    [47.4 * MiB, 'about forty-seven megabytes', 'etwa siebenundvierzig Megabyte'],
    [100 * MiB, 'about one hundred megabytes', 'etwa hundert Megabyte'],
    [GiB, 'about one gigabyte', 'etwa ein Gigabyte'],
    [1.5 * GiB, 'about one and a half gigabytes', 'etwa eineinhalb Gigabyte'],
    [3 * TiB, 'about three terabytes', 'etwa drei Terabyte'],
  ])('%d bytes -> "%s" / "%s"', (bytes, en, de) => {
    expect(spokenSize('en', bytes)).toBe(en);
    expect(spokenSize('de', bytes)).toBe(de);
  });

  it('never says a raw number: no digits for any size from bytes to terabytes', () => {
    for (let bytes = 1; bytes < 20 * TiB; bytes = Math.ceil(bytes * 1.37)) {
      expect(spokenSize('en', bytes)).not.toMatch(/\d/);
      expect(spokenSize('de', bytes)).not.toMatch(/\d/);
    }
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s', (bytes) => {
    expect(() => spokenSize('en', bytes)).toThrow(RangeError);
  });
});
