import { describe, expect, it } from 'vitest';
import {
  boundedEditDistance, closePairs, englishMayBePlural, englishSyllables, germanSyllables, isBlocked, phoneticKeys, sharedKeys,
} from '../../../../src/voice/codes/word-rules.ts';

describe('word rules (each one also catches what it must)', () => {
  it.each([
    ['tiger', 'tiger', 0], ['tiger', 'tigers', 1], ['tiger', 'timer', 1], ['tiger', 'taker', 2], ['kitten', 'sitting', 3],
    ['', 'abc', 3], ['flaw', 'lawn', 2], ['abcdef', 'azcdeq', 2],
  ] as const)('edit distance %s / %s = %i', (a, b, d) => {
    expect(boundedEditDistance(a, b, 10)).toBe(d);
    expect(boundedEditDistance(b, a, 10)).toBe(d);
    expect(boundedEditDistance(a, b, 2)).toBe(Math.min(d, 2));
  });

  it.each([['T AY1 G ER0', 2], ['AE1 N AH0 M AH0 L', 3], ['K AE1 T', 1], ['B AH1 T ER0 F L AY2', 3], ['IH0 N AE1 M ER0 EY2 T', 4]] as const)(
    'English syllables of %s: %i', (pronunciation, n) => {
      expect(englishSyllables(pronunciation)).toBe(n);
    },
  );

  it.each([
    ['vater', 2], ['kaffee', 2], ['polizei', 3], ['hochzeit', 2], ['auto', 2], ['erinnern', 3], ['idee', 2], ['ahnung', 2],
    ['theater', null], ['familie', null], ['museum', null], ['hobby', null],
  ] as const)('German syllables of %s: %s', (word, n) => {
    expect(germanSyllables(word)).toBe(n);
  });

  it.each([
    ['killer', true], ['skill', false], ['ermordung', true], ['butt', true], ['butter', false], ['hell', true], ['hello', false], ['tiger', false],
  ] as const)('blocklist: %s blocked is %s', (word, blocked) => {
    expect(isBlocked(word, ['kill*', '*mord*', 'butt', 'hell'])).toBe(blocked);
  });

  it.each([['tigers', true], ['bonus', true], ['children', true], ['gentlemen', true], ['tiger', false], ['child', false], ['gentleman', false]] as const)('English plural %s: %s', (word, plural) => {
    expect(englishMayBePlural(word, new Set(['children']))).toBe(plural);
  });

  it('finds words too close in spelling, and only those', () => {
    expect(closePairs(['tiger', 'timer', 'river', 'lemon'])).toEqual([['tiger', 'timer', 1], ['tiger', 'river', 2], ['timer', 'river', 2]]);
    expect(closePairs(['tiger', 'lemon', 'candle'])).toEqual([]);
  });

  it('finds shared prefixes and shared phonetic keys', () => {
    expect(sharedKeys(['tiger', 'tickle', 'river'], (w) => [w.slice(0, 3)])).toEqual(new Map());
    expect(sharedKeys(['tiger', 'tigress', 'river'], (w) => [w.slice(0, 3)])).toEqual(new Map([['tig', ['tiger', 'tigress']]]));
    expect(sharedKeys(['smith', 'schmidt'], (w) => phoneticKeys(w, 'en'))).toEqual(new Map([['XMT', ['smith', 'schmidt']]]));
    expect(sharedKeys(['meier', 'maier', 'vater'], (w) => phoneticKeys(w, 'de'))).toEqual(new Map([['67', ['meier', 'maier']]]));
  });
});
