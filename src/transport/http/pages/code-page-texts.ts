/** The words of the code pages, per language (the tenant's). */
import type { AccessCodeState } from '../../../domain/access-code.ts';
import type { Locale } from '../../../domain/tenant.ts';

export interface CodePageTexts {
  title: string;
  enterHeading: string;
  codeLabel: string;
  codeHint: string;
  tenantLabel: string;
  tenantHint: string;
  continue: string;
  download: string;
  type: string;
  size: string;
  until: string;
  usesLeft: string;
  correctedNote: string;
  notFound: string;
  unusable: Record<Exclude<AccessCodeState, 'live'>, string>;
  askAgain: string;
  unavailable: string;
  throttled: (minutes: number) => string;
  starting: string;
  privacy: string;
}

export const CODE_PAGE_TEXTS: Readonly<Record<Locale, CodePageTexts>> = {
  en: {
    title: 'Open a shared file',
    enterHeading: 'Enter your code',
    codeLabel: 'Your code',
    codeHint: 'The six words you heard, for example “tiger mango river lemon olive candle”, or the 18 digits.',
    tenantLabel: 'Company',
    tenantHint: 'The short name after /c/ in the link you were given.',
    continue: 'Continue',
    download: 'Download',
    type: 'Type',
    size: 'Size',
    until: 'Code valid until',
    usesLeft: 'Downloads left',
    correctedNote: 'One word of the code was corrected.',
    notFound: 'We could not find that code. Please check the words and try again.',
    unusable: {
      expired: 'This code has expired.',
      used_up: 'This code has been used as often as it allows.',
      locked: 'This code is locked after too many tries.',
      revoked: 'This code has been withdrawn.',
    },
    askAgain: 'Please ask the person who shared the file for a new code.',
    unavailable: 'This file is not available.',
    throttled: (minutes) => `Too many tries. Please wait ${minutes === 1 ? 'a minute' : `${minutes} minutes`} and try again.`,
    starting: 'Your download is starting.',
    privacy: 'Opening this page does not use up the code; only the Download button does.',
  },
  de: {
    title: 'Geteilte Datei öffnen',
    enterHeading: 'Code eingeben',
    codeLabel: 'Ihr Code',
    codeHint: 'Die sechs Wörter, die Sie gehört haben, zum Beispiel „Vater Garten Bruder Sommer Wasser Kuchen“, oder die 18 Ziffern.',
    tenantLabel: 'Firma',
    tenantHint: 'Der Kurzname nach /c/ im Link, den Sie bekommen haben.',
    continue: 'Weiter',
    download: 'Herunterladen',
    type: 'Art',
    size: 'Größe',
    until: 'Code gültig bis',
    usesLeft: 'Verbleibende Downloads',
    correctedNote: 'Ein Wort des Codes wurde korrigiert.',
    notFound: 'Diesen Code haben wir nicht gefunden. Bitte prüfen Sie die Wörter und versuchen Sie es noch einmal.',
    unusable: {
      expired: 'Dieser Code ist abgelaufen.',
      used_up: 'Dieser Code wurde so oft benutzt, wie er erlaubt.',
      locked: 'Dieser Code ist nach zu vielen Versuchen gesperrt.',
      revoked: 'Dieser Code wurde zurückgezogen.',
    },
    askAgain: 'Bitte fragen Sie die Person, die die Datei geteilt hat, nach einem neuen Code.',
    unavailable: 'Diese Datei ist nicht verfügbar.',
    throttled: (minutes) => `Zu viele Versuche. Bitte warten Sie ${minutes === 1 ? 'eine Minute' : `${minutes} Minuten`} und versuchen Sie es dann noch einmal.`,
    starting: 'Ihr Download beginnt.',
    privacy: 'Das Öffnen dieser Seite verbraucht den Code nicht, nur der Knopf Herunterladen.',
  },
};
