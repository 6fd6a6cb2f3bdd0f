/**
 * The relevance set (issue 8): documents of two tenants (English, German) with their extracted
 * text, distractors that make ranking hard (near invoice numbers, many contracts, many meeting
 * notes), and spoken-style queries as a recogniser writes them, each with the file it must find
 * first and a class. Generated deterministically by code (no random state).
 */
import type { FileKind } from '../../src/domain/file.ts';

export interface RelevanceDoc {
  name: string;
  title?: string;
  kind: FileKind;
  text: string;
  /** Days after 2025-01-01 it was uploaded. */
  day: number;
  visibility?: 'internal' | 'customer' | 'public';
  customerId?: string;
}

export type QueryClass = 'name' | 'number' | 'typo' | 'sound' | 'content' | 'kind' | 'filler' | 'date';

export interface RelevanceQuery {
  query: string;
  expect: string;
  cls: QueryClass;
}

export interface TenantSet {
  locale: 'en' | 'de';
  docs: RelevanceDoc[];
  queries: RelevanceQuery[];
}

const para = (...sentences: string[]) => sentences.join(' ');

const EN_TARGETS: RelevanceDoc[] = [
  { name: 'Invoice 4471.pdf', kind: 'document', day: 40, text: para('Invoice number 4471 for Acme Industries.', 'Total due: 12,400 dollars within thirty days.', 'Thank you for your business.') },
  { name: 'Invoice 5281.pdf', kind: 'document', day: 41, text: para('Invoice 5281 for consulting services in April.', 'Amount due 3,250 dollars.') },
  { name: 'Lease agreement Baker Street.pdf', kind: 'document', day: 12, text: para('This lease covers the office at 21 Baker Street.', 'Either party may end the lease with three months notice.', 'The rent is due on the first day of each month.') },
  { name: 'Supplier overview.docx', kind: 'document', day: 30, text: para('Our suppliers and their schedules.', 'Nordwind Logistics delivers on fridays.', 'Bergmann Paper delivers every second tuesday.') },
  { name: 'Q2 Financial Report.pdf', kind: 'document', day: 190, text: para('Revenue grew eight percent in the second quarter.', 'Operating costs stayed flat.') },
  { name: 'Q2 Sales Pipeline.xlsx', kind: 'spreadsheet', day: 185, text: para('Sheet Pipeline: Lead, Stage, Value, Owner.', 'Globex, proposal, 40,000, Maria.') },
  { name: 'NDA Smith and Partners.pdf', title: 'Non-disclosure agreement with Smith and Partners', kind: 'document', day: 60, text: para('Mutual non-disclosure agreement between us and Smith and Partners LLP.', 'Confidential information stays confidential for five years.') },
  { name: 'Travel policy.pdf', kind: 'document', day: 5, text: para('Employees book economy class for flights under six hours.', 'Hotel costs are reimbursed up to 180 dollars per night.') },
  { name: 'Onboarding guide.docx', kind: 'document', day: 20, text: para('Welcome to the team.', 'On your first day you receive a laptop and a badge.', 'Your buddy helps you settle in.') },
  { name: 'Price list 2025.xlsx', kind: 'spreadsheet', day: 3, text: para('Sheet Prices: Product, Unit, Price.', 'Widget basic, piece, 12.', 'Widget pro, piece, 29.') },
  { name: 'scan_0042.pdf', title: 'Insurance claim for the flood damage', kind: 'document', day: 70, text: para('Claim for water damage in the basement after the flood in March.') },
  { name: 'Annual budget 2026.xlsx', kind: 'spreadsheet', day: 300, text: para('Sheet Budget: Department, Planned, Actual.', 'Marketing 120,000.', 'Engineering 480,000.') },
  { name: 'Board minutes March.docx', kind: 'document', day: 75, text: para('The board approved the merger with Initech.', 'Next meeting in June.') },
  { name: 'Call with Miller 2025-05-14.m4a', kind: 'audio', day: 133, text: para('Transcript: we talked with John Miller about the delayed shipment.', 'He promised delivery by the end of the month.') },
  { name: 'Customer feedback.csv', kind: 'spreadsheet', day: 140, text: para('customer,rating,comment', 'Hooli,5,great support', 'Vandelay,2,slow delivery') },
  { name: 'Release notes.txt', kind: 'text', day: 150, text: para('Version 3.2 adds dark mode and fixes the login timeout.') },
  { name: 'Warranty terms.pdf', kind: 'document', day: 90, text: para('The warranty lasts twenty four months from the date of purchase.', 'Batteries are covered for six months.') },
  { name: 'Contract Schmidt Consulting.pdf', kind: 'document', day: 95, text: para('Service contract between us and Schmidt Consulting.', 'Hourly rate 150 dollars.') },
  { name: 'H1 Forecast.xlsx', kind: 'spreadsheet', day: 100, text: para('Sheet Forecast: Month, Revenue.', 'January to June forecast.') },
  { name: 'Employee handbook.pdf', kind: 'document', day: 8, text: para('Working hours are flexible between seven and ten.', 'Vacation: thirty days per year.', 'Remote work is allowed two days a week.') },
  { name: 'Voicemail from Meyer.mp3', kind: 'audio', day: 160, text: para('Transcript: hello this is Karen Meyer calling about the invoice, please call me back.') },
  { name: 'Safety inspection report.pdf', kind: 'document', day: 170, text: para('The fire extinguishers on floor three expired in July.', 'Emergency exits were clear.') },
  { name: 'Marketing plan H2.docx', kind: 'document', day: 175, text: para('Campaigns for the second half: trade fair in Berlin, podcast ads.') },
  { name: 'Purchase order 7730.pdf', kind: 'document', day: 180, text: para('Purchase order 7730: 500 cartons from Bergmann Paper.') },
];

