/**
 * Small in-memory stand-ins for unit tests: audit log, search index, job queue, transcriber.
 * Each keeps what it was given, for the test to read.
 */
import type { AuditEvent, StoredAuditEvent } from '../../../src/domain/audit.ts';
import type { AuditLog } from '../../../src/ports/audit-log.port.ts';
import type { JobName, JobOutcome, JobPayload, JobQueue } from '../../../src/ports/job-queue.port.ts';
import type { SearchDocument, SearchHit, SearchIndex, SearchQuery } from '../../../src/ports/search-index.port.ts';
import type { Transcriber, Transcript } from '../../../src/ports/transcriber.port.ts';

export class MemoryAuditLog implements AuditLog {
  constructor(readonly events: AuditEvent[] = []) {}

  async append(event: AuditEvent): Promise<void> {
    this.events.push(structuredClone(event));
  }

  async list(tenantId: string): Promise<StoredAuditEvent[]> {
    return this.events.filter((e) => e.tenantId === tenantId).map((e, i) => ({ ...e, id: String(i), at: new Date() })).reverse();
  }
}

export class MemorySearchIndex implements SearchIndex {
  readonly documents = new Map<string, SearchDocument>();
  /** When set, the next upsert throws it. */
  failNextUpsert: Error | null = null;

  async upsert(doc: SearchDocument): Promise<void> {
    const failure = this.failNextUpsert;
    this.failNextUpsert = null;
    if (failure) throw failure;
    this.documents.set(`${doc.tenantId}:${doc.fileId}`, structuredClone(doc));
  }

  async remove(tenantId: string, fileId: string): Promise<void> {
    this.documents.delete(`${tenantId}:${fileId}`);
  }

  async search(query: SearchQuery): Promise<SearchHit[]> {
    const words = query.text.toLowerCase().split(/\s+/).filter(Boolean);
    return [...this.documents.values()]
      .filter((d) => d.tenantId === query.visibility.tenantId && words.every((w) => `${d.name} ${d.text}`.toLowerCase().includes(w)))
      .slice(0, query.limit)
      .map((d) => ({ fileId: d.fileId, versionId: d.versionId, score: 1, matchedOn: 'name' }));
  }
}

/** Records sends; runs nothing by itself (unit tests call the handlers directly). */
export class MemoryJobQueue implements JobQueue {
  readonly sent: Array<{ name: JobName; payload: JobPayload }> = [];
  readonly retriedNow: JobName[] = [];
  readonly handlers = new Map<JobName, (payload: JobPayload) => Promise<JobOutcome>>();

  async send(name: JobName, payload: JobPayload): Promise<void> {
    if (!this.sent.some((s) => s.name === name && s.payload.versionId === payload.versionId)) this.sent.push({ name, payload });
  }

  async retryNow(name: JobName): Promise<number> {
    this.retriedNow.push(name);
    return 0;
  }

  async work(name: JobName, _options: { concurrency: number }, handler: (payload: JobPayload) => Promise<JobOutcome>): Promise<void> {
    this.handlers.set(name, handler);
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}
}

/** Says the recording's "transcript" is its content; `failure` makes it throw instead. */
export class FakeTranscriber implements Transcriber {
  readonly name = 'fake-transcriber';
  failure: (Error & { retryable?: boolean; reason?: string }) | null = null;

  constructor(private readonly read: (storageKey: string) => Promise<string>) {}

  async transcribe(input: { storageKey: string; locale: string }): Promise<Transcript> {
    if (this.failure) throw this.failure;
    return { text: await this.read(input.storageKey), language: input.locale, durationSeconds: 12 };
  }
}
