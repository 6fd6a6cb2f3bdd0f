/**
 * Normalising never loses a match that the raw words had: a term read from other words
 * ("12400" from "twelve thousand four hundred", "q2" from "second quarter") goes to the index
 * with those words as alternatives, so a file that says the words, not the digits, is still
 * found. Real index (Postgres adapter on PGlite and on the server); each case also runs the
 * same query without the alternatives, to show they are what finds the file.
 */
import { describe, expect, it } from 'vitest';
import { PostgresSearchIndex } from '../../../adapters/search/postgres.search-index.ts';
import { spokenSearchQuery } from '../../../src/app/find.use-case.ts';
import type { SearchQuery } from '../../../src/ports/search-index.port.ts';
import { insertFile, insertTenant } from '../../support/catalog-seed.ts';
import { forEachEngine } from '../../support/db.ts';

interface Doc {
  name: string;
  text: string;
}

const withoutAlternatives = (query: SearchQuery): SearchQuery => ({ ...query, words: query.words?.map(({ text, phonetic }) => ({ text, ...(phonetic ? { phonetic } : {}) })) });

await forEachEngine(import.meta.url, (ctx) => {
  async function tenantWith(locale: 'en' | 'de', docs: Doc[]) {
    const { db } = ctx();
    const index = new PostgresSearchIndex(db);
    const tenantId = await insertTenant(db, locale);
    const names = new Map<string, string>();
    for (const doc of docs) {
      const { fileId, versionId } = await insertFile(db, tenantId);
      await index.upsert({
        tenantId, fileId, versionId, name: doc.name, title: null, kind: 'document', mimeType: 'application/pdf', customerId: null,
        visibility: 'internal', createdAt: new Date('2025-03-01T00:00:00Z'), text: doc.text, language: locale,
      });
      names.set(fileId, doc.name);
    }
    const search = async (spoken: string, strip = false) => {
      const { query } = spokenSearchQuery(spoken, locale, { tenantId, customerScope: null }, { limit: 5, now: new Date('2025-06-01T00:00:00Z') });
      return (await index.search(strip ? withoutAlternatives(query) : query)).map((hit) => names.get(hit.fileId));
    };
    return search;
  }

  describe('raw spoken words stay searchable next to the digits read from them', () => {
    it('an amount in words: the file with the digits first, the one that writes the words next, before one sharing only "dollars"', async () => {
      const search = await tenantWith('en', [
        { name: 'Invoice A.pdf', text: 'Amount due: 12,400 dollars within thirty days.' },
        { name: 'Cheque scan.pdf', text: 'Pay the sum of twelve thousand four hundred dollars to the order of Acme.' },
        { name: 'Invoice B.pdf', text: 'Amount due: 900 dollars within thirty days.' },
      ]);
      const spoken = 'the invoice for twelve thousand four hundred dollars';
      expect((await search(spoken)).slice(0, 2)).toEqual(['Invoice A.pdf', 'Cheque scan.pdf']);
      const stripped = await search(spoken, true);
      expect(stripped[0]).toBe('Invoice A.pdf');
      // Without the raw words the cheque matches "dollars" only, no better than the other invoice.
      expect(stripped.indexOf('Cheque scan.pdf') === -1 || stripped.indexOf('Cheque scan.pdf') > stripped.indexOf('Invoice B.pdf')).toBe(true);
    });

    it('a name said in number words ("four seasons") still finds the file that writes them', async () => {
      const search = await tenantWith('en', [
        { name: 'Four Seasons venue.pdf', text: 'Venue options for the summer party.' },
        { name: 'Venue shortlist.pdf', text: 'Three venues compared.' },
      ]);
      expect(await search('four seasons venue')).toEqual(['Four Seasons venue.pdf', 'Venue shortlist.pdf']);
      expect(await search('four', true)).toEqual([]);
      expect(await search('four')).toEqual(['Four Seasons venue.pdf']);
    });

    it('a German compound amount and a quarter in words', async () => {
      const search = await tenantWith('de', [
        { name: 'Scheck.pdf', text: 'Zahlen Sie zwölftausendvierhundert Euro an die Müller GmbH.' },
        { name: 'Quartalsbericht.pdf', text: 'Der Umsatz im zweiten Quartal stieg.' },
        { name: 'Notiz.pdf', text: 'Euro Kurs notiert.' },
      ]);
      expect((await search('zwölftausendvierhundert euro'))[0]).toBe('Scheck.pdf');
      expect((await search('zwölftausendvierhundert', true))).toEqual([]);
      expect((await search('zweites quartal'))[0]).toBe('Quartalsbericht.pdf');
    });

    it('a spoken version number: "three point two" finds "3.2" and the words', async () => {
      const search = await tenantWith('en', [
        { name: 'Release notes.txt', text: 'Version 3.2 adds dark mode.' },
        { name: 'Old notes.txt', text: 'Version 2.9 fixes the login.' },
      ]);
      expect((await search('version three point two'))[0]).toBe('Release notes.txt');
    });
  });
});
