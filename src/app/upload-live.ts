import { uploadStateOf, uploadUri, type UploadFileState, type UploadFileStatus, type UploadRequest } from '../domain/upload-request.ts';
import type { BusEvent, EventBus } from '../ports/event-bus.port.ts';
import type { UploadRequestStore } from '../ports/upload-request-store.port.ts';
import { speakUploadUpdate } from '../voice/upload-speech.ts';

/** The bus event the page's completion publishes once a file of a request is recorded. */
export const UPLOAD_RECEIVED_EVENT = 'upload.received';
/** The bus event of a file refused at intake (it never became a file, so no version moves follow). */
export const UPLOAD_REFUSED_EVENT = 'upload.refused';

/** The live calls of this node, as the MCP call registry offers them (src/transport/mcp/call-registry.ts). */
export interface LiveCalls {
  /** The call's live sessions on this node (any transport). */
  sessionsOf(callKey: string): readonly unknown[];
  message(callKey: string, level: 'info' | 'warning', data: unknown, logger?: string): Promise<number>;
  resourceUpdated(callKey: string, uri: string): Promise<number>;
  deliver(callKey: string, notification: { method: string; params?: Record<string, unknown> }): Promise<number>;
}

/** The describe tool's words and data for a ready file (the one-sentence description the call hears). */
export type DescribeReady = (request: UploadRequest, fileId: string, now: Date) => Promise<{ speech: string; file: Record<string, unknown> } | null>;

export interface UploadLiveDeps {
  uploads: UploadRequestStore;
  describeReady: DescribeReady;
  events: EventBus;
  calls: LiveCalls;
  now?: () => Date;
  onError?: (error: unknown) => void;
  /** Called after each update pushed into a local session (benchmarks, tests). */
  onPushed?: (update: UploadUpdate) => void;
}

/** One move of one file, as pushed into the call (`notifications/message` data). */
export interface UploadUpdate {
  type: 'upload.update';
  upload_id: string;
  uri: string;
  file_id: string;
  name: string;
  state: UploadFileState;
  reason?: string;
  speech: string;
  file?: Record<string, unknown>;
}

const RANK: Record<UploadFileState, number> = { pending: 0, received: 1, checking: 2, ready: 3, rejected: 3 };
const MAX_REMEMBERED = 10_000;

/**
 * Tells the call that asked for an upload how each file moves, on whichever node the call's
 * sessions are. Every node listens on the EventBus to the tenants it has live sessions of;
 * a version move (`version.status`, published by the pipeline in the move's transaction) or
 * a completed upload (`upload.received`) is looked up here only when the file's request
 * belongs to a call with a session on this node, so each session hears each move once
 * whichever node moved it. What it hears: `notifications/message` with speech,
 * `notifications/resources/updated` when subscribed, `notifications/progress` when the
 * request-upload call carried a progress token.
 */
export class UploadLiveUpdates {
  private readonly tenants = new Map<string, Promise<() => void>>();
  /** Files known to belong to no upload request (most files): no look-up for their next moves. */
  private readonly notUploads = new Set<string>();
  /** The highest state told per file on this node, so a state is said once and never goes back. */
  private readonly told = new Map<string, number>();
  private readonly now: () => Date;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly deps: UploadLiveDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Listen to the tenant of a call that attached a session here (idempotent). */
  watchCall(callKey: string): void {
    const tenantId = /^t:([0-9a-f-]{36}):/.exec(callKey)?.[1];
    if (!tenantId || this.tenants.has(tenantId)) return;
    const subscription = this.deps.events.subscribe(tenantId, (event) => {
      // One event at a time on this node, so a file's moves are told in order and each once.
      this.chain = this.chain.then(() => this.onEvent(event)).catch((error: unknown) => this.deps.onError?.(error));
    });
    subscription.catch((error: unknown) => {
      this.tenants.delete(tenantId);
      this.deps.onError?.(error);
    });
    this.tenants.set(tenantId, subscription);
  }

  async close(): Promise<void> {
    const subscriptions = [...this.tenants.values()];
    this.tenants.clear();
    for (const unsubscribe of await Promise.allSettled(subscriptions)) if (unsubscribe.status === 'fulfilled') unsubscribe.value();
  }

