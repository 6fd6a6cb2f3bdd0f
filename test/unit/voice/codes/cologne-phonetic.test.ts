import { describe, expect, it } from 'vitest';
import { colognePhonetic } from '../../../../src/voice/codes/cologne-phonetic.ts';

/**
 * Published keys: the examples of the German Wikipedia article "Kölner Phonetik"
 * (Müller-Lüdenscheidt, Breschnew, Wikipedia) and Apache commons-codec's
 * ColognePhoneticTest (edge cases, examples, hyphens, variations).
 */
const PUBLISHED: ReadonlyArray<readonly [string, string]> = [
  ['Müller-Lüdenscheidt', '65752682'], ['Breschnew', '17863'], ['Wikipedia', '3412'],
  ['a', '0'], ['ä', '0'], ['aa', '0'], ['ha', '0'], ['h', ''], ['aha', '0'], ['b', '1'], ['p', '1'], ['ph', '3'],
  ['f', '3'], ['v', '3'], ['w', '3'], ['g', '4'], ['k', '4'], ['q', '4'], ['x', '48'], ['ax', '048'], ['cx', '48'],
  ['l', '5'], ['cl', '45'], ['acl', '085'], ['mn', '6'], ['r', '7'],
  ['Aabjoe', '01'], ['Aaclan', '0856'], ['Aychlmajr', '04567'],
  ['mÜller', '657'], ['schmidt', '862'], ['schneider', '8627'], ['fischer', '387'], ['weber', '317'],
  ['wagner', '3467'], ['becker', '147'], ['hoffmann', '0366'], ['schÄfer', '837'], ['peter', '127'],
  ['pharma', '376'], ['mönchengladbach', '664645214'], ['deutsch', '28'], ['deutz', '28'], ['hamburg', '06174'],
  ['hannover', '0637'], ['christstollen', '478256'], ['Xanthippe', '48621'], ['Zacharias', '8478'],
  ['Holzbau', '0581'], ['matsch', '68'], ['matz', '68'], ['Arbeitsamt', '071862'], ['Eberhard', '01772'],
  ['Eberhardt', '01772'], ['heithabu', '021'], ['bergisch-gladbach', '174845214'],
];

describe('Kölner Phonetik against published keys', () => {
  for (const [word, key] of PUBLISHED) {
    it(`${word} -> ${key || '(empty)'}`, () => {
      expect(colognePhonetic(word)).toBe(key);
    });
  }

  it('names that sound alike share a key (commons-codec variations)', () => {
    for (const word of ['Meier', 'Maier', 'Mair', 'Meyer', 'Meyr', 'Mejer', 'Major']) expect(colognePhonetic(word)).toBe('67');
    for (const word of ['mella', 'milah', 'moulla', 'mellah', 'muehle', 'mule']) expect(colognePhonetic(word)).toBe('65');
    expect(colognePhonetic('ganz')).toBe(colognePhonetic('Gänse'));
  });

  it('ß counts as s', () => {
    expect(colognePhonetic('Straße')).toBe(colognePhonetic('Strasse'));
  });
});
