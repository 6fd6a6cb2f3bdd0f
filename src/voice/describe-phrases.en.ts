import type { DescribePhrases, DescribeWords } from './describe-speech.ts';
import { englishIndefinite } from './file-kinds.ts';
import { cardinalWords } from './number-words.ts';

const DETERMINER = /^(?:the|a|an|my|our|your|his|her|their|this|that|these|those)\s/i;
const the = (label: string): string => (DETERMINER.test(label) ? label : `the ${label}`);
const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function facts(w: DescribeWords): string {
  if (w.email) {
    const from = w.email.from ? ` from ${w.email.from}` : '';
    const about = w.label ? ` about ${w.label}` : '';
    const n = w.email.attachments;
    const attachments = n === 0 ? '' : n === 1 ? ', with one attachment' : `, with ${cardinalWords(n, 'en')} attachments`;
    return `This is an e-mail${from}${about}, sent ${w.when}${attachments}.`;
  }
  const subject = w.label ? capitalize(the(w.label)) : 'It';
  const noun = `${w.scanned ? 'scanned ' : ''}${w.kind.noun}`;
  const length = w.pages ? ` of ${w.pages}` : w.duration ? ` of ${w.duration}` : ` of ${w.size}`;
  const when = w.version ? `, version ${w.version}, updated ${w.when}` : w.attachmentOf ? `, which came with an e-mail${w.attachmentOf.from ? ` from ${w.attachmentOf.from}` : ''} ${w.when}` : `, uploaded ${w.when}`;
  return `${subject} is ${englishIndefinite(noun)} ${noun}${length}${when}.`;
}

/** English sentences of a description. */
export const englishDescribePhrases: DescribePhrases = {
  facts,
  sheets: (count, names, columns) => `It has ${cardinalWords(count, 'en')} sheets: ${names}${columns ? `; the first has columns such as ${columns}` : ''}.`,
  columns: (columns) => `Its columns include ${columns}.`,
  lead: (sentence) => `It says: ${sentence}`,
  headings: (list) => `It covers ${list}.`,
  figures: (list) => `Key figures include ${list}.`,
  list: (items) => (items.length <= 2 ? items.join(' and ') : `${items.slice(0, -1).join(', ')}, and ${items.at(-1)}`),
};
