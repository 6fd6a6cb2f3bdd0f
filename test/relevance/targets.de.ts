/**
 * The German tenant's target files. Its recordings have no transcript: pocketsphinx has only an
 * English model, so, as in production, they are found by name and metadata alone.
 */
import type { FileSpec } from './corpus-types.ts';

export const DE_TARGETS: FileSpec[] = [
  { name: 'Rechnung 4471.pdf', day: 40, docTitle: 'Rechnung 4471', body: ['Rechnungsnummer 4471', 'An die Müller GmbH.', 'Gesamtbetrag 12.400 Euro, zahlbar in 30 Tagen.'] },
  { name: 'Rechnung 5281.pdf', day: 41, body: ['Rechnung 5281 für Beratung im April.', 'Betrag 3.250 Euro.'] },
  {
    name: 'Mietvertrag Büro Hauptstraße.pdf', day: 12, docTitle: 'Mietvertrag Büro',
    body: [
      'Dieser Mietvertrag gilt für das Büro in der Hauptstraße 5.', 'Vermieter ist die Lindenhof Immobilien GmbH.', '\f',
      'Die Miete ist am ersten Werktag fällig.', 'Die Kaution beträgt drei Monatsmieten.', '\f',
      'Die Kündigungsfrist beträgt drei Monate zum Quartalsende.', 'Haustiere sind im Gebäude nicht erlaubt.',
    ],
  },
  { name: 'Lieferantenübersicht.docx', day: 30, body: ['Unsere Lieferanten und ihre Liefertage', 'Nordwind Logistik liefert freitags.', 'Papier Bergmann liefert jeden zweiten Dienstag.'] },
  { name: 'Quartalsbericht Q2.pdf', day: 190, body: ['Der Umsatz stieg im zweiten Quartal um acht Prozent.', 'Die Kosten blieben stabil.'] },
  { name: 'Vertriebsplanung Q2.xlsx', day: 185, sheets: [{ name: 'Planung', rows: [['Kunde', 'Phase', 'Wert'], ['Globex', 'Angebot', 40000], ['Initech', 'Verhandlung', 25000]] }] },
  { name: 'Geheimhaltungsvereinbarung Schmidt.pdf', title: 'NDA mit Schmidt & Partner', day: 60, body: ['Gegenseitige Geheimhaltungsvereinbarung mit Schmidt und Partner.', 'Die Pflicht gilt fünf Jahre.'] },
  { name: 'Reiserichtlinie.pdf', day: 5, body: ['Flüge unter sechs Stunden werden in der Economy Klasse gebucht.', 'Hotelkosten werden bis 150 Euro pro Nacht erstattet.'] },
  { name: 'Einarbeitungsplan.docx', day: 20, body: ['Willkommen im Team', 'Am ersten Tag erhalten Sie Laptop und Ausweis.'] },
  { name: 'Preisliste 2025.xlsx', day: 3, sheets: [{ name: 'Preise', rows: [['Produkt', 'Einheit', 'Preis'], ['Kompakt', 'Stück', 14], ['Kompakt Plus', 'Stück', 31]] }] },
  { name: 'Protokoll Vorstandssitzung März.docx', day: 75, body: ['Vorstandssitzung im März', 'Der Vorstand genehmigte die Fusion mit Initech.', 'Nächste Sitzung im Juni.'] },
  { name: 'Telefonat mit Meier 2025-05-14.wav', day: 133, speech: 'Die Lieferung verspätet sich bis zum Monatsende.' },
  { name: 'Garantiebedingungen.pdf', day: 90, body: ['Die Garantie beträgt vierundzwanzig Monate ab Kaufdatum.', 'Akkus sind sechs Monate abgedeckt.'] },
  { name: 'Dienstvertrag Müller Beratung.pdf', day: 95, body: ['Dienstvertrag mit Müller Beratung.', 'Stundensatz 150 Euro.'] },
  { name: 'Mitarbeiterhandbuch.pdf', day: 8, body: ['Die Arbeitszeit ist flexibel zwischen sieben und zehn Uhr.', 'Urlaub: dreißig Tage im Jahr.', 'Homeoffice ist an zwei Tagen pro Woche erlaubt.'] },
  { name: 'Sprachnachricht von Schulze.ogg', day: 160, speech: 'Hallo, hier ist Schulze wegen der Rechnung, bitte rufen Sie zurück.' },
  { name: 'Jahresbudget 2026.xlsx', day: 300, sheets: [{ name: 'Budget', rows: [['Abteilung', 'Plan', 'Ist'], ['Marketing', 120000, 0], ['Entwicklung', 480000, 0]] }] },
  { name: 'Kundenumfrage.csv', day: 140, sheets: [{ name: 'umfrage', rows: [['kunde', 'bewertung', 'kommentar'], ['Hooli', 5, 'toller Support'], ['Vandelay', 2, 'langsame Lieferung']] }] },
  { name: 'Gutschrift 2218.pdf', day: 215, body: ['Gutschrift 2218', 'Gutschrift für die zurückgegebenen Monitore: 860 Euro.'] },
  { name: 'Bestellung 7730.pdf', day: 180, body: ['Bestellung 7730', '500 Kartons von Papier Bergmann.'] },
  { name: 'Checkliste Serverumzug.txt', day: 210, body: ['Checkliste Serverumzug', 'Vor dem Umzug die Datenbank sichern.', 'Die DNS Einträge am Samstagabend umstellen.'] },
  { name: 'Reisekostenabrechnung Hoffmann.xlsx', day: 220, sheets: [{ name: 'Reisekosten', rows: [['Datum', 'Posten', 'Betrag'], ['2025-08-04', 'Taxi zum Flughafen', 48], ['2025-08-05', 'Hotel in Leipzig', 210]] }] },
  { name: 'Parkplatzliste.csv', day: 225, sheets: [{ name: 'parkplaetze', rows: [['platz', 'mitarbeiter', 'kennzeichen'], [12, 'Jana Wolff', 'HH JW 481'], [14, 'Emre Kaya', 'HH EK 902']] }] },
  { name: 'Besprechungsnotizen Preisrunde 2025-06-18.docx', day: 168, body: ['Preisrunde', 'Wir erhöhen den Preis von Kompakt Plus im September auf 34 Euro.'] },
  { name: 'WLAN Anleitung.txt', day: 230, body: ['WLAN einrichten', 'Das Gästenetz heißt Hafen Gast.', 'Das Passwort ändert sich jeden Montag.'] },
  { name: 'Zertifikat ISO 9001.pdf', day: 235, body: ['Zertifikat', 'Qualitätsmanagementsystem nach ISO 9001 zertifiziert.', 'Gültig bis März 2027.'] },
  { name: 'Mietvertrag Transporter Becker.pdf', day: 240, body: ['Mietvertrag für einen Transporter mit Becker Autovermietung.', 'Der Transporter wird vollgetankt zurückgegeben.'] },
  { name: 'Steuererklärung Q3.pdf', day: 280, body: ['Umsatzsteuer für das dritte Quartal.', 'Zahllast: 18.900 Euro.'] },
  { name: 'Aufnahme Teambesprechung.flac', day: 200, speech: 'Wir stellen zwei neue Entwickler für den Support ein.' },
  { name: 'Sicherheitsbegehung Bericht.pdf', day: 170, body: ['Die Feuerlöscher im dritten Stock sind im Juli abgelaufen.', 'Die Notausgänge waren frei.'] },
  { name: 'Marketingplan H2.docx', day: 175, body: ['Marketingplan für das zweite Halbjahr', 'Kampagnen: Messe in Hamburg, Podcast Werbung.'] },
  { name: 'Kundenliste Nord.xlsx', day: 245, sheets: [{ name: 'Kunden', rows: [['Kunde', 'Stadt', 'Umsatz'], ['Hansen Werkzeuge', 'Kiel', 88000], ['Ostsee Fisch', 'Rostock', 41000]] }] },
];

/** Words that occur only in this tenant's internal files. */
export const DE_PRIVATE_WORDS = ['hauptstraße', 'hafen gast', 'jana wolff', 'becker autovermietung', 'hansen werkzeuge', 'lindenhof'];
