/** Counts of the relevance set as extracted: files by format per tenant, queries by class. */
import { extensionOf } from '../../src/domain/file-types.ts';
import type { TenantCorpus } from './evaluate.ts';

const tally = (values: string[]) =>
  Object.entries(values.reduce<Record<string, number>>((acc, v) => ({ ...acc, [v]: (acc[v] ?? 0) + 1 }), {}))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');

export function describeCorpus(corpus: TenantCorpus[]): string {
  return corpus
    .map(({ spec, files }) => {
      const targets = new Set(spec.targets.map((t) => t.name));
      const ext = (own: boolean) => tally(files.filter((f) => targets.has(f.spec.name) === own).map((f) => extensionOf(f.spec.name)));
      const transcribed = files.filter((f) => f.kind === 'audio' && f.text !== '').length;
      return `${spec.locale}: ${spec.targets.length} targets (${ext(true)}), ${spec.distractors.length} distractors (${ext(false)}), ${transcribed} recordings transcribed; ${spec.queries.length} queries (${tally(spec.queries.map((q) => q.cls))})`;
    })
    .join('\n');
}
