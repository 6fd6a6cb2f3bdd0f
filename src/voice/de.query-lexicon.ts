import type { QueryLexicon } from './query-lexicon.ts';

const ARTICLES = [
  'der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'einen', 'einem', 'einer', 'eines',
  'mein', 'meine', 'meinen', 'meinem', 'meiner', 'unser', 'unsere', 'unseren', 'unserem', 'unserer',
  'dies', 'dieses', 'diese', 'diesen', 'diesem', 'dieser',
];

/** German words for normalising spoken queries. */
export const germanQueryLexicon: QueryLexicon = {
  leading: [
    'hallo', 'guten tag', 'hi', 'ja', 'also', 'okay', 'ok', 'gut', 'genau', 'so', 'nun', 'na', 'naja', 'na ja', 'und', 'äh', 'ähm', 'öhm',
    'können sie', 'könnten sie', 'kannst du', 'könntest du', 'würden sie', 'würdest du', 'kann ich', 'könnte ich',
    'ich suche', 'ich such', 'ich suche nach', 'ich bräuchte', 'ich brauche', 'ich hätte gern', 'ich hätte gerne', 'ich möchte',
    'ich will', 'ich wollte', 'ich würde gern', 'ich würde gerne', 'wir suchen', 'wir brauchen', 'ich bin auf der suche nach',
    'haben sie', 'hast du', 'habt ihr', 'gibt es', "gibt's", 'gibts', 'wo ist', 'wo finde ich', 'wo sind',
    'suche', 'suchen', 'such', 'finde', 'finden', 'zeig mir', 'zeigen sie mir', 'schicken sie mir', 'schick mir', 'geben sie mir',
    'mir', 'uns', 'mal', 'bitte', 'nach', 'noch', 'gerade', 'schnell', 'kurz', 'vielleicht', 'eigentlich',
    // Was wann ankam: nur ein Datum, das dann filtert.
    'was kam', 'was ist', 'was wurde',
    ...ARTICLES,
  ],
  trailing: [
    'raussuchen', 'heraussuchen', 'suchen', 'finden', 'zeigen', 'öffnen', 'aufmachen', 'schicken', 'senden', 'geben', 'holen',
    'rausholen', 'aufrufen', 'abspielen', 'vorlesen', 'anzeigen', 'sehen', 'haben', 'bekommen', 'kriegen', 'raus', 'heraus',
    'rein', 'herein', 'reingekommen', 'hereingekommen', 'hochgeladen', 'eingegangen', 'angekommen',
    'können', 'könnten', 'würden', 'bitte', 'danke', 'vielen dank', 'danke schön', 'dankeschön', 'mal', 'für mich', 'wenn möglich',
  ],
  fillers: ['äh', 'ähm', 'ähh', 'öhm', 'hm', 'hmm', 'mhm', 'bitte', 'sozusagen'],
  stopwords: [
    ...ARTICLES, 'von', 'vom', 'für', 'zum', 'zur', 'zu', 'mit', 'über', 'und', 'oder', 'im', 'in', 'am', 'an', 'auf', 'bei', 'aus',
    'ihr', 'ihre', 'ihren', 'namens', 'genannt', 'heißt', 'mal', 'doch', 'ja', 'eben', 'halt', 'gerne', 'gern', 'noch',
    'es', 'sie', 'ich', 'mir', 'uns', 'ist', 'sind', 'war', 'herr', 'herrn', 'frau', 'datei', 'dateien',
  ],
  numberMarkers: ['nummer', 'nr', 'no'],
  kinds: {
    pdf: 'document', pdfs: 'document', 'pdf datei': 'document', pdfdatei: 'document', dokument: 'document', dokumente: 'document',
    'word dokument': 'document', worddokument: 'document', 'word datei': 'document', worddatei: 'document', docx: 'document',
    tabelle: 'spreadsheet', tabellen: 'spreadsheet', excel: 'spreadsheet', 'excel tabelle': 'spreadsheet', exceltabelle: 'spreadsheet',
    'excel datei': 'spreadsheet', exceldatei: 'spreadsheet', kalkulationstabelle: 'spreadsheet', xlsx: 'spreadsheet', csv: 'spreadsheet',
    'csv datei': 'spreadsheet',
    textdatei: 'text', 'text datei': 'text', textdateien: 'text', txt: 'text',
    aufnahme: 'audio', aufnahmen: 'audio', aufzeichnung: 'audio', aufzeichnungen: 'audio', mitschnitt: 'audio', audio: 'audio',
    audiodatei: 'audio', 'audio datei': 'audio', sprachaufnahme: 'audio', sprachnachricht: 'audio', sprachmemo: 'audio', mp3: 'audio',
    bild: 'image', bilder: 'image', bilddatei: 'image', foto: 'image', fotos: 'image', screenshot: 'image', screenshots: 'image',
    jpeg: 'image', jpg: 'image', png: 'image',
  },
  quarterLetters: ['q', 'ku', 'kuh', 'qu'],
  quarterNouns: ['quartal'],
  halfLetters: ['h', 'ha'],
  halfNouns: ['halbjahr', 'halbjahres', 'halbjahrs', 'hälfte'],
  ordinals: {
    ...forms('erst', 1), ...forms('zweit', 2), ...forms('dritt', 3), ...forms('viert', 4),
    '1': 1, '2': 2, '3': 3, '4': 4,
  },
};

/** The inflected forms of an ordinal stem: "zweite", "zweites", "zweiten", "zweiter", "zweitem". */
function forms(stem: string, value: number): Record<string, number> {
  return Object.fromEntries(['e', 'es', 'en', 'er', 'em'].map((ending) => [`${stem}${ending}`, value]));
}
