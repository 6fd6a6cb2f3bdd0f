import { describe, expect, it } from 'vitest';
import type { FileKind } from '../../../src/domain/file.ts';
import { normalizeSpokenQuery } from '../../../src/voice/normalize-query.ts';

type Row = [spoken: string, text: string, kinds?: FileKind[]];

const check = ([spoken, text, kinds = []]: Row) => {
  const result = normalizeSpokenQuery(spoken, 'de');
  expect(result.text).toBe(text);
  expect(result.kinds).toEqual(kinds);
  expect(result.terms).toEqual(text === '' ? [] : text.split(' '));
};

describe('normalizeSpokenQuery (de): Füllwörter und Höflichkeit', () => {
  it.each<Row>([
    ['können sie mir bitte den q zwei bericht raussuchen', 'q2 bericht'],
    ['Ähm, ich suche das Angebot für Müller.', 'angebot müller'],
    ['haben sie den vertrag von müller und schmidt', 'vertrag müller schmidt'],
    ['gibt es eine preisliste', 'preisliste'],
    ['wo ist das angebot', 'angebot'],
    ['ich hätte gerne die rechnung vom mai danke', 'rechnung'],
    ['hallo ich brauche bitte mal den mietvertrag', 'mietvertrag'],
    ['könnten sie mir die reisekostenabrechnung schicken', 'reisekostenabrechnung'],
    ['ich bin auf der suche nach dem protokoll äh von gestern', 'protokoll'],
    ['sprachnachricht von herrn meier', 'meier', ['audio']],
    ['das ist für mich', ''],
    ['die Übersicht', 'übersicht'],
    ['die straße', 'straße'],
    ['ein angebot', 'angebot'],
    ['äh', ''],
    ['bitte', ''],
  ])('%s -> "%s"', (...row) => check(row));
});

describe('normalizeSpokenQuery (de): Quartale und Halbjahre', () => {
  it.each<Row>([
    ['Q2 Bericht', 'q2 bericht'],
    ['ku zwei bericht', 'q2 bericht'],
    ['q zwo zahlen', 'q2 zahlen'],
    ['quartal drei zahlen', 'q3 zahlen'],
    ['das 2. Quartal', 'q2'],
    ['viertes quartal', 'q4'],
    ['die zahlen vom ersten quartal', 'zahlen q1'],
    ['die Tabelle vom zweiten Quartal zweitausendvierundzwanzig', 'q2 2024', ['spreadsheet']],
    ['h zwei planung', 'h2 planung'],
    ['erstes halbjahr prognose', 'h1 prognose'],
    ['zweites halbjahr zwanzig fünfundzwanzig', 'h2 2025'],
    ['zweite hälfte', 'h2'],
  ])('%s -> "%s"', (...row) => check(row));
});

describe('normalizeSpokenQuery (de): buchstabiert', () => {
  it.each<Row>([
    ['die n d a von acme', 'nda acme'],
    ['N. D. A.', 'nda'],
    ['die a g b', 'agb'],
    ['g m b h vertrag', 'gmbh vertrag'],
  ])('%s -> "%s"', (...row) => check(row));
});

describe('normalizeSpokenQuery (de): Zahlen', () => {
  it.each<Row>([
    ['rechnung nummer vierundvierzig einundsiebzig', 'rechnung 4471'],
    ['rechnung nr vierundvierzig einundsiebzig', 'rechnung 4471'],
    ['budget zwanzig fünfundzwanzig', 'budget 2025'],
    ['zweitausendvierundzwanzig', '2024'],
    ['bilanz zwei tausend vierundzwanzig', 'bilanz 2024'],
    ['neunzehnhundertneunundneunzig', '1999'],
    ['vierhundert', '400'],
    ['zwo zwo acht', '228'],
    ['vier und zwanzig stunden', '24 stunden'],
    ['die eine million liste', '1000000 liste'],
    ['hundertfünfzig euro', '150 euro'],
    ['acht', '8'],
  ])('%s -> "%s"', (...row) => check(row));
});

describe('normalizeSpokenQuery (de): Dateiarten als Filter', () => {
  it.each<Row>([
    ['die excel tabelle mit dem budget', 'budget', ['spreadsheet']],
    ['die Tabelle', '', ['spreadsheet']],
    ['das word-dokument zum onboarding', 'onboarding', ['document']],
    ['das Dokument für die Steuer', 'steuer', ['document']],
    ['das pdf', '', ['document']],
    ['die textdatei notizen', 'notizen', ['text']],
    ['die aufnahme vom gespräch mit schmidt', 'gespräch schmidt', ['audio']],
    ['zeigen sie mir die bilder von der feier', 'feier', ['image']],
    ['fotos von der baustelle', 'baustelle', ['image']],
    ['die aufnahme oder das pdf', '', ['audio', 'document']],
  ])('%s -> "%s" %j', (...row) => check(row));
});

