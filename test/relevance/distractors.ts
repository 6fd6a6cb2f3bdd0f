/**
 * Files that make ranking hard, generated per tenant: invoices, credit notes and orders with
 * numbers next to the targets' (same digits swapped, neighbours), contracts of many companies,
 * meeting notes on many dates, and near-duplicate names (Q1/Q3 next to Q2, 2024 next to 2025,
 * February next to March). Mostly cheap formats (txt, docx), with real PDFs and workbooks mixed
 * in, and a few recordings. Also the files only some customers may see, for the access probes.
 */
import type { FileSpec, Locale } from './corpus-types.ts';

const COMPANIES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Stark', 'Wayne', 'Wonka', 'Tyrell', 'Cyberdyne', 'Soylent', 'Massive', 'Oscorp', 'Gringotts'];
const TOPICS: Record<Locale, string[]> = {
  en: ['roadmap', 'hiring', 'budget review', 'office move', 'customer escalation', 'product launch', 'security audit', 'quarterly planning'],
  de: ['Planung', 'Einstellungen', 'Budgetrunde', 'Umzug', 'Kundenbeschwerde', 'Produktstart', 'Sicherheitsprüfung', 'Quartalsplanung'],
};
/** Numbers of the targets' invoices, credit notes and orders. */
const TARGET_NUMBERS = [4471, 5281, 7730, 2218];
/** Close to a target's number, never equal: neighbours, tens, and the digits reversed or swapped. */
const near = (n: number): number[] => {
  const digits = String(n).split('');
  const swapped = [digits[0], digits[1], digits[3], digits[2]].join('');
  return [n + 1, n - 1, n + 10, n - 10, Number([...digits].reverse().join('')), Number(swapped)];
};
/** Dates of the targets' meeting notes: no distractor notes on them, so "the notes from june eighteenth" has one answer. */
const TARGET_NOTE_DATES = new Set(['2025-06-18']);
/** Cheap formats first; a PDF every few files. */
const DOCUMENT_FORMATS = ['pdf', 'txt', 'docx', 'txt'] as const;

const words = {
  en: {
    invoice: (n: number, amount: number) => [`Invoice ${n}`, `Invoice for services. Amount due ${amount} dollars.`],
    credit: (n: number) => [`Credit note ${n}`, `Credit for a cancelled order: ${(n % 40) * 10} dollars.`],
    order: (n: number) => [`Purchase order ${n}`, `${(n % 30) * 10} boxes of printer paper.`],
    names: { invoice: 'Invoice', credit: 'Credit note', order: 'Purchase order' },
    contracts: ['Service contract', 'Supply contract', 'Framework agreement', 'Offer'],
    contract: (kind: string, company: string) => [`${kind} between us and ${company}.`, 'Payment within thirty days. The contract runs for one year.'],
    notes: (topic: string, date: string) => `Meeting notes ${topic} ${date}`,
    notesText: (topic: string) => [`Notes on ${topic}.`, 'Attendees discussed next steps and owners. Action items follow.'],
    recording: (topic: string) => `notes on the ${topic} meeting`,
  },
  de: {
    invoice: (n: number, amount: number) => [`Rechnung ${n}`, `Rechnung für Leistungen. Betrag ${amount} Euro.`],
    credit: (n: number) => [`Gutschrift ${n}`, `Gutschrift für eine stornierte Bestellung: ${(n % 40) * 10} Euro.`],
    order: (n: number) => [`Bestellung ${n}`, `${(n % 30) * 10} Kartons Druckerpapier.`],
    names: { invoice: 'Rechnung', credit: 'Gutschrift', order: 'Bestellung' },
    contracts: ['Dienstvertrag', 'Liefervertrag', 'Rahmenvertrag', 'Angebot'],
    contract: (kind: string, company: string) => [`${kind} mit ${company}.`, 'Zahlung innerhalb von 30 Tagen. Laufzeit ein Jahr.'],
    notes: (topic: string, date: string) => `Besprechungsnotizen ${topic} ${date}`,
    notesText: (topic: string) => [`Notizen zu ${topic}.`, 'Die Teilnehmer besprachen die nächsten Schritte.'],
    recording: (topic: string) => `Notizen zur Besprechung ${topic}`,
  },
} as const;

