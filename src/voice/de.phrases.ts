import { withDefiniteArticle, withIndefiniteArticle, type SpokenKind } from './file-kinds.ts';
import { cardinalWords } from './number-words.ts';
import type { Phrases, SpokenItem } from './speech-phrases.ts';

const NOT_READY = 'Die Datei wird noch geprüft; ich sage Ihnen Bescheid, sobald sie bereit ist.';
const SAY_AGAIN = 'Entschuldigung, das habe ich nicht ganz verstanden. Können Sie es anders sagen?';
const TRY_LATER = 'Ich komme gerade nicht an die Dateien heran. Bitte versuchen Sie es gleich noch einmal.';
const UPLOAD_AGAIN = 'Die Übertragung ist nicht fertig geworden. Können Sie die Datei noch einmal schicken?';

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const lastWord = (text: string): string => text.trim().split(/\s+/).pop()!.toLowerCase();

/**
 * "das PDF Q2 Finanzbericht": the article comes from the kind, so the name
 * needs no gender of its own; when the name ends with the noun ("Preisliste
 * Tabelle") the noun is not said twice.
 */
function named(kind: SpokenKind, label: string, grammaticalCase: 'nominative' | 'accusative'): string {
  if (!label) return withDefiniteArticle('de', kind, grammaticalCase);
  if (lastWord(label) === lastWord(kind.noun)) return `${withDefiniteArticle('de', kind, grammaticalCase).split(' ')[0]} ${label}`;
  return `${withDefiniteArticle('de', kind, grammaticalCase)} ${label}`;
}

/** "das PDF Q2 Finanzbericht vom Mai" ("mit etwa zwei Megabyte" when sizes tell results apart). */
function listed(item: SpokenItem): string {
  const size = item.size ? ` mit ${item.size.replace(/als ein Kilobyte$/, 'als einem Kilobyte')}` : '';
  return `${named(item.kind, item.label, 'accusative')} ${item.from}${size}`;
}

/** "A, B und C" / "A, B oder C". */
function join(parts: readonly string[], word: 'und' | 'oder'): string {
  if (parts.length <= 2) return parts.join(` ${word} `);
  return `${parts.slice(0, -1).join(', ')} ${word} ${parts.at(-1)}`;
}

/** German sentences, formal address ("Sie"). */
export const germanPhrases: Phrases = {
  noMatch: 'Dazu habe ich leider nichts gefunden. Wissen Sie, wer es geschickt hat oder ungefähr wann?',

  one(item) {
    const what = item.label ? named(item.kind, item.label, 'accusative') : withIndefiniteArticle('de', item.kind, 'accusative');
    return `Ich habe ${what} ${item.from} gefunden.`;
  },

  choice(items) {
    return `Ich habe ${cardinalWords(items.length, 'de')} gefunden: ${join(items.map(listed), 'oder')}. Welche Datei meinen Sie?`;
  },

  many(items, total, rest) {
    const more = rest === 1 ? 'eine weitere' : `${cardinalWords(rest, 'de')} weitere`;
    return `Ich habe ${cardinalWords(total, 'de')} gefunden: ${items.map(listed).join(', ')} und ${more}. Können Sie es etwas eingrenzen?`;
  },

  several(items) {
    return `Ich habe mehrere gefunden, darunter ${join(items.map(listed), 'und')}. Können Sie es etwas eingrenzen?`;
  },

  says(sentence) {
    return `Darin steht: ${sentence}`;
  },

  unscannedNote: '(noch nicht auf Viren geprüft)',

  status: {
    stored: NOT_READY,
    scanning: NOT_READY,
    extracting: NOT_READY,
    indexing: NOT_READY,
    ready: null,
    unscanned: 'Die Datei wurde nicht auf Viren geprüft.',
    infected: 'Die Datei wurde gesperrt, weil sie einen Virus enthält.',
    rejected: 'Die Datei wurde nicht angenommen und kann nicht geöffnet oder geteilt werden.',
    failed: 'Bei der Vorbereitung ist etwas schiefgegangen; die Datei ist nicht verfügbar.',
  },

  errors: {
    bad_request: SAY_AGAIN,
    method_not_allowed: SAY_AGAIN,
    invalid_json: SAY_AGAIN,
    validation_failed: SAY_AGAIN,
    unauthenticated: TRY_LATER,
    token_expired: 'Der Zugriff auf die Dateien ist für dieses Gespräch beendet.',
    forbidden: 'Das kann ich in diesem Gespräch leider nicht machen.',
    not_found: 'Das habe ich nicht gefunden. Können Sie mir etwas mehr dazu sagen?',
    file_not_found: 'Die Datei habe ich nicht gefunden. Wissen Sie, wer sie geschickt hat oder ungefähr wann?',
    tenant_not_found: TRY_LATER,
    conflict: 'In der Zwischenzeit hat sich etwas geändert. Ich versuche es noch einmal.',
    slug_taken: 'Dieser Name ist schon vergeben.',
    payload_too_large: 'Die Datei ist zu groß, die kann ich nicht annehmen.',
    empty_upload: 'Die Datei ist leer angekommen. Können Sie sie noch einmal schicken?',
    missing_file_name: 'Die Datei braucht einen Namen, bevor ich sie annehmen kann.',
    invalid_file_name: 'Die Datei braucht einen anderen Namen, bevor ich sie annehmen kann.',
    type_not_allowed: 'Diese Art von Datei kann ich nicht annehmen.',
    type_mismatch: 'Die Datei ist nicht das, was ihr Name sagt, deshalb kann ich sie nicht annehmen.',
    upload_aborted: UPLOAD_AGAIN,
    upload_timeout: UPLOAD_AGAIN,
    rate_limited: 'Einen Moment bitte; ich brauche ein paar Sekunden, bevor ich es noch einmal versuchen kann.',
    link_expired: 'Dieser Link ist abgelaufen.',
    link_invalid: 'Dieser Link funktioniert nicht.',
    unavailable: TRY_LATER,
    internal: 'Entschuldigung, bei mir ist etwas schiefgegangen. Bitte versuchen Sie es gleich noch einmal.',
    key_not_found: TRY_LATER,
    request_timeout: UPLOAD_AGAIN,
    too_slow: UPLOAD_AGAIN,
    idempotency_in_progress: 'Das ist noch unterwegs. Einen Moment bitte.',
    idempotency_key_reused: SAY_AGAIN,
    version_not_found: 'Diese Version der Datei habe ich nicht gefunden.',
    not_in_trash: 'Diese Datei liegt nicht im Papierkorb.',
    on_hold: 'Für diese Datei gilt eine rechtliche Aufbewahrungspflicht; sie kann nicht gelöscht werden.',
    retention_period: 'Diese Datei muss noch aufbewahrt werden und kann noch nicht gelöscht werden.',
    hold_not_found: TRY_LATER,
    file_not_ready: 'Diese Datei ist noch nicht bereit, sie wird noch geprüft.',
    confirmation_invalid: 'Diese Bestätigung gilt nicht mehr. Ich frage Sie gleich noch einmal.',
    code_limit_reached: 'Ich kann gerade keinen weiteren Code erstellen, es sind zu viele offen. Bitte versuchen Sie es später noch einmal.',
    quota_exceeded: 'Der Speicherplatz dieses Kontos ist aufgebraucht, deshalb kann ich keine Datei mehr annehmen.',
    upload_closed: 'Dieser Upload ist beendet. Ich kann gern einen neuen einrichten.',
    upload_limit_reached: 'Dieser Upload hat schon alle Dateien, die er aufnehmen kann.',
    invalid_time_zone: 'Diese Zeitzone kenne ich nicht.',
  },
};
