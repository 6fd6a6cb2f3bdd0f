import type { FileRecord, FileVersion } from '../domain/file.ts';
import type { SearchIndex } from '../ports/search-index.port.ts';

/** Put a file's current version into the search index. */
export async function indexFileVersion(search: SearchIndex, file: FileRecord, version: FileVersion, text = ''): Promise<void> {
  await search.upsert({
    tenantId: file.tenantId,
    fileId: file.id,
    versionId: version.id,
    name: file.name,
    title: file.title,
    kind: version.kind,
    mimeType: version.mimeType,
    customerId: file.customerId,
    visibility: file.visibility,
    createdAt: file.createdAt,
    text,
    tags: file.tags ?? [],
    category: file.category ?? null,
  });
}
