/**
 * What a live call hears about an upload request (issue 9, VOICE.md "Uploads by code"): the
 * request with its code, then each file as it moves (received, being checked, ready with a
 * one-sentence description, or rejected and why), and the status on demand. Pure; en and de.
 */
import type { Locale } from '../domain/tenant.ts';
import type { UploadFileState } from '../domain/upload-request.ts';
import { spokenCode } from './codes/code-speech.ts';
import type { AccessCode } from './codes/code-format.ts';
import { spokenFileName } from './spoken-text.ts';

/** Why a file was not accepted, as a person says it: error codes of intake and version reasons. */
const REASONS: Readonly<Record<Locale, Readonly<Record<string, string>>>> = {
  en: {
    infected: 'it contains a virus',
    type_not_allowed: "that type of file isn't accepted here",
    type_mismatch: "its content doesn't match its name",
    payload_too_large: "it's larger than allowed",
    too_large_to_scan: "it's too large to be checked",
    too_large: "it's too large to be read",
    empty_upload: 'it was empty',
    encrypted: "it's protected by a password",
    corrupt: 'it seems to be damaged',
    decompression_bomb: 'it unpacks to far too much data',
    too_many_pages: 'it has too many pages',
    upload_limit_reached: 'no more files fit in this upload',
    upload_closed: 'the upload had already ended',
  },
  de: {
    infected: 'sie enthält einen Virus',
    type_not_allowed: 'diese Art von Datei wird hier nicht angenommen',
    type_mismatch: 'ihr Inhalt passt nicht zu ihrem Namen',
    payload_too_large: 'sie ist größer als erlaubt',
    too_large_to_scan: 'sie ist zu groß für die Prüfung',
    too_large: 'sie ist zu groß zum Lesen',
    empty_upload: 'sie war leer',
    encrypted: 'sie ist mit einem Passwort geschützt',
    corrupt: 'sie scheint beschädigt zu sein',
    decompression_bomb: 'sie entpackt sich zu viel zu vielen Daten',
    too_many_pages: 'sie hat zu viele Seiten',
    upload_limit_reached: 'in diesen Upload passen keine weiteren Dateien',
    upload_closed: 'der Upload war schon beendet',
  },
};

const DEFAULT_REASON: Readonly<Record<Locale, string>> = { en: "it couldn't be checked", de: 'sie konnte nicht geprüft werden' };

/** The spoken reason for a refusal or a version's status reason (`infected:<signature>` speaks as `infected`). */
export function spokenRejection(locale: Locale, reason: string | null): string {
  const code = (reason ?? '').split(':', 1)[0] ?? '';
  return REASONS[locale][code] ?? DEFAULT_REASON[locale];
}

/** The answer to request-upload: what was set up, the code said clearly, and what happens next. */
export function speakUploadRequested(locale: Locale, input: { purpose: string; code: AccessCode; maxFiles: number }): string {
  const purpose = spokenFileName(input.purpose) || (locale === 'de' ? 'die Dateien' : 'the files');
  const code = spokenCode(input.code, locale);
  if (locale === 'de') {
    return `Ich habe einen Upload für ${purpose} eingerichtet. Öffnen Sie die Upload-Seite und geben Sie diesen Code ein: ${code} Ich sage Bescheid, sobald etwas ankommt.`;
  }
  return `I've set up an upload for ${purpose}. Open the upload page and enter this code: ${code} I'll let you know as soon as something arrives.`;
}

/** One file's move, pushed into the call. `description` is the describe speech of a ready file. */
export function speakUploadUpdate(locale: Locale, input: { state: UploadFileState; name: string; reason?: string | null; description?: string }): string {
  const label = spokenFileName(input.name) || (locale === 'de' ? 'die Datei' : 'the file');
  const de = locale === 'de';
  switch (input.state) {
    case 'pending':
    case 'received':
      return de ? `${capital(label)} ist angekommen. Ich lasse sie jetzt prüfen.` : `${capital(label)} has arrived. I'm having it checked now.`;
    case 'checking':
      return de ? `${capital(label)} wird gerade geprüft.` : `${capital(label)} is being checked.`;
    case 'ready':
      return de ? `${capital(label)} ist fertig. ${input.description ?? ''}`.trim() : `${capital(label)} is ready. ${input.description ?? ''}`.trim();
    case 'rejected':
      return de
        ? `${capital(label)} wurde nicht angenommen: ${capital(spokenRejection(locale, input.reason ?? null))}.`
        : `${capital(label)} wasn't accepted because ${spokenRejection(locale, input.reason ?? null)}.`;
  }
}

/** upload-status: how many files arrived and where the latest ones are (at most three said). */
export function speakUploadStatus(locale: Locale, input: { open: boolean; files: ReadonlyArray<{ state: UploadFileState; name: string; reason?: string | null }> }): string {
  const de = locale === 'de';
  const arrived = input.files.filter((file) => file.state !== 'pending');
  if (arrived.length === 0) {
    if (!input.open) return de ? 'Der Upload ist beendet, und es ist nichts angekommen.' : 'The upload has ended and nothing arrived.';
    return de ? 'Es ist noch nichts angekommen.' : 'Nothing has arrived yet.';
  }
  const said = arrived.slice(-3).map((file) => speakUploadUpdate(locale, { state: file.state === 'ready' ? 'ready' : file.state, name: file.name, reason: file.reason ?? null }));
  const more = arrived.length > 3 ? (de ? `Insgesamt sind ${arrived.length} Dateien angekommen.` : `${arrived.length} files have arrived in all.`) : '';
  return [more, ...said].filter(Boolean).join(' ');
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