/** Gesprochen, normalisiert, dann für einen Begriff die gehörten Wörter und Schreibweisen daneben. */
type OriginalsRow = [spoken: string, text: string, term: string, originals: string[] | undefined];
const checkOriginals = ([spoken, text, term, originals]: OriginalsRow) => {
  const result = normalizeSpokenQuery(spoken, 'de');
  expect(result.text).toBe(text);
  expect(result.originals[term]).toEqual(originals);
  for (const key of Object.keys(result.originals)) expect(result.terms).toContain(key);
};

describe('normalizeSpokenQuery (de): Beträge in Worten', () => {
  it.each<OriginalsRow>([
    ['zwölftausendvierhundert Euro', '12400 euro', '12400', ['12.400', 'zwölftausendvierhundert']],
    ['rechnung über zwölftausendvierhundert euro', 'rechnung 12400 euro', '12400', ['12.400', 'zwölftausendvierhundert']],
    ['zwölf tausend vierhundert euro', '12400 euro', '12400', ['12.400', 'zwölf', 'tausend', 'vierhundert']],
    ['drei komma fünf millionen', '3500000', '3500000', ['3,5', '3.500.000', 'drei', 'fünf', 'millionen']],
    ['zweieinhalbtausend euro', '2500 euro', '2500', ['2,5', '2.500', 'zweieinhalbtausend']],
    ['zweieinhalb millionen', '2500000', '2500000', ['2,5', '2.500.000', 'zweieinhalb', 'millionen']],
    ['anderthalb millionen euro', '1500000 euro', '1500000', ['1,5', '1.500.000', 'anderthalb', 'millionen']],
    ['eineinhalb tausend euro', '1500 euro', '1500', ['1,5', '1.500', 'eineinhalb', 'tausend']],
    ['vierzigtausend euro', '40000 euro', '40000', ['40.000', 'vierzigtausend']],
    ['zwei komma fünf prozent', '2,5 prozent', '2,5', ['zwei', 'fünf']],
    ['fünfhundert euronen', '500 euro', 'euro', ['euronen']],
    ['12.400 euro', '12.400 euro', '12.400', undefined],
    ['das komma problem', 'komma problem', 'komma', undefined],
  ])('%s -> "%s"', (...row) => checkOriginals(row));
});

describe('normalizeSpokenQuery (de): die gehörten Wörter bleiben erhalten', () => {
  it.each<OriginalsRow>([
    ['rechnung vierundvierzig einundsiebzig', 'rechnung 4471', '4471', ['vierundvierzig', 'einundsiebzig']],
    ['zweitausendvierundzwanzig', '2024', '2024', ['2.024', 'zweitausendvierundzwanzig']],
    ['ku zwei bericht', 'q2 bericht', 'q2', ['ku', 'zwei']],
    ['zweites halbjahr prognose', 'h2 prognose', 'h2', ['zweites', 'halbjahr']],
    ['die a g b', 'agb', 'agb', undefined],
  ])('%s -> "%s"', (...row) => checkOriginals(row));
});

describe('normalizeSpokenQuery (de): Fragen behalten ihre Inhaltswörter', () => {
  it.each<[spoken: string, text: string, question: boolean]>([
    ['wie hoch ist die miete', 'miete', true],
    ['wie hoch ist die miete im mietvertrag', 'miete mietvertrag', true],
    ['was steht im mietvertrag über die kündigungsfrist', 'mietvertrag kündigungsfrist', true],
    ['wie viele urlaubstage haben wir', 'urlaubstage', true],
    ['wie lange gilt die garantie', 'gilt garantie', true],
    ['wann läuft der vertrag aus', 'läuft vertrag', true],
    ['welcher lieferant liefert freitags', 'lieferant liefert freitags', true],
    ['ähm wie viel kostet das widget', 'kostet widget', true],
    ['ich suche den mietvertrag', 'mietvertrag', false],
  ])('%s -> "%s"', (spoken, text, question) => {
    const result = normalizeSpokenQuery(spoken, 'de');
    expect(result.text).toBe(text);
    expect(result.question).toBe(question);
  });
});

describe('normalizeSpokenQuery (de): buchstabiert mit Wörtern', () => {
  it.each<Row>([
    ['e wie emil', 'e'],
    ['n wie nordpol d a', 'nda'],
    ['a wie in anton g b', 'agb'],
    ['e wie der bericht', 'e wie bericht'],
  ])('%s -> "%s"', (...row) => check(row));
});
