import { describe, expect, it } from 'vitest';
import { doubleMetaphone } from '../../../../src/voice/codes/double-metaphone.ts';

/**
 * Published keys: Stephen Woodbridge's surname list for the original C++
 * implementation, as Apache commons-codec's DoubleMetaphone2Test carries it
 * (word, primary, alternate; four characters each).
 */
const WOODBRIDGE: ReadonlyArray<readonly [string, string, string]> = [
  ['ALLERTON', 'ALRT', 'ALRT'], ['Acton', 'AKTN', 'AKTN'], ['Adams', 'ATMS', 'ATMS'], ['Aggar', 'AKR', 'AKR'],
  ['Ahl', 'AL', 'AL'], ['Aiken', 'AKN', 'AKN'], ['Alcock', 'ALKK', 'ALKK'], ['Ambler', 'AMPL', 'AMPL'],
  ['Angier', 'ANJ', 'ANJR'], ['Ashby', 'AXP', 'AXP'], ['Bachelor', 'PXLR', 'PKLR'], ['Barlow', 'PRL', 'PRLF'],
  ['Beauchamp', 'PXMP', 'PKMP'], ['Belcher', 'PLXR', 'PLKR'], ['benign', 'PNN', 'PNKN'], ['Bergen', 'PRJN', 'PRKN'],
  ['Bigelow', 'PJL', 'PKLF'], ['Bishop', 'PXP', 'PXP'], ['Bosworth', 'PSR0', 'PSRT'], ['Bouchier', 'PX', 'PKR'],
  ['Brzozowski', 'PRSS', 'PRTS'], ['Burge', 'PRJ', 'PRK'], ['Chambers', 'XMPR', 'XMPR'], ['Chevalier', 'XFL', 'XFLR'],
  ['Christie', 'KRST', 'KRST'], ['Church', 'XRX', 'XRK'], ['Clothilde', 'KL0L', 'KLTL'], ['Collier', 'KL', 'KLR'],
  ['Copperthwaite', 'KPR0', 'KPRT'], ['Crew', 'KR', 'KRF'], ['Cutha', 'K0', 'KT'], ["D'Aubigny", 'TPN', 'TPKN'],
  ['Dexter', 'TKST', 'TKST'], ['Dow', 'T', 'TF'], ['Eglinton', 'AKLN', 'ALNT'], ['Elizabeth', 'ALSP', 'ALSP'],
  ['Fischer', 'FXR', 'FSKR'], ['Folger', 'FLKR', 'FLJR'], ['French', 'FRNX', 'FRNK'], ['Frier', 'FR', 'FRR'],
  ['Frothingham', 'FR0N', 'FRTN'], ['Gage', 'KJ', 'KK'], ['garage', 'KRJ', 'KRK'], ['George', 'JRJ', 'KRK'],
  ['Gerken', 'KRKN', 'JRKN'], ['Gibbs', 'KPS', 'JPS'], ['Giffard', 'JFRT', 'KFRT'], ['Gill', 'KL', 'JL'],
  ['Goodnow', 'KTN', 'KTNF'], ['Hathaway', 'H0', 'HT'], ['Hawkins', 'HKNS', 'HKNS'], ['Hemenway', 'HMN', 'HMN'],
];

describe('Double Metaphone against published keys', () => {
  for (const [word, primary, alternate] of WOODBRIDGE) {
    it(`${word} -> ${primary} / ${alternate}`, () => {
      expect(doubleMetaphone(word)).toEqual([primary, alternate]);
    });
  }

  it('Smith and Schmidt share a key (the algorithm\'s own example)', () => {
    const smith = doubleMetaphone('Smith');
    const schmidt = doubleMetaphone('Schmidt');
    expect(smith).toEqual(['SM0', 'XMT']);
    expect(schmidt).toEqual(['XMT', 'SMT']);
    expect(smith.some((key) => schmidt.includes(key))).toBe(true);
  });

  it('keys are cut to maxLength, and untruncated with Infinity', () => {
    expect(doubleMetaphone('Carpenter')).toEqual(['KRPN', 'KRPN']);
    expect(doubleMetaphone('Carpenter', Infinity)).toEqual(['KRPNTR', 'KRPNTR']);
  });

  it('is case-insensitive and empty for an empty word', () => {
    expect(doubleMetaphone('tiger')).toEqual(doubleMetaphone('TIGER'));
    expect(doubleMetaphone('')).toEqual(['', '']);
  });
});
