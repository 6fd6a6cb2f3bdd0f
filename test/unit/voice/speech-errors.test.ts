import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '../../../src/domain/errors.ts';
import { speakError } from '../../../src/voice/speech.ts';
import { sentenceCount } from './speech-fixtures.ts';

const CODES = Object.keys(ERROR_CODES) as ErrorCode[];
const JARGON = /json|http|token|tenant|slug|payload|validat|schema|request|\b\d{3}\b|error|invalid|unauthori|forbidden|fehler|ungültig|_/i;
const BLAME = /your fault|you did|you made|you sent the wrong|sie haben falsch|ihr fehler/i;

describe('speakError', () => {
  it.each([
    ['file_not_found', "I couldn't find that file. Could you tell me who sent it or roughly when?", 'Die Datei habe ich nicht gefunden. Wissen Sie, wer sie geschickt hat oder ungefähr wann?'],
    ['forbidden', "I'm not able to do that on this call.", 'Das kann ich in diesem Gespräch leider nicht machen.'],
    ['validation_failed', "Sorry, I didn't quite get that. Could you say it another way?", 'Entschuldigung, das habe ich nicht ganz verstanden. Können Sie es anders sagen?'],
    ['rate_limited', 'Just a moment, please; I need a few seconds before I can try that again.', 'Einen Moment bitte; ich brauche ein paar Sekunden, bevor ich es noch einmal versuchen kann.'],
    ['internal', 'Sorry, something went wrong on my side. Please try again in a moment.', 'Entschuldigung, bei mir ist etwas schiefgegangen. Bitte versuchen Sie es gleich noch einmal.'],
  ] as const)('%s', (code, en, de) => {
    expect(speakError('en', code)).toBe(en);
    expect(speakError('de', code)).toBe(de);
  });

  it.each(CODES)('%s: short, plain, in each language', (code) => {
    const en = speakError('en', code);
    const de = speakError('de', code);
    for (const speech of [en, de]) {
      expect(speech.length).toBeGreaterThan(10);
      expect(sentenceCount(speech)).toBeLessThanOrEqual(2);
      expect(speech).not.toMatch(JARGON);
      expect(speech).not.toMatch(BLAME);
    }
    expect(de).not.toBe(en);
  });

  it('falls back to the internal sentence for a code it does not know', () => {
    expect(speakError('en', 'no_such_code' as ErrorCode)).toBe(speakError('en', 'internal'));
  });
});
