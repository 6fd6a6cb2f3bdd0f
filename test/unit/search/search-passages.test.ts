/** The `matched` snippet: the sentence that answers, not the one that repeats the file's name. */
import { describe, expect, it } from 'vitest';
import { bestSentence } from '../../../adapters/search/search-passages.ts';

const LEASE = 'This lease covers the office at 21 Baker Street. The deposit equals three monthly rents. The landlord is Harbor Estates Limited.';

describe('bestSentence', () => {
  it('takes the sentence with the most matched lexemes', () => {
    expect(bestSentence(LEASE, ['landlord', 'harbor'])).toBe('The landlord is Harbor Estates Limited.');
  });

  it('counts lexemes the name or title already matched for a quarter, so the asked-about word wins the tie', () => {
    const terms = ['deposit', 'baker', 'street', 'offic'];
    expect(bestSentence(LEASE, terms)).toBe('This lease covers the office at 21 Baker Street.');
    expect(bestSentence(LEASE, terms, { named: ['baker', 'street', 'offic'] })).toBe('The deposit equals three monthly rents.');
    const mietvertrag = 'Dieser Mietvertrag gilt für das Büro in der Hauptstraße 5. Die Kündigungsfrist beträgt drei Monate zum Quartalsende.';
    expect(bestSentence(mietvertrag, ['kundigungsfrist', 'mietvertrag'], { named: ['mietvertrag'] })).toBe('Die Kündigungsfrist beträgt drei Monate zum Quartalsende.');
  });

  it('weighs lexemes by their weight, so a rare word outweighs a common one', () => {
    expect(bestSentence(LEASE, ['offic', 'landlord'])).toBe('This lease covers the office at 21 Baker Street.');
    expect(bestSentence(LEASE, ['offic', 'landlord'], { weights: { offic: 1.2, landlord: 4.5 } })).toBe('The landlord is Harbor Estates Limited.');
  });

  it('still quotes a name word when nothing else matched, and nothing for phonetic keys alone', () => {
    expect(bestSentence(LEASE, ['baker'], { named: ['baker'] })).toBe('This lease covers the office at 21 Baker Street.');
    expect(bestSentence(LEASE, ['~PKR'])).toBeNull();
  });
});