const EN_QUERIES: RelevanceQuery[] = [
  { query: 'invoice forty four seventy one', expect: 'Invoice 4471.pdf', cls: 'number' },
  { query: 'invoice four four seven one', expect: 'Invoice 4471.pdf', cls: 'number' },
  { query: 'um the invoice fifty two eighty one please', expect: 'Invoice 5281.pdf', cls: 'number' },
  { query: 'invoice number 5281', expect: 'Invoice 5281.pdf', cls: 'number' },
  { query: 'purchase order seventy seven thirty', expect: 'Purchase order 7730.pdf', cls: 'number' },
  { query: 'the invoice for twelve thousand four hundred dollars', expect: 'Invoice 4471.pdf', cls: 'number' },
  { query: 'whats the notice period in the lease', expect: 'Lease agreement Baker Street.pdf', cls: 'content' },
  { query: 'which supplier delivers on fridays', expect: 'Supplier overview.docx', cls: 'content' },
  { query: 'how long does the warranty last', expect: 'Warranty terms.pdf', cls: 'content' },
  { query: 'how many vacation days do we get', expect: 'Employee handbook.pdf', cls: 'content' },
  { query: 'what did the board approve', expect: 'Board minutes March.docx', cls: 'content' },
  { query: 'when do fire extinguishers expire', expect: 'Safety inspection report.pdf', cls: 'content' },
  { query: 'what is the hotel limit for travel', expect: 'Travel policy.pdf', cls: 'content' },
  { query: 'which version adds dark mode', expect: 'Release notes.txt', cls: 'content' },
  { query: 'who complained about slow delivery', expect: 'Customer feedback.csv', cls: 'content' },
  { query: 'what does the onboarding guide say about the first day', expect: 'Onboarding guide.docx', cls: 'content' },
  { query: 'um could you pull up the cue two financial report', expect: 'Q2 Financial Report.pdf', cls: 'filler' },
  { query: 'uh so i need the q two sales pipeline thanks', expect: 'Q2 Sales Pipeline.xlsx', cls: 'filler' },
  { query: 'hi can you find me the travel policy real quick', expect: 'Travel policy.pdf', cls: 'filler' },
  { query: "i'm looking for the onboarding guide please", expect: 'Onboarding guide.docx', cls: 'filler' },
  { query: 'okay and also the uh price list you know', expect: 'Price list 2025.xlsx', cls: 'filler' },
  { query: 'could i get the employee handbook', expect: 'Employee handbook.pdf', cls: 'filler' },
  { query: 'the second quarter financial report', expect: 'Q2 Financial Report.pdf', cls: 'name' },
  { query: 'insurance claim flood', expect: 'scan_0042.pdf', cls: 'name' },
  { query: 'annual budget twenty twenty six', expect: 'Annual budget 2026.xlsx', cls: 'name' },
  { query: 'board minutes march', expect: 'Board minutes March.docx', cls: 'name' },
  { query: 'the n d a with smith', expect: 'NDA Smith and Partners.pdf', cls: 'name' },
  { query: 'h one forecast', expect: 'H1 Forecast.xlsx', cls: 'name' },
  { query: 'marketing plan for the second half', expect: 'Marketing plan H2.docx', cls: 'name' },
  { query: 'safety inspection', expect: 'Safety inspection report.pdf', cls: 'name' },
  { query: 'release notes', expect: 'Release notes.txt', cls: 'name' },
  { query: 'warranty terms', expect: 'Warranty terms.pdf', cls: 'name' },
  { query: 'finacial report q two', expect: 'Q2 Financial Report.pdf', cls: 'typo' },
  { query: 'onbording guide', expect: 'Onboarding guide.docx', cls: 'typo' },
  { query: 'travle policy', expect: 'Travel policy.pdf', cls: 'typo' },
  { query: 'safty inspection', expect: 'Safety inspection report.pdf', cls: 'typo' },
  { query: 'employe handbok', expect: 'Employee handbook.pdf', cls: 'typo' },
  { query: 'warrenty terms', expect: 'Warranty terms.pdf', cls: 'typo' },
  { query: 'the contract with schmit consulting', expect: 'Contract Schmidt Consulting.pdf', cls: 'sound' },
  { query: 'call with muller', expect: 'Call with Miller 2025-05-14.m4a', cls: 'sound' },
  { query: 'voicemail from maier', expect: 'Voicemail from Meyer.mp3', cls: 'sound' },
  { query: 'nda smyth', expect: 'NDA Smith and Partners.pdf', cls: 'sound' },
  { query: 'the recording of the call with miller', expect: 'Call with Miller 2025-05-14.m4a', cls: 'kind' },
  { query: 'the pipeline spreadsheet', expect: 'Q2 Sales Pipeline.xlsx', cls: 'kind' },
  { query: 'the voicemail recording from meyer', expect: 'Voicemail from Meyer.mp3', cls: 'kind' },
  { query: 'the feedback csv', expect: 'Customer feedback.csv', cls: 'kind' },
  { query: 'budget spreadsheet', expect: 'Annual budget 2026.xlsx', cls: 'kind' },
  { query: 'the release notes text file', expect: 'Release notes.txt', cls: 'kind' },
  { query: 'the call with miller from may fourteenth', expect: 'Call with Miller 2025-05-14.m4a', cls: 'date' },
  { query: 'price list twenty twenty five', expect: 'Price list 2025.xlsx', cls: 'date' },
];

