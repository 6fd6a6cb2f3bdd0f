/** The find tool on fakes: speech for one clear winner, choices, content answers, unscanned and infected files, bad input. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { VersionStatus } from '../../../src/domain/file.ts';
import type { Principal } from '../../../src/domain/principal.ts';
import type { SearchHit, SearchIndex, SearchQuery } from '../../../src/ports/search-index.port.ts';
import { findTool } from '../../../src/tools/find.tool.ts';
import { ToolRunner } from '../../../src/tools/tool-runner.ts';
import type { ToolContext } from '../../../src/tools/tool.ts';
import { InputGate, toolArgumentGate } from '../../../src/transport/input-gate.ts';
import { MemoryCatalogState, MemoryFileCatalog } from '../../support/fakes/memory.catalog.ts';
import { MemoryAuditLog } from '../fakes/memory.audit-log.ts';

const TENANT = '11111111-1111-4111-8111-111111111111';
const NOW = new Date('2025-06-10T12:00:00Z');
const principal = (locale: 'en' | 'de'): Principal => ({
  kind: 'session', tenantId: TENANT, sessionId: randomUUID(), role: 'staff', scopes: ['read'], caller: {}, locale, expiresAt: new Date(Date.now() + 3600_000),
});
const ctx = (locale: 'en' | 'de' = 'en'): ToolContext => ({ principal: principal(locale), requestId: 'r1', now: NOW });

/** An index answering with fixed hits (by name), recording the queries it got. */
class ScriptedIndex implements SearchIndex {
  queries: SearchQuery[] = [];
  hits: Array<Omit<SearchHit, 'versionId'>> = [];
  async upsert() {}
  async remove() {}
  async search(query: SearchQuery): Promise<SearchHit[]> {
    this.queries.push(query);
    return this.hits.map((h) => ({ versionId: randomUUID(), ...h }));
  }
}

function world() {
  const state = new MemoryCatalogState();
  const catalog = new MemoryFileCatalog(state);
  const getFiles = vi.spyOn(catalog, 'getFiles');
  const index = new ScriptedIndex();
  const runner = new ToolRunner([findTool({ search: index, catalog })], { audit: new MemoryAuditLog(), checkArguments: toolArgumentGate(new InputGate()), onFault: vi.fn() });
  const seed = async (name: string, status: VersionStatus = 'ready', metadata: Record<string, unknown> = {}) => {
    const { file, version } = await catalog.recordIntake({
      tenantId: TENANT, name, customerId: null, visibility: 'internal', mimeType: 'application/pdf', extension: 'pdf', kind: 'document',
      blob: { id: randomUUID(), sha256: randomUUID(), size: 2_000_000, storageKey: `k/${name}` },
    });
    state.versions.set(version.id, { ...state.versions.get(version.id)!, status, metadata });
    return file.id;
  };
  const call = (args: Record<string, unknown>, locale: 'en' | 'de' = 'en') => runner.call('find', args, ctx(locale));
  return { index, seed, call, getFiles };
}

describe('find tool', () => {
  it('says one result alone when it wins clearly, with the matched sentence for a question about content; one batched catalog read', async () => {
    const w = world();
    const lease = await w.seed('Lease agreement.pdf');
    const rules = await w.seed('Office rules.pdf');
    w.index.hits = [
      { fileId: lease, score: 9, matchedOn: 'text', matched: 'Either party may end the lease with three months notice.' },
      { fileId: rules, score: 3, matchedOn: 'text' },
    ];
    const result = await w.call({ query: "what's the notice period in the lease" });
    expect(result.speech).toMatch(/^I found the Lease agreement, a PDF from [^.]+\. It says: Either party may end the lease with three months notice\.$/);
    expect(result.data.results).toEqual([expect.objectContaining({ file_id: lease, name: 'Lease agreement.pdf', score: 9, matched_on: 'text', matched: expect.stringContaining('three months') }), expect.objectContaining({ file_id: rules })]);
    expect(w.getFiles).toHaveBeenCalledTimes(1);
    expect(w.index.queries[0]?.text).toBe('notice period lease');
  });

  it("reports a workbook's number of sheets (the extractor's sheetCount; `sheets` holds their names)", async () => {
    const w = world();
    const budget = await w.seed('Budget 2026.xlsx', 'ready', { sheets: ['Plan', 'Actual'], sheetCount: 2 });
    w.index.hits = [{ fileId: budget, score: 5, matchedOn: 'name' }];
    const result = await w.call({ query: 'budget' });
    expect((result.data.results as Array<Record<string, unknown>>)[0]).toMatchObject({ sheets: 2 });
  });

  it('asks the caller to choose between close results, says which are not virus-checked yet, never offers an infected file', async () => {
    const w = world();
    const a = await w.seed('Invoice 5281.pdf');
    const b = await w.seed('Invoice 5218.pdf', 'unscanned');
    const c = await w.seed('Invoice 5821.pdf', 'infected');
    w.index.hits = [{ fileId: a, score: 5, matchedOn: 'name' }, { fileId: c, score: 4.9, matchedOn: 'name' }, { fileId: b, score: 4.5, matchedOn: 'name' }];
    const result = await w.call({ query: 'invoice fifty two eighty one' });
    expect((result.data.results as Array<{ file_id: string }>).map((r) => r.file_id)).toEqual([a, b]);
    expect(result.speech).toContain('Which one?');
    expect(result.speech).toContain('(not virus-checked yet)');
    expect(w.index.queries[0]?.words?.map((word) => word.text)).toEqual(['invoice', '5281']);
  });

  it('answers nothing found with one useful question, in both languages', async () => {
    const w = world();
    expect((await w.call({ query: 'the zebra file' })).speech).toBe("I couldn't find anything called that. Could you tell me who sent it or roughly when?");
    expect((await w.call({ query: 'die zebra datei' }, 'de')).speech).toMatch(/^Dazu habe ich leider nichts gefunden/);
  });

  it('gives bad input a spoken answer, never an internal error', async () => {
    const w = world();
    const cases: Array<Record<string, unknown>> = [
      { query: '' }, { query: '   ' }, { query: 'x'.repeat(10_000) }, { query: 'um uh please' },
      { query: "'; drop table files; --" }, { query: 'kind:audio AND visibility = "public" OR tenant_id != 0' }, { query: 'report\u0000' },
    ];
    for (const args of cases) {
      const result = await w.call(args);
      expect(result.speech.length).toBeGreaterThan(0);
      expect(JSON.stringify(result.data)).not.toMatch(/internal/);
    }
    const fillers = await w.call({ query: 'um uh please' });
    expect(fillers.isError).toBe(true);
    expect(fillers.speech).toBe("Sorry, I didn't quite get that. Could you say it another way?");
  });
});
