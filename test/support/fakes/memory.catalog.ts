/**
 * The catalog in memory, for unit tests (DESIGN.md habit 8: fakes, not SDK mocks): a FileCatalog
 * and a ProcessingStore over one shared state, with the ports' semantics (compare-and-set moves
 * that carry their job, audit event and event, all or nothing; per-tenant blob dedup).
 */
import { randomUUID } from 'node:crypto';
import type { VisibilityFilter } from '../../../src/domain/access.ts';
import type { AuditEvent } from '../../../src/domain/audit.ts';
import { DomainError } from '../../../src/domain/errors.ts';
import type { FileDetail, FileRecord, FileVersion, VersionStatus } from '../../../src/domain/file.ts';
import type { Locale } from '../../../src/domain/tenant.ts';
import type { BusEvent } from '../../../src/ports/event-bus.port.ts';
import type { FileCatalog, ListFilesOptions, RecordIntakeInput, RecordIntakeResult } from '../../../src/ports/file-catalog.port.ts';
import type { JobName, JobPayload } from '../../../src/ports/job-queue.port.ts';
import type { CachedVerdict, ProcessingStore, VersionMove, VersionRef, VersionWork } from '../../../src/ports/processing-store.port.ts';

interface StoredBlob {
  id: string;
  tenantId: string;
  sha256: string;
  storageKey: string;
  refCount: number;
  quarantined: string | null;
}

/** Everything both fakes read and write; tests inspect it directly. */
export class MemoryCatalogState {
  readonly files = new Map<string, FileRecord>();
  readonly versions = new Map<string, FileVersion & { text: string | null }>();
  readonly blobs = new Map<string, StoredBlob>();
  readonly audit: AuditEvent[] = [];
  readonly jobs: Array<{ name: JobName; payload: JobPayload }> = [];
  readonly events: BusEvent[] = [];
  readonly scans = new Map<string, CachedVerdict>();
  readonly locales = new Map<string, Locale>();
  /** When set, the next write (recordIntake or a move) throws this instead of committing anything. */
  failNextWrite: Error | null = null;

  takeFailure(): void {
    const failure = this.failNextWrite;
    this.failNextWrite = null;
    if (failure) throw failure;
  }
}

const clone = <T>(value: T): T => structuredClone(value);

export class MemoryFileCatalog implements FileCatalog {
  constructor(readonly state: MemoryCatalogState = new MemoryCatalogState()) {}

  async recordIntake(input: RecordIntakeInput): Promise<RecordIntakeResult> {
    this.state.takeFailure();
    const now = new Date();
    const existing = input.fileId ? this.state.files.get(input.fileId) : undefined;
    if (input.fileId && (!existing || existing.tenantId !== input.tenantId)) throw new DomainError('file_not_found');
    const file: FileRecord = existing
      ? { ...existing, name: input.name, currentVersion: existing.currentVersion + 1, updatedAt: now }
      : { id: randomUUID(), tenantId: input.tenantId, name: input.name, title: null, customerId: input.customerId, visibility: input.visibility, currentVersion: 1, createdAt: now, updatedAt: now };
    const same = [...this.state.blobs.values()].find((b) => b.tenantId === input.tenantId && b.sha256 === input.blob.sha256);
    const blob = same ?? { id: input.blob.id, tenantId: input.tenantId, sha256: input.blob.sha256, storageKey: input.blob.storageKey, refCount: 0, quarantined: null };
    const version: FileVersion = {
      id: randomUUID(), tenantId: input.tenantId, fileId: file.id, version: file.currentVersion, blobId: blob.id, sha256: input.blob.sha256, size: input.blob.size,
      mimeType: input.mimeType, extension: input.extension, kind: input.kind, status: 'stored', statusReason: null, createdAt: now, metadata: {},
    };
    const result: RecordIntakeResult = { file: clone(file), version: clone(version), deduplicated: same !== undefined };
    const audit = input.audit?.(result);
    // Commit: all of it at once.
    blob.refCount++;
    this.state.blobs.set(blob.id, blob);
    this.state.files.set(file.id, file);
    this.state.versions.set(version.id, { ...version, text: null });
    if (input.firstJob) this.state.jobs.push({ name: input.firstJob, payload: { tenantId: input.tenantId, versionId: version.id } });
    if (audit) this.state.audit.push(audit);
    return result;
  }