const DE_TARGETS: RelevanceDoc[] = [
  { name: 'Rechnung 4471.pdf', kind: 'document', day: 40, text: para('Rechnungsnummer 4471 an die Müller GmbH.', 'Gesamtbetrag 12.400 Euro, zahlbar in 30 Tagen.') },
  { name: 'Rechnung 5281.pdf', kind: 'document', day: 41, text: para('Rechnung 5281 für Beratung im April.', 'Betrag 3.250 Euro.') },
  { name: 'Mietvertrag Büro Hauptstraße.pdf', kind: 'document', day: 12, text: para('Dieser Mietvertrag gilt für das Büro in der Hauptstraße 5.', 'Die Kündigungsfrist beträgt drei Monate zum Quartalsende.', 'Die Miete ist am ersten Werktag fällig.') },
  { name: 'Lieferantenübersicht.docx', kind: 'document', day: 30, text: para('Unsere Lieferanten und ihre Liefertage.', 'Nordwind Logistik liefert freitags.', 'Papier Bergmann liefert jeden zweiten Dienstag.') },
  { name: 'Quartalsbericht Q2.pdf', kind: 'document', day: 190, text: para('Der Umsatz stieg im zweiten Quartal um acht Prozent.', 'Die Kosten blieben stabil.') },
  { name: 'Vertriebsplanung Q2.xlsx', kind: 'spreadsheet', day: 185, text: para('Tabelle Planung: Kunde, Phase, Wert.', 'Globex, Angebot, 40.000.') },
  { name: 'Geheimhaltungsvereinbarung Schmidt.pdf', title: 'NDA mit Schmidt & Partner', kind: 'document', day: 60, text: para('Gegenseitige Geheimhaltungsvereinbarung mit Schmidt und Partner.', 'Die Pflicht gilt fünf Jahre.') },
  { name: 'Reiserichtlinie.pdf', kind: 'document', day: 5, text: para('Flüge unter sechs Stunden werden in der Economy Klasse gebucht.', 'Hotelkosten werden bis 150 Euro pro Nacht erstattet.') },
  { name: 'Einarbeitungsplan.docx', kind: 'document', day: 20, text: para('Willkommen im Team.', 'Am ersten Tag erhalten Sie Laptop und Ausweis.') },
  { name: 'Preisliste 2025.xlsx', kind: 'spreadsheet', day: 3, text: para('Tabelle Preise: Produkt, Einheit, Preis.') },
  { name: 'Protokoll Vorstandssitzung März.docx', kind: 'document', day: 75, text: para('Der Vorstand genehmigte die Fusion mit Initech.', 'Nächste Sitzung im Juni.') },
  { name: 'Telefonat mit Meier 2025-05-14.m4a', kind: 'audio', day: 133, text: para('Transkript: Gespräch mit Herrn Meier über die verspätete Lieferung.', 'Er sagte die Lieferung bis Monatsende zu.') },
  { name: 'Garantiebedingungen.pdf', kind: 'document', day: 90, text: para('Die Garantie beträgt vierundzwanzig Monate ab Kaufdatum.', 'Akkus sind sechs Monate abgedeckt.') },
  { name: 'Dienstvertrag Müller Beratung.pdf', kind: 'document', day: 95, text: para('Dienstvertrag mit Müller Beratung.', 'Stundensatz 150 Euro.') },
  { name: 'Mitarbeiterhandbuch.pdf', kind: 'document', day: 8, text: para('Die Arbeitszeit ist flexibel zwischen sieben und zehn Uhr.', 'Urlaub: dreißig Tage im Jahr.') },
  { name: 'Sprachnachricht von Schulze.mp3', kind: 'audio', day: 160, text: para('Transkript: Hallo hier ist Schulze wegen der Rechnung, bitte rufen Sie zurück.') },
  { name: 'Jahresbudget 2026.xlsx', kind: 'spreadsheet', day: 300, text: para('Tabelle Budget: Abteilung, Plan, Ist.') },
  { name: 'Kundenumfrage.csv', kind: 'spreadsheet', day: 140, text: para('kunde,bewertung,kommentar', 'Hooli,5,toller Support', 'Vandelay,2,langsame Lieferung') },
];

