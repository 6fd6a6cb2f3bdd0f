/**
 * A realistic, deterministic corpus for the search benchmarks: invoices with near numbers,
 * contracts, meeting notes, leases, reports, budgets and call recordings, in English or German,
 * several hundred words each, the filler drawn from a Zipf-distributed vocabulary (a few common
 * words everywhere, a long tail of rare ones). The queries are in search-queries.ts, so that
 * changing them does not rebuild a kept corpus.
 */
import { ACCEPTED_TYPES } from '../../src/domain/file-types.ts';
import type { FileKind } from '../../src/domain/file.ts';

export type Language = 'en' | 'de';

export interface BenchDoc {
  name: string;
  text: string;
  extension: string;
  mime: string;
  kind: FileKind;
  createdAt: Date;
  visibility: 'internal' | 'public';
}

/** Bump when the generator writes different documents (a kept corpus is then rebuilt). */
export const CORPUS_FORMAT = 'search-corpus-v1';

/** mulberry32: a small seeded PRNG, so the same (tenant, file) always gives the same document. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMON = {
  en: 'the of and to a in is that for it as with was on be by this are from at or have an which not but all we they our has been will their more can if one would about there may other also any these its when new time after should each such must only between within under before payment period delivery service agreement party customer supplier team project work report price amount total month year week date notice office meeting order'.split(' '),
  de: 'der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über so zum war haben nur oder aber vor zur bis mehr durch man sein wurde sei zahlung frist lieferung vertrag kunde lieferant projekt bericht preis betrag summe monat jahr woche datum kündigung büro besprechung auftrag'.split(' '),
};
const SYLLABLES = {
  en: 'ar bel cor dan el fen gor han is jor kel lin mor nor or pel quin ros sen tor ul ven wes yor zan ton ley ham ford wick shire brook field ster ing ment ance'.split(' '),
  de: 'ber dorf feld gart hau hei kir lan mark ner rau schen stein tal wald weg lich ung heit keit bach burg hof reich berg mann ler zig au ei'.split(' '),
};

/** Common words first, then a long tail of made-up but pronounceable rare words. */
function vocabulary(language: Language): string[] {
  const words = [...COMMON[language]];
  const random = rng(language === 'en' ? 11 : 12);
  const seen = new Set(words);
  const syllables = SYLLABLES[language];
  while (words.length < 6000) {
    const parts = 2 + Math.floor(random() * 2);
    let word = '';
    for (let i = 0; i < parts; i++) word += syllables[Math.floor(random() * syllables.length)];
    if (!seen.has(word)) {
      seen.add(word);
      words.push(word);
    }
  }
  return words;
}

/** Cumulative Zipf weights (s = 1.07) over a vocabulary's ranks. */
function zipfTable(size: number): Float64Array {
  const table = new Float64Array(size);
  let sum = 0;
  for (let rank = 0; rank < size; rank++) table[rank] = sum += 1 / Math.pow(rank + 1, 1.07);
  for (let rank = 0; rank < size; rank++) table[rank]! /= sum;
  return table;
}

const VOCAB = { en: vocabulary('en'), de: vocabulary('de') };
const ZIPF = zipfTable(6000);

function zipfWord(language: Language, random: () => number): string {
  const x = random();
  let lo = 0;
  let hi = ZIPF.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ZIPF[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return VOCAB[language][lo]!;
}

const SURNAMES = ['Schmidt', 'Müller', 'Meier', 'Schneider', 'Fischer', 'Weber', 'Wagner', 'Becker', 'Hoffmann', 'Schulz', 'Koch', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Smith', 'Johnson', 'Williams', 'Brown', 'Miller', 'Davis', 'Garcia', 'Taylor', 'Anderson', 'Thomas', 'Jackson', 'Whitfield', 'Okafor', 'Nakamura', 'Kowalski', 'Dubois'];
const COMPANIES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark Industries', 'Wayne Logistics', 'Wonka Foods', 'Tyrell', 'Cyberdyne', 'Soylent', 'Vandelay Imports', 'Nordwind', 'Bergmann Bau', 'Lindenhof', 'Sonnenschein Energie', 'Kessler Druck', 'Alpenblick'];
const STREETS = ['Harbour Road', 'Mill Lane', 'Station Street', 'Hauptstraße', 'Lindenallee', 'Bahnhofstraße', 'King Street', 'Elm Avenue'];
const DEPARTMENTS = { en: ['Sales', 'Marketing', 'Finance', 'Operations', 'Support', 'Legal'], de: ['Vertrieb', 'Marketing', 'Finanzen', 'Betrieb', 'Kundendienst', 'Recht'] };
const MONTHS = { en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'], de: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'] };
const WEEKDAYS = { en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'], de: ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag'] };
const NUMBER_WORDS = { en: ['one', 'two', 'three', 'four', 'six'], de: ['einem', 'zwei', 'drei', 'vier', 'sechs'] };