/** Names a caller could confuse with a target's, with other content. */
const NEAR_NAMES: Record<Locale, FileSpec[]> = {
  en: [
    { name: 'Q1 Financial Report.pdf', day: 100, body: ['Revenue grew three percent in the first quarter.'] },
    { name: 'Q3 Financial Report.pdf', day: 280, body: ['Revenue fell two percent in the third quarter.'] },
    { name: 'Q1 Sales Pipeline.xlsx', day: 95, sheets: [{ name: 'Pipeline', rows: [['Lead', 'Stage', 'Value'], ['Umbrella', 'won', 12000]] }] },
    { name: 'Q3 Sales Pipeline.xlsx', day: 275, sheets: [{ name: 'Pipeline', rows: [['Lead', 'Stage', 'Value'], ['Stark', 'lost', 9000]] }] },
    { name: 'Price list 2024.xlsx', day: 1, sheets: [{ name: 'Prices', rows: [['Product', 'Price'], ['Widget basic', 11]] }] },
    { name: 'Annual budget 2025.xlsx', day: 2, sheets: [{ name: 'Budget', rows: [['Department', 'Planned'], ['Marketing', 110000]] }] },
    { name: 'H2 Forecast.xlsx', day: 190, sheets: [{ name: 'Forecast', rows: [['Month', 'Revenue'], ['July', 430000]] }] },
    { name: 'Marketing plan H1.docx', day: 10, body: ['Marketing plan for the first half', 'Campaigns: newsletter and webinars.'] },
    { name: 'Board minutes February.docx', day: 45, body: ['Board meeting, February', 'The board reviewed the hiring plan.'] },
    { name: 'Board minutes April.docx', day: 105, body: ['Board meeting, April', 'The board discussed the office lease.'] },
    { name: 'Contract Schmidt Logistics.pdf', day: 110, body: ['Transport contract between us and Schmidt Logistics.', 'Weekly pickups.'] },
    { name: 'Expense report Gardner.xlsx', day: 250, sheets: [{ name: 'Expenses', rows: [['Date', 'Item', 'Amount'], ['2025-09-08', 'Train ticket', 42]] }] },
    { name: 'Tax filing Q2.pdf', day: 190, body: ['Tax filing for the second quarter.', 'Sales tax payable: 17,200 dollars.'] },
    { name: 'Tax filing Q4.pdf', day: 10, body: ['Tax filing for the fourth quarter of last year.'] },
    { name: 'Call with Miller 2025-03-02.wav', day: 60, speech: 'the new catalogue is ready for print' },
    { name: 'IT security policy.pdf', day: 15, body: ['Passwords have at least twelve characters.', 'Laptops lock after five minutes.'] },
    { name: 'Expense policy.pdf', day: 16, body: ['Receipts are submitted within thirty days.'] },
  ],
  de: [
    { name: 'Quartalsbericht Q1.pdf', day: 100, body: ['Der Umsatz stieg im ersten Quartal um drei Prozent.'] },
    { name: 'Quartalsbericht Q3.pdf', day: 280, body: ['Der Umsatz sank im dritten Quartal um zwei Prozent.'] },
    { name: 'Vertriebsplanung Q1.xlsx', day: 95, sheets: [{ name: 'Planung', rows: [['Kunde', 'Phase', 'Wert'], ['Umbrella', 'gewonnen', 12000]] }] },
    { name: 'Vertriebsplanung Q3.xlsx', day: 275, sheets: [{ name: 'Planung', rows: [['Kunde', 'Phase', 'Wert'], ['Stark', 'verloren', 9000]] }] },
    { name: 'Preisliste 2024.xlsx', day: 1, sheets: [{ name: 'Preise', rows: [['Produkt', 'Preis'], ['Kompakt', 13]] }] },
    { name: 'Jahresbudget 2025.xlsx', day: 2, sheets: [{ name: 'Budget', rows: [['Abteilung', 'Plan'], ['Marketing', 110000]] }] },
    { name: 'Marketingplan H1.docx', day: 10, body: ['Marketingplan für das erste Halbjahr', 'Kampagnen: Newsletter und Webinare.'] },
    { name: 'Protokoll Vorstandssitzung Februar.docx', day: 45, body: ['Vorstandssitzung im Februar', 'Der Vorstand prüfte den Stellenplan.'] },
    { name: 'Protokoll Vorstandssitzung April.docx', day: 105, body: ['Vorstandssitzung im April', 'Der Vorstand besprach den Mietvertrag.'] },
    { name: 'Dienstvertrag Müller Logistik.pdf', day: 110, body: ['Dienstvertrag mit Müller Logistik.', 'Wöchentliche Abholung.'] },
    { name: 'Reisekostenabrechnung Hofer.xlsx', day: 250, sheets: [{ name: 'Reisekosten', rows: [['Datum', 'Posten', 'Betrag'], ['2025-09-08', 'Bahnticket', 42]] }] },
    { name: 'Steuererklärung Q2.pdf', day: 190, body: ['Umsatzsteuer für das zweite Quartal.', 'Zahllast: 17.200 Euro.'] },
    { name: 'Steuererklärung Q4.pdf', day: 10, body: ['Umsatzsteuer für das vierte Quartal des Vorjahres.'] },
    { name: 'Telefonat mit Meier 2025-03-02.wav', day: 60, speech: 'Der neue Katalog ist druckfertig.' },
    { name: 'IT Sicherheitsrichtlinie.pdf', day: 15, body: ['Passwörter haben mindestens zwölf Zeichen.'] },
    { name: 'Spesenrichtlinie.pdf', day: 16, body: ['Belege werden innerhalb von 30 Tagen eingereicht.'] },
    { name: 'Mietvertrag Lager Hafenstraße.pdf', day: 14, body: ['Mietvertrag für das Lager in der Hafenstraße 9.', 'Die Miete ist monatlich im Voraus fällig.'] },
  ],
};