const DE_QUERIES: RelevanceQuery[] = [
  { query: 'rechnung vierundvierzig einundsiebzig', expect: 'Rechnung 4471.pdf', cls: 'number' },
  { query: 'die rechnung zweiundfünfzig einundachtzig', expect: 'Rechnung 5281.pdf', cls: 'number' },
  { query: 'rechnung nummer 5281', expect: 'Rechnung 5281.pdf', cls: 'number' },
  { query: 'rechnung über zwölftausendvierhundert euro', expect: 'Rechnung 4471.pdf', cls: 'number' },
  { query: 'wie lang ist die kündigungsfrist im mietvertrag', expect: 'Mietvertrag Büro Hauptstraße.pdf', cls: 'content' },
  { query: 'welcher lieferant liefert freitags', expect: 'Lieferantenübersicht.docx', cls: 'content' },
  { query: 'wie lange gilt die garantie', expect: 'Garantiebedingungen.pdf', cls: 'content' },
  { query: 'wie viele urlaubstage haben wir', expect: 'Mitarbeiterhandbuch.pdf', cls: 'content' },
  { query: 'was hat der vorstand genehmigt', expect: 'Protokoll Vorstandssitzung März.docx', cls: 'content' },
  { query: 'wie hoch sind die hotelkosten auf reisen', expect: 'Reiserichtlinie.pdf', cls: 'content' },
  { query: 'wer hat sich über langsame lieferung beschwert', expect: 'Kundenumfrage.csv', cls: 'content' },
  { query: 'ähm ich suche den quartalsbericht q zwei', expect: 'Quartalsbericht Q2.pdf', cls: 'filler' },
  { query: 'können sie mir bitte die reiserichtlinie raussuchen', expect: 'Reiserichtlinie.pdf', cls: 'filler' },
  { query: 'äh die preisliste bitte', expect: 'Preisliste 2025.xlsx', cls: 'filler' },
  { query: 'ich bräuchte das mitarbeiterhandbuch', expect: 'Mitarbeiterhandbuch.pdf', cls: 'filler' },
  { query: 'quartalsbericht zweites quartal', expect: 'Quartalsbericht Q2.pdf', cls: 'name' },
  { query: 'vertriebsplanung q zwei', expect: 'Vertriebsplanung Q2.xlsx', cls: 'name' },
  { query: 'jahresbudget zweitausendsechsundzwanzig', expect: 'Jahresbudget 2026.xlsx', cls: 'name' },
  { query: 'protokoll vorstandssitzung', expect: 'Protokoll Vorstandssitzung März.docx', cls: 'name' },
  { query: 'die geheimhaltungsvereinbarung mit schmidt', expect: 'Geheimhaltungsvereinbarung Schmidt.pdf', cls: 'name' },
  { query: 'einarbeitungsplan', expect: 'Einarbeitungsplan.docx', cls: 'name' },
  { query: 'garantiebedingungen', expect: 'Garantiebedingungen.pdf', cls: 'name' },
  { query: 'reiserichtline', expect: 'Reiserichtlinie.pdf', cls: 'typo' },
  { query: 'mitarbeiterhandbuh', expect: 'Mitarbeiterhandbuch.pdf', cls: 'typo' },
  { query: 'einarbeitunsplan', expect: 'Einarbeitungsplan.docx', cls: 'typo' },
  { query: 'lieferanten übersicht', expect: 'Lieferantenübersicht.docx', cls: 'typo' },
  { query: 'dienstvertrag mueller beratung', expect: 'Dienstvertrag Müller Beratung.pdf', cls: 'sound' },
  { query: 'telefonat mit maier', expect: 'Telefonat mit Meier 2025-05-14.m4a', cls: 'sound' },
  { query: 'sprachnachricht von schultze', expect: 'Sprachnachricht von Schulze.mp3', cls: 'sound' },
  { query: 'vertrag miller beratung', expect: 'Dienstvertrag Müller Beratung.pdf', cls: 'sound' },
  { query: 'die aufnahme vom telefonat mit meier', expect: 'Telefonat mit Meier 2025-05-14.m4a', cls: 'kind' },
  { query: 'die tabelle mit der vertriebsplanung', expect: 'Vertriebsplanung Q2.xlsx', cls: 'kind' },
  { query: 'kundenumfrage tabelle', expect: 'Kundenumfrage.csv', cls: 'kind' },
  { query: 'preisliste zweitausendfünfundzwanzig', expect: 'Preisliste 2025.xlsx', cls: 'date' },
];