  async getFile(filter: VisibilityFilter, fileId: string): Promise<FileDetail | null> {
    const file = this.state.files.get(fileId);
    if (!file || file.tenantId !== filter.tenantId || !visible(file, filter)) return null;
    const versions = [...this.state.versions.values()].filter((v) => v.fileId === file.id);
    const current = versions.find((v) => v.version === file.currentVersion);
    return current ? { file: clone(file), current: withoutText(current), versionCount: versions.length } : null;
  }

  async getFiles(filter: VisibilityFilter, fileIds: readonly string[]): Promise<FileDetail[]> {
    const found: FileDetail[] = [];
    for (const id of new Set(fileIds)) {
      const detail = await this.getFile(filter, id);
      if (detail) found.push(detail);
    }
    return found;
  }

  async listFiles(tenantId: string, options: ListFilesOptions): Promise<{ files: FileDetail[]; nextCursor: string | null }> {
    const details: FileDetail[] = [];
    for (const file of this.state.files.values()) {
      const detail = file.tenantId === tenantId ? await this.getFile({ ...options.visibility, tenantId }, file.id) : null;
      if (detail) details.push(detail);
    }
    return { files: details.slice(0, options.limit), nextCursor: null };
  }

  async listVersions(tenantId: string, fileId: string): Promise<FileVersion[]> {
    return [...this.state.versions.values()].filter((v) => v.tenantId === tenantId && v.fileId === fileId).sort((a, b) => a.version - b.version).map(withoutText);
  }

  async getVersion(tenantId: string, versionId: string): Promise<FileVersion | null> {
    const version = this.state.versions.get(versionId);
    return version && version.tenantId === tenantId ? withoutText(version) : null;
  }
}

export class MemoryProcessingStore implements ProcessingStore {
  constructor(readonly state: MemoryCatalogState) {}

  async loadVersion(tenantId: string, versionId: string): Promise<VersionWork | null> {
    const version = this.state.versions.get(versionId);
    if (!version || version.tenantId !== tenantId) return null;
    const file = this.state.files.get(version.fileId)!;
    const blob = this.state.blobs.get(version.blobId)!;
    return { file: clone(file), version: withoutText(version), storageKey: blob.storageKey, quarantined: blob.quarantined !== null, locale: this.state.locales.get(tenantId) ?? 'en' };
  }

  async moveVersion(move: VersionMove): Promise<FileVersion | null> {
    const version = this.state.versions.get(move.versionId);
    if (!version || version.tenantId !== move.tenantId || !move.from.includes(version.status)) return null;
    this.state.takeFailure();
    version.status = move.to;
    if (move.reason !== undefined) version.statusReason = move.reason;
    version.metadata = { ...version.metadata, ...clone(move.metadata ?? {}) };
    if (move.text !== undefined) version.text = move.text.replace(/\u0000/g, '');
    if (move.quarantine) {
      const blob = this.state.blobs.get(move.quarantine.blobId);
      if (blob) blob.quarantined ??= move.quarantine.reason;
    }
    this.state.audit.push(clone(move.audit));
    if (move.nextJob) this.state.jobs.push({ name: move.nextJob, payload: { tenantId: move.tenantId, versionId: move.versionId } });
    this.state.events.push(clone(move.event));
    return withoutText(version);
  }

  async extractedText(tenantId: string, versionId: string, maxChars?: number): Promise<string> {
    const version = this.state.versions.get(versionId);
    const text = version && version.tenantId === tenantId ? (version.text ?? '') : '';
    return maxChars === undefined ? text : text.slice(0, maxChars);
  }

  async cachedScan(tenantId: string, sha256: string, signatureVersion: string): Promise<CachedVerdict | null> {
    return this.state.scans.get(`${tenantId}:${sha256}:${signatureVersion}`) ?? null;
  }

  async rememberScan(tenantId: string, sha256: string, signatureVersion: string, verdict: CachedVerdict): Promise<void> {
    this.state.scans.set(`${tenantId}:${sha256}:${signatureVersion}`, verdict);
  }

  async listInStates(states: readonly VersionStatus[], limit: number): Promise<VersionRef[]> {
    return [...this.state.versions.values()]
      .filter((v) => states.includes(v.status))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .slice(0, limit)
      .map((v) => ({ tenantId: v.tenantId, versionId: v.id, status: v.status }));
  }
}

function visible(file: FileRecord, filter: VisibilityFilter): boolean {
  if (filter.customerScope === null) return true;
  return file.visibility === 'public' || (file.visibility === 'customer' && filter.customerScope.customerId !== null && file.customerId === filter.customerScope.customerId);
}

function withoutText(version: FileVersion & { text?: string | null }): FileVersion {
  const { text: _text, ...rest } = version;
  return clone(rest);
}