/** Files some customers may see (and others not): the customer-scope probes search for their words. */
export const CUSTOMER_FILES: Record<Locale, FileSpec[]> = {
  en: [
    { name: 'Hooli service report.pdf', day: 150, visibility: 'customer', customerId: 'cust-hooli', body: ['Service report for Hooli.', 'Rebate code alphaheron applies to the next order.'] },
    { name: 'Vandelay service report.pdf', day: 151, visibility: 'customer', customerId: 'cust-vandelay', body: ['Service report for Vandelay.', 'Rebate code omegafalcon applies to the next order.'] },
    { name: 'Product brochure.pdf', day: 152, visibility: 'public', body: ['Our widgets in every size.'] },
  ],
  de: [
    { name: 'Servicebericht Hooli.pdf', day: 150, visibility: 'customer', customerId: 'cust-hooli', body: ['Servicebericht für Hooli.', 'Rabattcode reiherblau gilt für die nächste Bestellung.'] },
    { name: 'Servicebericht Vandelay.pdf', day: 151, visibility: 'customer', customerId: 'cust-vandelay', body: ['Servicebericht für Vandelay.', 'Rabattcode falkenrot gilt für die nächste Bestellung.'] },
    { name: 'Produktbroschüre.pdf', day: 152, visibility: 'public', body: ['Unsere Geräte in jeder Größe.'] },
  ],
};

/** Words only in the customer files of one customer: [customer, word]. */
export const CUSTOMER_WORDS: Record<Locale, Array<[string, string]>> = {
  en: [['cust-hooli', 'alphaheron'], ['cust-vandelay', 'omegafalcon']],
  de: [['cust-hooli', 'reiherblau'], ['cust-vandelay', 'falkenrot']],
};

const isoDate = (month: number, day: number) => `2025-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** At least `count` distractors for the tenant, none named like a target. */
export function distractors(locale: Locale, targetNames: ReadonlySet<string>, count = 310): FileSpec[] {
  const w = words[locale];
  const out: FileSpec[] = [...NEAR_NAMES[locale], ...CUSTOMER_FILES[locale]];
  const taken = new Set([...targetNames, ...out.map((f) => f.name)]);
  const add = (spec: FileSpec) => {
    if (taken.has(spec.name)) return;
    taken.add(spec.name);
    out.push(spec);
  };
  const numbers = new Set<number>();
  for (const n of TARGET_NUMBERS) for (const m of near(n)) numbers.add(m);
  for (let i = 0; numbers.size < 110; i++) numbers.add(4000 + ((i * 37) % 2000));
  for (const n of TARGET_NUMBERS) numbers.delete(n);
  [...numbers].forEach((n, i) => {
    const format = DOCUMENT_FORMATS[i % DOCUMENT_FORMATS.length];
    const kind = i % 7 === 3 ? 'credit' : i % 7 === 5 ? 'order' : 'invoice';
    const body = kind === 'invoice' ? w.invoice(n, (n % 90) * 100) : kind === 'credit' ? w.credit(n) : w.order(n);
    add({ name: `${w.names[kind]} ${n}.${format}`, day: (n * 7) % 330, body: [...body] });
  });
  COMPANIES.forEach((company, i) => {
    w.contracts.forEach((kind, k) => add({ name: `${kind} ${company}.${k % 2 === 0 ? 'pdf' : 'docx'}`, day: (i * 13 + k) % 330, body: [...w.contract(kind, company)] }));
  });
  const topics = TOPICS[locale];
  // Recordings of meetings: English ones are transcribed (seconds each), so only one.
  const recordings = locale === 'en' ? 1 : 6;
  for (let i = 0; out.length < count; i++) {
    const month = (i % 12) + 1;
    const day = ((i * 5) % 27) + 1;
    const date = isoDate(month, day);
    if (TARGET_NOTE_DATES.has(date)) continue;
    const topic = topics[i % topics.length]!;
    const recording = i % 9 === 4 && i / 9 < recordings;
    const format = recording ? 'wav' : i % 3 === 0 ? 'txt' : 'docx';
    const name = `${w.notes(topic, date)}.${format}`;
    add(recording ? { name, day: (month - 1) * 30 + day, speech: w.recording(topic) } : { name, day: (month - 1) * 30 + day, body: [...w.notesText(topic)] });
  }
  return out;
}
