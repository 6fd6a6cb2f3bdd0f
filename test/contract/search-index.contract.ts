/** The SearchIndex contract: every adapter (Postgres, Meilisearch, ...) passes it. */
import { expect, it } from 'vitest';
import type { VisibilityFilter } from '../../src/domain/access.ts';
import type { FileKind, Visibility } from '../../src/domain/file.ts';
import type { SearchDocument, SearchIndex, SearchQuery } from '../../src/ports/search-index.port.ts';

export interface SearchIndexFixture {
  index: SearchIndex;
  /** A new, empty tenant; resolves to its id. */
  newTenant(): Promise<string>;
  /** A file (and its version) the index may refer to, in that tenant. */
  newFile(tenantId: string): Promise<{ fileId: string; versionId: string }>;
  /** Wait until writes are searchable (for adapters that index asynchronously). */
  settle?(): Promise<void>;
}

interface DocSpec {
  name: string;
  title?: string | null;
  kind?: FileKind;
  visibility?: Visibility;
  customerId?: string | null;
  text?: string;
  createdAt?: Date;
  tags?: string[];
  category?: string | null;
  dates?: Date[];
  language?: 'en' | 'de';
}

const all = (tenantId: string): VisibilityFilter => ({ tenantId, customerScope: null });

/** Register the contract's tests in the current describe block. */
export function searchIndexContract(fixture: () => SearchIndexFixture): void {
  /** Index `specs` in a new tenant; resolves to the tenant and the file id of each spec, by name. */
  async function seed(specs: DocSpec[], tenantId?: string) {
    const f = fixture();
    const tenant = tenantId ?? (await f.newTenant());
    const ids = new Map<string, string>();
    for (const [i, spec] of specs.entries()) {
      const { fileId, versionId } = await f.newFile(tenant);
      const doc: SearchDocument = {
        tenantId: tenant, fileId, versionId, name: spec.name, title: spec.title ?? null, kind: spec.kind ?? 'document',
        mimeType: 'application/pdf', customerId: spec.customerId ?? null, visibility: spec.visibility ?? 'internal',
        createdAt: spec.createdAt ?? new Date(Date.UTC(2025, 4, 1 + i)), text: spec.text ?? '', version: 1,
        ...(spec.tags ? { tags: spec.tags } : {}), ...(spec.category !== undefined ? { category: spec.category } : {}),
        ...(spec.dates ? { dates: spec.dates } : {}), ...(spec.language ? { language: spec.language } : {}),
      };
      await f.index.upsert(doc);
      ids.set(spec.name, fileId);
    }
    await f.settle?.();
    return { tenant, ids, index: f.index, id: (name: string) => ids.get(name) ?? `missing ${name}` };
  }

  const search = (index: SearchIndex, query: Partial<SearchQuery> & Pick<SearchQuery, 'text' | 'visibility'>) => index.search({ limit: 10, ...query });

  const library: DocSpec[] = [
    { name: 'Financial Report Q2.pdf', text: 'Revenue grew in the second quarter.' },
    { name: 'Sales Pipeline Q2.xlsx', kind: 'spreadsheet', text: 'Leads and opportunities.' },
    { name: 'Vertrag Müller GmbH.pdf', title: 'Rahmenvertrag' },
    { name: 'scan_0042.pdf', title: 'Insurance claim for the flood damage' },
    { name: 'Team meeting 2025-05-14.m4a', kind: 'audio', text: 'We agreed on the roadmap for the onboarding project.' },
  ];

  it('finds a file by part of its name, best match first', async () => {
    const { index, tenant, id } = await seed(library);
    const hits = await search(index, { text: 'financial report', visibility: all(tenant) });
    expect(hits[0]).toMatchObject({ fileId: id('Financial Report Q2.pdf'), matchedOn: 'name' });
    expect(hits[0]?.versionId).toMatch(/^[0-9a-f-]{36}$/);
    const sales = await search(index, { text: 'pipeline', visibility: all(tenant) });
    expect(sales.map((h) => h.fileId)).toEqual([id('Sales Pipeline Q2.xlsx')]);
  });

  it('finds a file by its title', async () => {
    const { index, tenant, id } = await seed(library);
    const hits = await search(index, { text: 'insurance claim', visibility: all(tenant) });
    expect(hits[0]).toMatchObject({ fileId: id('scan_0042.pdf'), matchedOn: 'title' });
  });

  it('tolerates a misspelt word ("finacial report") and missing accents ("muller")', async () => {
    const { index, tenant, id } = await seed(library);
    const typo = await search(index, { text: 'finacial report', visibility: all(tenant) });
    expect(typo[0]?.fileId).toBe(id('Financial Report Q2.pdf'));
    const accent = await search(index, { text: 'vertrag muller', visibility: all(tenant) });
    expect(accent[0]?.fileId).toBe(id('Vertrag Müller GmbH.pdf'));
  });

  it('matches German spellings of umlauts ("mueller" finds "Müller", "schaefer" finds "Schäfer")', async () => {
    const { index, tenant, id } = await seed([...library, { name: 'Angebot Schäfer.docx' }]);
    expect((await search(index, { text: 'mueller', visibility: all(tenant) }))[0]?.fileId).toBe(id('Vertrag Müller GmbH.pdf'));
    expect((await search(index, { text: 'angebot schaefer', visibility: all(tenant) }))[0]?.fileId).toBe(id('Angebot Schäfer.docx'));
  });

  it('finds a file by words of its extracted text', async () => {
    const { index, tenant, id } = await seed(library);
    const hits = await search(index, { text: 'onboarding roadmap', visibility: all(tenant) });
    expect(hits.map((h) => h.fileId)).toEqual([id('Team meeting 2025-05-14.m4a')]);
    expect(hits[0]?.matchedOn).toBe('text');
  });

  it('takes any extracted text: control characters, NUL and very long bodies', async () => {
    const body = `Kickoff agenda\u0000\u0007 with budget ${'lorem ipsum '.repeat(20_000)}`;
    const { index, tenant, id } = await seed([{ name: 'scan.pdf', text: body }]);
    expect((await search(index, { text: 'kickoff agenda', visibility: all(tenant) })).map((h) => h.fileId)).toEqual([id('scan.pdf')]);
  });

  it('returns nothing for words that are nowhere', async () => {
    const { index, tenant } = await seed(library);
    expect(await search(index, { text: 'zebra xylophone', visibility: all(tenant) })).toEqual([]);
  });

  it('returns only what the visibility filter allows', async () => {
    const { index, tenant, id } = await seed([
      { name: 'Offer internal.pdf', visibility: 'internal' },
      { name: 'Offer for c1.pdf', visibility: 'customer', customerId: 'c1' },
      { name: 'Offer for c2.pdf', visibility: 'customer', customerId: 'c2' },
      { name: 'Offer public.pdf', visibility: 'public' },
    ]);
    const found = async (visibility: VisibilityFilter) => (await search(index, { text: 'offer', visibility })).map((h) => h.fileId).sort();
    expect(await found(all(tenant))).toHaveLength(4);
    expect(await found({ tenantId: tenant, customerScope: { customerId: 'c1' } })).toEqual([id('Offer for c1.pdf'), id('Offer public.pdf')].sort());
    expect(await found({ tenantId: tenant, customerScope: { customerId: null } })).toEqual([id('Offer public.pdf')]);
  });

  it('restricts to the requested kinds, and lists the newest of a kind for a query without words', async () => {
    const { index, tenant, id } = await seed(library);
    const q2 = await search(index, { text: 'q2', visibility: all(tenant), kinds: ['spreadsheet'] });
    expect(q2.map((h) => h.fileId)).toEqual([id('Sales Pipeline Q2.xlsx')]);
    const audio = await search(index, { text: '', visibility: all(tenant), kinds: ['audio', 'spreadsheet'] });
    expect(audio.map((h) => h.fileId)).toEqual([id('Team meeting 2025-05-14.m4a'), id('Sales Pipeline Q2.xlsx')]);
  });

  it('never returns another tenant’s documents, even with identical names', async () => {
    const twins: DocSpec[] = [{ name: 'Board minutes March.pdf', visibility: 'public', text: 'confidential merger plans' }];
    const a = await seed(twins);
    const b = await seed(twins);
    for (const text of ['board minutes', 'bord minuts', 'merger', '']) {
      for (const [mine, theirs] of [[a, b], [b, a]] as const) {
        const hits = await search(mine.index, { text, visibility: all(mine.tenant), kinds: ['document'] });
        expect(hits.map((h) => h.fileId)).toEqual([mine.id('Board minutes March.pdf')]);
        expect(hits.map((h) => h.fileId)).not.toContain(theirs.id('Board minutes March.pdf'));
      }
    }
  });

  it('replaces a document on upsert and forgets it on remove', async () => {
    const { index, tenant, id } = await seed(library);
    const f = fixture();
    const fileId = id('Financial Report Q2.pdf');
    const [hit] = await search(index, { text: 'financial report', visibility: all(tenant) });
    const versionId = hit?.versionId ?? 'missing';
    await index.upsert({
      tenantId: tenant, fileId, versionId, name: 'Annual Budget 2026.xlsx', title: null, kind: 'spreadsheet',
      mimeType: 'text/csv', customerId: null, visibility: 'internal', createdAt: new Date(), text: '', version: 2,
    });
    await f.settle?.();
    expect((await search(index, { text: 'financial report', visibility: all(tenant) })).map((h) => h.fileId)).not.toContain(fileId);
    expect((await search(index, { text: 'annual budget', visibility: all(tenant) }))[0]?.fileId).toBe(fileId);

    await index.remove(tenant, fileId);
    await index.remove(tenant, fileId);
    await f.settle?.();
    expect(await search(index, { text: 'annual budget', visibility: all(tenant) })).toEqual([]);
  });

  it('never returns more than the limit, scores best first', async () => {
    const specs = Array.from({ length: 8 }, (_, i) => ({ name: `Invoice ${1000 + i}.pdf` }));
    const { index, tenant } = await seed([...specs, { name: 'Invoice.pdf' }]);
    const hits = await search(index, { text: 'invoice', visibility: all(tenant), limit: 3 });
    expect(hits).toHaveLength(3);
    const scores = hits.map((h) => h.score);
    expect([...scores].sort((x, y) => y - x)).toEqual(scores);
  });

  it('ranks: any word may match, the exact number beats a near one, a rare word beats a common one', async () => {
    const { index, tenant, id } = await seed([
      { name: 'Invoice 5218.pdf' }, { name: 'Invoice 5281.pdf' }, { name: 'Invoice 5821.pdf' },
      { name: 'Contract Acme Corp.pdf' }, { name: 'Contract Globex.pdf' }, { name: 'Contract Initech.pdf' }, { name: 'Contract Umbrella.pdf' },
      { name: 'Supplier overview.docx', text: 'Nordwind delivers on fridays. Other suppliers deliver on mondays.' },
    ]);
    expect((await search(index, { text: 'invoice 5281', visibility: all(tenant) }))[0]?.fileId).toBe(id('Invoice 5281.pdf'));
    expect((await search(index, { text: 'globex contract', visibility: all(tenant) }))[0]?.fileId).toBe(id('Contract Globex.pdf'));
    // Not every word occurs in the file: "which" and "supplier" are missing from the text, "fridays" is there.
    expect((await search(index, { text: 'supplier delivers fridays', visibility: all(tenant) }))[0]?.fileId).toBe(id('Supplier overview.docx'));
  });

  it('finds a fact deep in a long text and quotes the sentence that matched', async () => {
    const filler = Array.from({ length: 400 }, (_, i) => `Clause ${i} covers general obligations of the parties in detail.`).join(' ');
    const { index, tenant, id } = await seed([
      { name: 'Lease agreement.pdf', text: `${filler} Either party may end the lease with three months notice. ${filler}` },
      { name: 'Office rules.pdf', text: 'Keep the kitchen clean.' },
    ]);
    const [hit] = await search(index, { text: 'notice period lease', visibility: all(tenant) });
    expect(hit?.fileId).toBe(id('Lease agreement.pdf'));
    expect(hit?.matched).toMatch(/three months notice/);
  });

  it('filters by customer, tags, category and dates, and boosts by dates', async () => {
    const { index, tenant, id } = await seed([
      { name: 'Offer A.pdf', visibility: 'customer', customerId: 'c1', tags: ['urgent'], category: 'offer', createdAt: new Date(Date.UTC(2025, 5, 3)) },
      { name: 'Offer B.pdf', visibility: 'customer', customerId: 'c2', category: 'offer', createdAt: new Date(Date.UTC(2025, 0, 10)) },
      { name: 'Offer C.pdf', tags: ['urgent'], createdAt: new Date(Date.UTC(2024, 0, 10)), dates: [new Date(Date.UTC(2025, 5, 20))] },
    ]);
    const ids = async (q: Partial<SearchQuery>) => (await search(index, { text: 'offer', visibility: all(tenant), ...q })).map((h) => h.fileId).sort();
    expect(await ids({ customerId: 'c1' })).toEqual([id('Offer A.pdf')]);
    expect(await ids({ tags: ['urgent'] })).toEqual([id('Offer A.pdf'), id('Offer C.pdf')].sort());
    expect(await ids({ category: 'offer' })).toEqual([id('Offer A.pdf'), id('Offer B.pdf')].sort());
    const june = { from: new Date(Date.UTC(2025, 5, 1)), to: new Date(Date.UTC(2025, 5, 30)) };
    expect(await ids({ dates: { ...june, mode: 'filter' } })).toEqual([id('Offer A.pdf'), id('Offer C.pdf')].sort());
    expect(await ids({ text: '', dates: { ...june, mode: 'filter' } })).toEqual([id('Offer A.pdf'), id('Offer C.pdf')].sort());
    const boosted = await search(index, { text: 'offer', visibility: all(tenant), dates: { from: new Date(Date.UTC(2025, 0, 1)), to: new Date(Date.UTC(2025, 0, 31)), mode: 'boost' } });
    expect(boosted[0]?.fileId).toBe(id('Offer B.pdf'));
    expect(boosted).toHaveLength(3);
  });

  it('never lets an older version replace a newer one', async () => {
    const { index, tenant, id } = await seed([{ name: 'Budget plan.xlsx' }]);
    const f = fixture();
    const fileId = id('Budget plan.xlsx');
    const [hit] = await search(index, { text: 'budget plan', visibility: all(tenant) });
    const base: SearchDocument = {
      tenantId: tenant, fileId, versionId: hit?.versionId ?? 'missing', name: 'Budget plan v3.xlsx', title: null, kind: 'spreadsheet',
      mimeType: 'text/csv', customerId: null, visibility: 'internal', createdAt: new Date(), text: 'gamma', version: 3,
    };
    await index.upsert(base);
    await index.upsert({ ...base, name: 'Budget plan v2.xlsx', text: 'beta', version: 2 });
    await f.settle?.();
    expect(await search(index, { text: 'beta', visibility: all(tenant) })).toEqual([]);
    expect((await search(index, { text: 'gamma', visibility: all(tenant) }))[0]?.fileId).toBe(fileId);
  });

  it('takes query text with SQL and filter syntax as words', async () => {
    const { index, tenant } = await seed(library);
    for (const text of ["'; drop table files; --", 'tenant_id = "x" OR 1=1', 'kind:audio AND visibility = public', '%_\\*:&|!()<>']) {
      await expect(search(index, { text, visibility: all(tenant) })).resolves.toBeInstanceOf(Array);
    }
  });
}
