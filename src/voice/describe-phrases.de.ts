import type { DescribePhrases, DescribeWords } from './describe-speech.ts';
import { withDefiniteArticle } from './file-kinds.ts';
import { cardinalWords } from './number-words.ts';

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const lastWord = (text: string): string => text.trim().split(/\s+/).pop()!.toLowerCase();

/** "das PDF Q2 Finanzbericht", "die gescannte Tabelle Preise" (nominative; the weak ending -e fits every gender). */
function subjectOf(w: DescribeWords): string {
  const [article, ...noun] = withDefiniteArticle('de', w.kind, 'nominative').split(' ');
  const said = `${article} ${w.scanned ? 'gescannte ' : ''}${noun.join(' ')}`;
  if (!w.label) return capitalize(said);
  if (lastWord(w.label) === lastWord(w.kind.noun)) return capitalize(`${article} ${w.scanned ? 'gescannte ' : ''}${w.label}`);
  return capitalize(`${said} ${w.label}`);
}

function facts(w: DescribeWords): string {
  if (w.email) {
    const from = w.email.from ? ` von ${w.email.from}` : '';
    const about = w.label ? ` zum Thema ${w.label}` : '';
    const n = w.email.attachments;
    const attachments = n === 0 ? '' : n === 1 ? ', mit einem Anhang' : `, mit ${cardinalWords(n, 'de')} Anhängen`;
    return `Das ist eine E-Mail${from}${about}, gesendet ${w.when}${attachments}.`;
  }
  const subject = subjectOf(w);
  const length = w.pages ? `hat ${w.pages}` : w.duration ? `dauert ${w.duration}` : `ist ${w.size} groß`;
  if (w.version) return `${subject} ${length}; Version ${w.version} wurde ${w.when} hochgeladen.`;
  if (w.attachmentOf) return `${subject} ${length} und kam ${w.when} als Anhang einer E-Mail${w.attachmentOf.from ? ` von ${w.attachmentOf.from}` : ''}.`;
  return `${subject} ${length} und wurde ${w.when} hochgeladen.`;
}

/** German sentences of a description, formal address. */
export const germanDescribePhrases: DescribePhrases = {
  facts,
  sheets: (count, names, columns) => `Es gibt ${cardinalWords(count, 'de')} Blätter: ${names}${columns ? `; das erste hat Spalten wie ${columns}` : ''}.`,
  columns: (columns) => `Die Spalten heißen ${columns}.`,
  lead: (sentence) => `Darin steht: ${sentence}`,
  headings: (list) => `Es geht um ${list}.`,
  figures: (list) => `Wichtige Zahlen: ${list}.`,
  list: (items) => (items.length <= 2 ? items.join(' und ') : `${items.slice(0, -1).join(', ')} und ${items.at(-1)}`),
};