  /** Handle one bus event (public for tests). */
  async onEvent(event: BusEvent): Promise<void> {
    if (event.type === UPLOAD_REFUSED_EVENT) return this.onRefused(event);
    const fileId = typeof event.data.file_id === 'string' ? event.data.file_id : null;
    if (!fileId) return;
    if (event.type === UPLOAD_RECEIVED_EVENT) {
      this.notUploads.delete(fileId);
      const found = await this.deps.uploads.findByFile(event.tenantId, fileId);
      if (!found || this.deps.calls.sessionsOf(found.request.callKey).length === 0) return;
      await this.tell(found.request, found.file, 'received');
      // Moves that happened before the file was linked to its request are told now.
      const current = uploadStateOf(found.file);
      if (RANK[current] > RANK.received) await this.tell(found.request, found.file, current);
      return;
    }
    if (event.type !== 'version.status' || this.notUploads.has(fileId)) return;
    const found = await this.deps.uploads.findByFile(event.tenantId, fileId);
    if (!found) {
      remember(this.notUploads, fileId);
      return;
    }
    if (this.deps.calls.sessionsOf(found.request.callKey).length === 0) return;
    const state = uploadStateOf(found.file);
    if (state !== 'pending') await this.tell(found.request, found.file, state);
  }

  /** A file intake refused: it never became a file, so this is the only thing the call hears of it. */
  private async onRefused(event: BusEvent): Promise<void> {
    const { upload_id: uploadId, blob_id: blobId } = event.data;
    if (typeof uploadId !== 'string' || typeof blobId !== 'string') return;
    const request = await this.deps.uploads.get(event.tenantId, uploadId);
    if (!request || this.deps.calls.sessionsOf(request.callKey).length === 0) return;
    const file = (await this.deps.uploads.files(event.tenantId, uploadId)).find((f) => f.blobId === blobId);
    if (file) await this.tell(request, file, 'rejected');
  }

  private async tell(request: UploadRequest, file: UploadFileStatus, state: UploadFileState): Promise<void> {
    const key = `${request.id}:${file.blobId}`;
    const before = this.told.get(key) ?? 0;
    if (before >= RANK[state]) return;
    // A move may overtake the page's own "received" (the scan starts as intake commits): say it first, once.
    if (state !== 'received' && file.fileId && before < RANK.received) await this.tell(request, file, 'received');
    this.told.set(key, RANK[state]);
    if (this.told.size > MAX_REMEMBERED) this.told.delete(this.told.keys().next().value as string);
    const update = await this.updateOf(request, file, state);
    const { callKey } = request;
    await this.deps.calls.message(callKey, state === 'rejected' ? 'warning' : 'info', update, 'voicefiles/uploads');
    await this.deps.calls.resourceUpdated(callKey, update.uri);
    if (request.progressToken !== null) {
      const files = await this.deps.uploads.files(request.tenantId, request.id);
      const progress = files.reduce((sum, f) => sum + (f.blobId === file.blobId ? RANK[state] : Math.min(RANK[uploadStateOf(f)], this.told.get(`${request.id}:${f.blobId}`) ?? 0)), 0);
      await this.deps.calls.deliver(callKey, {
        method: 'notifications/progress',
        params: { progressToken: request.progressToken, progress, total: request.maxFiles * RANK.ready, message: update.speech },
      });
    }
    this.deps.onPushed?.(update);
  }

  private async updateOf(request: UploadRequest, file: UploadFileStatus, state: UploadFileState): Promise<UploadUpdate> {
    const reason = file.refusal ?? file.statusReason;
    const described = state === 'ready' && file.fileId ? await this.deps.describeReady(request, file.fileId, this.now()) : null;
    const description = described?.speech;
    const summary = described?.file;
    return {
      type: 'upload.update',
      upload_id: request.id,
      uri: uploadUri(request.id),
      file_id: file.fileId ?? '',
      name: file.name,
      state,
      ...(state === 'rejected' && reason ? { reason: reason.split(':', 1)[0]! } : {}),
      speech: speakUploadUpdate(request.locale, { state, name: file.name, reason, ...(description ? { description } : {}) }),
      ...(summary ? { file: summary } : {}),
    };
  }
}

function remember(set: Set<string>, value: string): void {
  set.add(value);
  if (set.size > MAX_REMEMBERED) set.delete(set.values().next().value as string);
}