const COMPANIES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Stark', 'Wayne', 'Wonka', 'Tyrell', 'Cyberdyne', 'Soylent', 'Massive', 'Oscorp', 'Gringotts'];
const TOPICS_EN = ['roadmap', 'hiring', 'budget review', 'office move', 'customer escalation', 'product launch', 'security audit', 'quarterly planning'];
const TOPICS_DE = ['Planung', 'Einstellungen', 'Budgetrunde', 'Umzug', 'Kundenbeschwerde', 'Produktstart', 'Sicherheitsprüfung', 'Quartalsplanung'];
/** Distractor invoice numbers: close to the targets' (same digits, neighbours), never equal. */
const NEAR = (n: number) => [n + 1, n - 1, n + 10, n - 10, Number(String(n).split('').reverse().join(''))];

function distractors(locale: 'en' | 'de', targets: RelevanceDoc[]): RelevanceDoc[] {
  const out: RelevanceDoc[] = [];
  const taken = new Set(targets.map((t) => t.name));
  const invoice = locale === 'en' ? 'Invoice' : 'Rechnung';
  const numbers = new Set<number>();
  for (const n of [4471, 5281, 7730]) for (const m of NEAR(n)) numbers.add(m);
  for (let i = 0; numbers.size < 110; i++) numbers.add(4000 + ((i * 37) % 2000));
  for (const n of [4471, 5281, 7730]) numbers.delete(n);
  for (const n of numbers) {
    out.push({ name: `${invoice} ${n}.pdf`, kind: 'document', day: (n * 7) % 330, text: locale === 'en' ? `Invoice ${n} for services. Amount due ${(n % 90) * 100} dollars.` : `Rechnung ${n} für Leistungen. Betrag ${(n % 90) * 100} Euro.` });
  }
  for (const [i, company] of COMPANIES.entries()) {
    for (const kind of locale === 'en' ? ['Service contract', 'Supply contract', 'Framework agreement', 'Offer'] : ['Dienstvertrag', 'Liefervertrag', 'Rahmenvertrag', 'Angebot']) {
      out.push({ name: `${kind} ${company}.pdf`, kind: 'document', day: (i * 13) % 330, text: locale === 'en' ? `${kind} between us and ${company}. Payment within thirty days. The contract runs for one year.` : `${kind} mit ${company}. Zahlung innerhalb von 30 Tagen. Laufzeit ein Jahr.` });
    }
  }
  const topics = locale === 'en' ? TOPICS_EN : TOPICS_DE;
  for (let i = 0; out.length < 320; i++) {
    const month = (i % 12) + 1;
    const day = ((i * 5) % 27) + 1;
    const topic = topics[i % topics.length]!;
    const date = `2025-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const name = locale === 'en' ? `Meeting notes ${topic} ${date}.docx` : `Besprechungsnotizen ${topic} ${date}.docx`;
    if (taken.has(name)) continue;
    out.push({ name, kind: i % 5 === 0 ? 'audio' : 'document', day: (month - 1) * 30 + day, text: locale === 'en' ? `Notes on ${topic}. Attendees discussed next steps and owners. Action items follow.` : `Notizen zu ${topic}. Die Teilnehmer besprachen die nächsten Schritte.` });
  }
  return out;
}

/** The set of each tenant: targets, distractors and queries. */
export function relevanceSet(): TenantSet[] {
  return [
    { locale: 'en', docs: [...EN_TARGETS, ...distractors('en', EN_TARGETS)], queries: EN_QUERIES },
    { locale: 'de', docs: [...DE_TARGETS, ...distractors('de', DE_TARGETS)], queries: DE_QUERIES },
  ];
}
