import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { indexSettings, storedDocument } from '../../../adapters/search/meilisearch-documents.ts';
import { quoted, searchFilter } from '../../../adapters/search/meilisearch-filters.ts';
import { searchSynonyms } from '../../../src/voice/search-synonyms.ts';

describe('Meilisearch index settings and filters', () => {
  it('infra/meilisearch/settings.json is what the adapter applies', () => {
    const file = JSON.parse(readFileSync(new URL('../../../infra/meilisearch/settings.json', import.meta.url), 'utf8')) as { settings: unknown };
    expect(file.settings).toEqual(indexSettings(searchSynonyms()));
  });

  it('synonyms come from the normaliser tables, both ways, in both languages', () => {
    const synonyms = searchSynonyms();
    expect(synonyms.q2).toEqual(expect.arrayContaining(['second quarter', 'zweites quartal']));
    expect(synonyms['second quarter']).toContain('q2');
    expect(synonyms.h1).toEqual(expect.arrayContaining(['first half', 'erstes halbjahr']));
    expect(synonyms.recording).toEqual(expect.arrayContaining(['aufnahme', 'mp3']));
    for (const [word, others] of Object.entries(synonyms)) expect(others, word).not.toContain(word);
  });

  it('escapes every value in a filter; a hostile value stays one string literal', () => {
    expect(quoted('a"b\\c')).toBe('"a\\"b\\\\c"');
    const filter = searchFilter({ visibility: { tenantId: 't', customerScope: { customerId: '" OR tenant_id != "' } }, tags: ['x" OR "1'], category: 'c\\' });
    expect(filter).toBe('(tenant_id = "t" AND (visibility = "public" OR (visibility = "customer" AND customer_id = "\\" OR tenant_id != \\""))) AND tags = "x\\" or \\"1" AND category = "c\\\\"');
  });

  it('stores a version as its own document with the name split, umlauts spelled out, control characters gone', () => {
    const stored = storedDocument({
      tenantId: 't', fileId: 'f', versionId: 'v', name: 'Schäfer_Angebot-2025.pdf', title: null, kind: 'document', mimeType: 'application/pdf', customerId: null, visibility: 'internal',
      createdAt: new Date('2025-05-14T00:00:00Z'), text: 'a\u0000b', version: 4,
    } as Parameters<typeof storedDocument>[0]);
    expect(stored).toMatchObject({ id: 't_f_4', version: 4, name_words: 'Schäfer Angebot 2025 pdf', folded: 'Schaefer_Angebot-2025.pdf', text: 'a b', created_day: 20222 });
  });
});