function filler(language: Language, random: () => number, words: number): string {
  const sentences: string[] = [];
  let left = words;
  while (left > 0) {
    const length = Math.min(left, 8 + Math.floor(random() * 10));
    const sentence = Array.from({ length }, () => zipfWord(language, random)).join(' ');
    sentences.push(`${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`);
    left -= length;
  }
  return sentences.join(' ');
}

type Template = (ctx: { i: number; language: Language; random: () => number; pick: <T>(list: readonly T[]) => T; year: number; month: number }) => { stem: string; extension: string; facts: string };

/** Invoices are numbered densely (3000 + i/4), so 4471 has neighbours 4470, 4472 and 4417. */
const TEMPLATES: Template[] = [
  ({ i, language, pick, year }) => {
    const number = 3000 + Math.floor(i / 4);
    const company = pick(COMPANIES);
    const amount = (((i * 7919) % 90_000) + 1000).toLocaleString('en-US');
    return language === 'en'
      ? { stem: `Invoice ${number} ${company}`, extension: 'pdf', facts: `Invoice number ${number} from ${company}. Invoice date ${year}. Total amount due ${amount} dollars, payable within 30 days.` }
      : { stem: `Rechnung ${number} ${company}`, extension: 'pdf', facts: `Rechnungsnummer ${number} von ${company}. Rechnungsdatum ${year}. Gesamtbetrag ${amount} Euro, zahlbar innerhalb von 30 Tagen.` };
  },
  ({ language, pick, year, random }) => {
    const company = pick(COMPANIES);
    const person = pick(SURNAMES);
    const months = pick(NUMBER_WORDS[language]);
    return language === 'en'
      ? { stem: `Contract ${company} ${person} ${year}`, extension: random() < 0.5 ? 'pdf' : 'docx', facts: `This contract is made between ${company} and ${person}. Either party may terminate this contract with ${months} months' notice. The contract runs from ${year}.` }
      : { stem: `Vertrag ${company} ${person} ${year}`, extension: random() < 0.5 ? 'pdf' : 'docx', facts: `Dieser Vertrag wird zwischen ${company} und ${person} geschlossen. Die Kündigungsfrist beträgt ${months} Monate. Der Vertrag gilt ab ${year}.` };
  },
  ({ language, pick, year, month }) => {
    const person = pick(SURNAMES);
    const supplier = pick(COMPANIES);
    const day = pick(WEEKDAYS[language]);
    const monthName = MONTHS[language][month]!;
    return language === 'en'
      ? { stem: `Meeting notes ${person} ${monthName} ${year}`, extension: 'docx', facts: `Meeting notes taken by ${person}. Attendees discussed the supplier ${supplier}, which delivers on ${day}s. Action items follow.` }
      : { stem: `Besprechungsprotokoll ${person} ${monthName} ${year}`, extension: 'docx', facts: `Protokoll der Besprechung von ${person}. Der Lieferant ${supplier} liefert jeden ${day}. Offene Punkte folgen.` };
  },
  ({ i, language, pick, random }) => {
    const street = pick(STREETS);
    const months = pick(NUMBER_WORDS[language]);
    const rent = 800 + Math.floor(random() * 2400);
    return language === 'en'
      ? { stem: `Lease agreement ${street} ${1 + (i % 120)}`, extension: 'pdf', facts: `Lease agreement for ${street} ${1 + (i % 120)}. The monthly rent is ${rent} dollars. Either party may end the lease with ${months} months' notice.` }
      : { stem: `Mietvertrag ${street} ${1 + (i % 120)}`, extension: 'pdf', facts: `Mietvertrag für ${street} ${1 + (i % 120)}. Die monatliche Miete beträgt ${rent} Euro. Die Kündigungsfrist beträgt ${months} Monate.` };
  },
  ({ language, pick, year, random }) => {
    const quarter = 1 + Math.floor(random() * 4);
    const department = pick(DEPARTMENTS[language]);
    return language === 'en'
      ? { stem: `Q${quarter} ${department} report ${year}`, extension: 'pdf', facts: `Quarterly ${department} report for Q${quarter} ${year}. Revenue grew ${Math.floor(random() * 30)} percent.` }
      : { stem: `Quartalsbericht Q${quarter} ${department} ${year}`, extension: 'pdf', facts: `Quartalsbericht ${department} für Q${quarter} ${year}. Der Umsatz wuchs um ${Math.floor(random() * 30)} Prozent.` };
  },
  ({ language, pick, year }) => {
    const department = pick(DEPARTMENTS[language]);
    return language === 'en'
      ? { stem: `Budget ${year} ${department}`, extension: 'xlsx', facts: `Sheet Budget ${year}. Columns: cost centre, planned, actual, variance. ${department} budget.` }
      : { stem: `Budget ${year} ${department}`, extension: 'xlsx', facts: `Tabelle Budget ${year}. Spalten: Kostenstelle, geplant, Ist, Abweichung. Budget ${department}.` };
  },
  ({ language, pick, year, month }) => {
    const person = pick(SURNAMES);
    const company = pick(COMPANIES);
    return language === 'en'
      ? { stem: `Call recording ${person} ${MONTHS.en[month]} ${year}`, extension: 'mp3', facts: `Transcript of a call with ${person} from ${company} about the open order.` }
      : { stem: `Anrufaufzeichnung ${person} ${MONTHS.de[month]} ${year}`, extension: 'mp3', facts: `Mitschrift eines Anrufs mit ${person} von ${company} zum offenen Auftrag.` };
  },
  ({ language, pick, year }) => {
    const company = pick(COMPANIES);
    return language === 'en'
      ? { stem: `${company} NDA ${year}`, extension: 'pdf', facts: `Non-disclosure agreement (NDA) with ${company}, signed ${year}. Confidential information stays confidential for five years.` }
      : { stem: `Angebot ${company} ${year}`, extension: 'docx', facts: `Angebot von ${company} für ${year}. Das Angebot gilt 30 Tage.` };
  },
];

/** Share of each template: invoices and contracts dominate, as in a real office. */
const TEMPLATE_WEIGHTS = [0.22, 0.18, 0.17, 0.06, 0.1, 0.08, 0.07, 0.12];

/** The i-th document of tenant `tenant` (deterministic). */
export function benchDoc(tenant: number, i: number, language: Language): BenchDoc {
  const random = rng(tenant * 1_000_003 + i * 7 + 1);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  let x = random();
  let template = 0;
  while (template < TEMPLATES.length - 1 && (x -= TEMPLATE_WEIGHTS[template]!) > 0) template++;
  const year = 2018 + Math.floor(random() * 8);
  const month = Math.floor(random() * 12);
  const { stem, extension, facts } = TEMPLATES[template]!({ i, language, random, pick, year, month });
  const words = 150 + Math.floor(random() * 350);
  const type = ACCEPTED_TYPES[extension]!;
  const text = `${stem}. ${facts} ${filler(language, random, words)}`;
  return {
    name: `${stem}.${extension}`,
    text,
    extension,
    mime: type.mime,
    kind: type.kind,
    createdAt: new Date(Date.UTC(year, month, 1 + Math.floor(random() * 28), 9)),
    visibility: random() < 0.2 ? 'public' : 'internal',
  };
}
