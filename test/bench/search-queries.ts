import type { Language } from './search-corpus.ts';

export interface BenchQuery {
  text: string;
  class: 'number' | 'name' | 'content' | 'typo' | 'common' | 'date';
}

/** Spoken queries against the corpus of search-corpus.ts as a recogniser writes them; "common" ones match thousands of files. */
export const BENCH_QUERIES: Record<Language, BenchQuery[]> = {
  en: [
    { text: 'invoice forty four seventy one', class: 'number' },
    { text: 'um the invoice three thousand five hundred and two from globex', class: 'number' },
    { text: 'q three sales report twenty twenty four', class: 'number' },
    { text: 'the contract with schmit', class: 'name' },
    { text: 'meeting notes from whitfeld', class: 'name' },
    { text: 'call recording with okafor', class: 'name' },
    { text: "what's the notice period in the lease on harbour road", class: 'content' },
    { text: 'which supplier delivers on fridays', class: 'content' },
    { text: 'how much is the rent on mill lane', class: 'content' },
    { text: 'the finacial report', class: 'typo' },
    { text: 'budgit twenty twenty three marketting', class: 'typo' },
    { text: 'contract', class: 'common' },
    { text: 'invoice', class: 'common' },
    { text: 'the meeting notes', class: 'common' },
    { text: 'meeting notes from last may', class: 'date' },
  ],
  de: [
    { text: 'rechnung vierundvierzig einundsiebzig', class: 'number' },
    { text: 'quartalsbericht q zwei vertrieb zweitausendzweiundzwanzig', class: 'number' },
    { text: 'der vertrag mit müler', class: 'name' },
    { text: 'besprechungsprotokoll schröder', class: 'name' },
    { text: 'anrufaufzeichnung kowalsky', class: 'name' },
    { text: 'wie hoch ist die miete in der lindenallee', class: 'content' },
    { text: 'welcher lieferant liefert freitags', class: 'content' },
    { text: 'kündigungsfrist mietvertrag bahnhofstraße', class: 'content' },
    { text: 'das angebot von bergman bau', class: 'typo' },
    { text: 'quartalsbericht finanzn', class: 'typo' },
    { text: 'vertrag', class: 'common' },
    { text: 'rechnung', class: 'common' },
    { text: 'das protokoll', class: 'common' },
    { text: 'besprechungsprotokoll vom juni', class: 'date' },
  ],
};
