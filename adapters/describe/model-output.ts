/** A full stop after a day number ("14. Mai") or a common abbreviation is not a sentence end. */
const SENTENCE_END = /(?<!\b\d{1,2})(?<!\b(?:Nr|No|Dr|Mr|Mrs|Ms|Prof|St|ca|bzw|inkl|zzgl|vs|etc|z\.B|u\.a|e\.g|i\.e))[.!?](?=\s|$)/;

/**
 * A model's answer made safe to say: markdown, quotes, list marks and line breaks removed,
 * at most `sentences` sentences and `words` words, ending in a full stop. '' when nothing is left.
 */
export function boundedSentences(raw: string, limits: { sentences: number; words: number }): string {
  let rest = raw
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/[*_#>`"“”„«»]+/g, '')
    .replace(/^\s*(?:[-•]|\d+\.)\s+/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
  const kept: string[] = [];
  while (rest && kept.length < limits.sentences) {
    const end = rest.search(SENTENCE_END);
    kept.push((end === -1 ? rest : rest.slice(0, end + 1)).trim());
    rest = end === -1 ? '' : rest.slice(end + 1).trim();
  }
  const words = kept.join(' ').split(' ').filter(Boolean);
  let text = words.slice(0, limits.words).join(' ').replace(/[\s,;:–-]+$/, '');
  if (text && !/[.!?]$/.test(text)) text += '.';
  return text;
}
