/**
 * What the agent says while sharing (VOICE.md): the read-back question with the
 * recipient in a form the caller can check, the code said clearly with where to
 * enter it, and why a file cannot be shared. Never a URL read out whole: the code
 * page is said as its host and short path. Pure.
 */
import type { ShareRecipient } from '../domain/share.ts';
import type { Locale } from '../domain/tenant.ts';
import type { VersionStatus } from '../domain/file.ts';
import type { AccessCode } from './codes/code-format.ts';
import { spokenCode } from './codes/code-speech.ts';
import { cardinalWords } from './number-words.ts';
import { spokenDuration } from './spoken-durations.ts';

const DIGITS: Readonly<Record<Locale, readonly string[]>> = {
  en: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'],
  de: ['null', 'eins', 'zwo', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun'],
};

/** The last four digits of a number, said digit by digit: "four seven one one". */
export function spokenPhoneEnding(locale: Locale, phone: string): string | null {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 4) return null;
  return [...digits.slice(-4)].map((d) => DIGITS[locale][Number(d)]).join(' ');
}

/** An e-mail spelled so it can be checked: "s a m, at example dot com". */
export function spokenEmail(locale: Locale, email: string): string {
  const [local = '', domain = ''] = email.toLowerCase().split('@');
  const letters = [...local].map((c) => (c === '.' ? (locale === 'de' ? 'Punkt' : 'dot') : c === '-' ? (locale === 'de' ? 'Strich' : 'dash') : c === '_' ? (locale === 'de' ? 'Unterstrich' : 'underscore') : c));
  const groups: string[] = [];
  for (let i = 0; i < letters.length; i += 3) groups.push(letters.slice(i, i + 3).join(' '));
  return `${groups.join(', ')}, at ${spokenHost(locale, domain)}`;
}

/** A host name said aloud: "files dot example dot com". */
export function spokenHost(locale: Locale, host: string): string {
  return host.split('.').join(locale === 'de' ? ' Punkt ' : ' dot ');
}

/** Where the code is entered, said aloud: "files dot example dot com slash c slash acme". */
export function spokenCodePage(locale: Locale, pageUrl: string): string {
  const url = new URL(pageUrl);
  const path = url.pathname.split('/').filter(Boolean).join(locale === 'de' ? ' Schrägstrich ' : ' slash ');
  const host = url.port ? `${spokenHost(locale, url.hostname)} ${locale === 'de' ? 'Doppelpunkt' : 'colon'} ${url.port}` : spokenHost(locale, url.hostname);
  return `${host} ${locale === 'de' ? 'Schrägstrich' : 'slash'} ${path}`;
}

/** How the recipient will get the link, when a webhook delivers it. */
function deliveryPhrase(locale: Locale, recipient: ShareRecipient): string | null {
  const ending = recipient.phone ? spokenPhoneEnding(locale, recipient.phone) : null;
  if (ending) return locale === 'de' ? `Der Code geht an die Nummer mit den Endziffern ${ending}.` : `The code will go to the number ending ${ending}.`;
  if (recipient.email) return locale === 'de' ? `Der Code geht an ${spokenEmail(locale, recipient.email)}.` : `The code will go to ${spokenEmail(locale, recipient.email)}.`;
  return null;
}

/** The read-back question: "Shall I send you the Q2 financial report? The code will go to the number ending four seven one one." */
export function speakShareQuestion(locale: Locale, input: { label: string; recipient: ShareRecipient; toCaller: boolean; delivered: boolean }): string {
  const who = input.toCaller ? null : input.recipient.name ?? null;
  const delivery = input.delivered ? deliveryPhrase(locale, input.recipient) : null;
  if (locale === 'de') {
    const ask = who ? `Soll ich ${input.label} an ${who} schicken?` : `Soll ich Ihnen ${input.label} schicken?`;
    return `${ask} ${delivery ?? 'Ich lese Ihnen dann einen Code vor, mit dem sich die Datei öffnen lässt.'}`;
  }
  const ask = who ? `Shall I send ${input.label} to ${who}?` : `Shall I send you ${input.label}?`;
  return `${ask} ${delivery ?? "I'll then read you a code that opens it."}`;
}

/** The code, and where to enter it: the page said as host and short path, how often and until when it works. */
export function speakShareDone(locale: Locale, input: { code: AccessCode; codePage: string; uses: number; expiresAt: Date; now: Date; sent: boolean }): string {
  const code = spokenCode(input.code, locale);
  const page = spokenCodePage(locale, input.codePage);
  const lasts = spokenDuration(locale, Math.max(60, (input.expiresAt.getTime() - input.now.getTime()) / 1000));
  const uses = cardinalWords(input.uses, locale);
  if (locale === 'de') {
    return `${input.sent ? 'Erledigt, der Link ist unterwegs. ' : 'Erledigt. '}Ihr Code lautet: ${code} Geben Sie ihn auf ${page} ein. Er gilt ${input.uses === 1 ? 'einmal' : `${uses} Mal`} in den nächsten ${lasts.replace(/^etwa /, '')}.`;
  }
  return `${input.sent ? 'Done, the link is on its way. ' : 'Done. '}Your code is: ${code} Enter it at ${page}. It works ${input.uses === 1 ? 'once' : `${uses} times`} in the next ${lasts.replace(/^about /, '')}.`;
}

/** The caller said no: nothing was shared. */
export function speakShareCancelled(locale: Locale): string {
  return locale === 'de' ? 'Gut, ich schicke nichts.' : "All right, I won't send anything.";
}

/** The confirmation no longer holds (used, expired, another call's or file's). */
export function speakConfirmationInvalid(locale: Locale): string {
  return locale === 'de' ? 'Diese Bestätigung gilt nicht mehr. Ich frage Sie gleich noch einmal.' : "That confirmation is no longer valid. Let me ask you again.";
}

/** Why a file cannot be shared yet, or at all. */
export function speakNotShareable(locale: Locale, status: VersionStatus): string {
  const checking = ['stored', 'scanning', 'extracting', 'indexing'].includes(status);
  if (locale === 'de') {
    if (checking) return 'Diese Datei wird noch geprüft. Sobald sie fertig ist, kann ich sie schicken.';
    if (status === 'infected' || status === 'rejected') return 'Diese Datei wurde bei der Prüfung gesperrt, deshalb kann ich sie nicht schicken.';
    return 'Diese Datei ist nicht geprüft, deshalb kann ich sie nicht schicken.';
  }
  if (checking) return "That file is still being checked. I can send it as soon as it's ready.";
  if (status === 'infected' || status === 'rejected') return 'That file was blocked when it was checked, so I can’t send it.';
  return 'That file has not been checked, so I can’t send it.';
}
