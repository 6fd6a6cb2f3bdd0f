import { describe, expect, it } from 'vitest';
import { consentOf } from '../../../src/voice/consent.ts';
import { speakNotShareable, speakShareDone, speakShareQuestion, spokenCodePage, spokenEmail, spokenPhoneEnding } from '../../../src/voice/share-speech.ts';

describe('consent', () => {
  it.each([
    ['yes', 'en', 'yes'], ['Yes please.', 'en', 'yes'], ['yeah go ahead', 'en', 'yes'], ['sure, send it', 'en', 'yes'], ["that's right", 'en', 'yes'],
    ['no', 'en', 'no'], ['wait', 'en', 'no'], ['yes, no wait', 'en', 'no'], ["don't", 'en', 'no'], ['hmm', 'en', 'no'], ['who is this', 'en', 'no'],
    ['ja', 'de', 'yes'], ['Ja, gerne.', 'de', 'yes'], ['genau', 'de', 'yes'], ['yes', 'de', 'yes'],
    ['nein', 'de', 'no'], ['ja, nein, warte', 'de', 'no'], ['lieber nicht', 'de', 'no'], ['äh', 'de', 'no'],
  ] as const)('%s (%s) is %s', (text, locale, expected) => {
    expect(consentOf(text, locale)).toBe(expected);
  });
});

describe('share speech', () => {
  it('reads back the recipient in a form the caller can check', () => {
    expect(spokenPhoneEnding('en', '+49 151 1234 4711')).toBe('four seven one one');
    expect(spokenPhoneEnding('de', '+49 151 1234 4722')).toBe('vier sieben zwo zwo');
    expect(spokenEmail('en', 'sam.lee@example.com')).toBe('s a m, dot l e, e, at example dot com');
    expect(speakShareQuestion('en', { label: 'the Q2 Financial Report', recipient: { phone: '+4915112344711' }, toCaller: true, delivered: true }))
      .toBe('Shall I send you the Q2 Financial Report? The code will go to the number ending four seven one one.');
    expect(speakShareQuestion('de', { label: 'die Datei Angebot Müller', recipient: { name: 'Frau Schmidt', phone: '0301234' }, toCaller: false, delivered: true }))
      .toBe('Soll ich die Datei Angebot Müller an Frau Schmidt schicken? Der Code geht an die Nummer mit den Endziffern eins zwo drei vier.');
    expect(speakShareQuestion('en', { label: 'the Q2 Financial Report', recipient: {}, toCaller: true, delivered: false }))
      .toBe("Shall I send you the Q2 Financial Report? I'll then read you a code that opens it.");
  });

  it('says the code in two groups and where to enter it, never a whole URL', () => {
    const now = new Date('2030-05-01T10:00:00Z');
    const done = speakShareDone('en', { code: [0, 1, 2, 3, 4, 5], codePage: 'https://files.example.com/c/acme', uses: 3, expiresAt: new Date('2030-05-02T10:00:00Z'), now, sent: false });
    expect(done).toBe('Done. Your code is: even, money, believe. someone, woman, tomorrow. Enter it at files dot example dot com slash c slash acme. It works three times in the next twenty-four hours.');
    expect(done).not.toContain('https');
    expect(spokenCodePage('de', 'http://127.0.0.1:8080/c/acme')).toBe('127 Punkt 0 Punkt 0 Punkt 1 Doppelpunkt 8080 Schrägstrich c Schrägstrich acme');
    expect(speakShareDone('de', { code: [0, 1, 2, 3, 4, 5], codePage: 'https://files.example.com/c/acme', uses: 1, expiresAt: new Date('2030-05-02T10:00:00Z'), now, sent: true })).toMatch(/^Erledigt, der Link ist unterwegs\. Ihr Code lautet: .+ Geben Sie ihn auf files Punkt example Punkt com Schrägstrich c Schrägstrich acme ein\. Er gilt einmal in den nächsten vierundzwanzig Stunden\.$/);
  });

  it('says why a file cannot be shared', () => {
    expect(speakNotShareable('en', 'scanning')).toContain('still being checked');
    expect(speakNotShareable('de', 'infected')).toContain('gesperrt');
  });
});
