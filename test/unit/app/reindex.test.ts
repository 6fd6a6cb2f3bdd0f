import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rebuildIfNeeded, reindexTenant } from '../../../src/app/reindex.use-case.ts';
import { MemoryCatalogState, MemoryFileCatalog, MemoryProcessingStore } from '../../support/fakes/memory.catalog.ts';
import { MemorySearchIndex } from '../../support/fakes/memory.services.ts';

/** An index that can tell it needs a rebuild, and counts clears. */
class RebuildableIndex extends MemorySearchIndex {
  needed = true;
  cleared: string[] = [];
  async needsRebuild() { return this.needed; }
  async markRebuilt() { this.needed = false; }
  async clear(tenantId: string) {
    this.cleared.push(tenantId);
    for (const key of [...this.documents.keys()]) if (key.startsWith(`${tenantId}:`)) this.documents.delete(key);
  }
}

async function seed(state: MemoryCatalogState, tenantId: string, names: string[], status: 'ready' | 'scanning' = 'ready') {
  const catalog = new MemoryFileCatalog(state);
  for (const name of names) {
    const { version } = await catalog.recordIntake({
      tenantId, name, customerId: null, visibility: 'internal', mimeType: 'text/plain', extension: 'txt', kind: 'text',
      blob: { id: randomUUID(), sha256: randomUUID(), size: 5, storageKey: `k/${name}` },
    });
    const stored = state.versions.get(version.id)!;
    state.versions.set(version.id, { ...stored, status, text: `text of ${name}` });
  }
}

describe('reindex', () => {
  it('indexes the current ready version of every file with its text, and reports progress', async () => {
    const state = new MemoryCatalogState();
    const tenant = { id: randomUUID(), slug: 'acme', locale: 'en' as const };
    await seed(state, tenant.id, ['a.txt', 'b.txt']);
    await seed(state, tenant.id, ['still-scanning.txt'], 'scanning');
    const search = new RebuildableIndex();
    const progress: number[] = [];
    const deps = { search, catalog: new MemoryFileCatalog(state), texts: new MemoryProcessingStore(state) };
    expect(await reindexTenant(deps, tenant, { onProgress: (p) => progress.push(p.indexed) })).toBe(2);
    expect([...search.documents.values()].map((d) => [d.name, d.text, d.version, d.language]).sort()).toEqual([
      ['a.txt', 'text of a.txt', 1, 'en'], ['b.txt', 'text of b.txt', 1, 'en'],
    ]);
    expect(search.cleared).toEqual([tenant.id]);
    expect(progress.at(-1)).toBe(2);
  });

  it('rebuilds every tenant at start only when the index needs it, without clearing', async () => {
    const state = new MemoryCatalogState();
    const tenants = [{ id: randomUUID(), slug: 'a', locale: 'en' as const }, { id: randomUUID(), slug: 'b', locale: 'de' as const }];
    await seed(state, tenants[0]!.id, ['one.txt']);
    await seed(state, tenants[1]!.id, ['zwei.txt', 'drei.txt']);
    const search = new RebuildableIndex();
    const deps = { search, catalog: new MemoryFileCatalog(state), texts: new MemoryProcessingStore(state), tenants: async () => tenants };
    expect(await rebuildIfNeeded(deps)).toBe(3);
    expect(search.cleared).toEqual([]);
    expect(await rebuildIfNeeded(deps)).toBeNull();
    expect(await rebuildIfNeeded({ ...deps, search: new MemorySearchIndex() })).toBeNull();
  });
});
