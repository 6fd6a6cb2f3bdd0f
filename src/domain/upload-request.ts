import type { FileKind, VersionStatus } from './file.ts';
import { ACCEPTED_TYPES } from './file-types.ts';
import type { Locale } from './tenant.ts';

/**
 * A live call's request for files (issue 9): the person on the call uploads them on the /u page
 * with a spoken code, and the call hears as each file moves. Bound to its tenant, the call that
 * asked (`callKey`, docs/call-state.md) and the session; its limits hold on the server.
 */
export interface UploadRequest {
  id: string;
  tenantId: string;
  callKey: string;
  sessionId: string;
  /** Who asked (`session:<id>` or `agent_key:<id>`), for the audit trail of the page's uploads. */
  actor: string;
  /** What is asked for, in the caller's words ("the signed contract"); shown on the page. */
  purpose: string;
  maxFiles: number;
  /** Upper bound per file, in bytes (never above the kind's own limit). */
  maxBytes: number;
  /** Accepted extensions; empty means every accepted type. */
  types: string[];
  locale: Locale;
  /** The MCP progress token the request-upload call carried, for `notifications/progress`. */
  progressToken: string | number | null;
  createdAt: Date;
  deadline: Date;
  closedAt: Date | null;
}

/** Where one file of a request is, as the call hears it. */
export const UPLOAD_FILE_STATES = ['pending', 'received', 'checking', 'ready', 'rejected'] as const;
export type UploadFileState = (typeof UPLOAD_FILE_STATES)[number];

/** One file slot of a request: handed out to the page, then completed into a file and version. */
export interface UploadRequestFile {
  uploadId: string;
  blobId: string;
  name: string;
  declaredSize: number;
  extension: string;
  fileId: string | null;
  versionId: string | null;
  /** Why intake refused the bytes (an error code), if it did. */
  refusal: string | null;
  createdAt: Date;
  completedAt: Date | null;
}

/** A request file with its version's state, as status reads see it. */
export interface UploadFileStatus extends UploadRequestFile {
  versionStatus: VersionStatus | null;
  statusReason: string | null;
}

/** The defaults and bounds of a request; `max_bytes` is further capped by each kind's intake limit. */
export const UPLOAD_REQUEST_LIMITS = {
  maxFiles: 10,
  defaultMaxFiles: 3,
  /** Default deadline from now. */
  defaultDeadlineMinutes: 60,
  /** The longest a request may stay open. */
  maxDeadlineDays: 7,
} as const;

/** Words a request may use for types: kinds stand for all their extensions. */
export const TYPE_WORDS: Readonly<Record<string, FileKind>> = { document: 'document', spreadsheet: 'spreadsheet', text: 'text', audio: 'audio', image: 'image' };

/** The extensions a list of type words and extensions stands for; unknown words are returned in `unknown`. */
export function resolveTypes(words: readonly string[]): { extensions: string[]; unknown: string[] } {
  const extensions = new Set<string>();
  const unknown: string[] = [];
  for (const raw of words) {
    const word = raw.toLowerCase().replace(/^\./, '');
    const kind = TYPE_WORDS[word];
    if (kind) {
      for (const [extension, type] of Object.entries(ACCEPTED_TYPES)) if (type.kind === kind) extensions.add(extension);
    } else if (ACCEPTED_TYPES[word]) extensions.add(word);
    else unknown.push(raw);
  }
  return { extensions: [...extensions].sort(), unknown };
}

/** How a version state sounds to the call: received (stored), checking (in the pipeline), ready or rejected. */
export function uploadStateOf(file: Pick<UploadFileStatus, 'versionStatus' | 'refusal' | 'fileId'>): UploadFileState {
  if (file.refusal) return 'rejected';
  if (!file.fileId || !file.versionStatus) return 'pending';
  switch (file.versionStatus) {
    case 'stored':
      return 'received';
    case 'scanning':
    case 'extracting':
    case 'indexing':
      return 'checking';
    case 'ready':
    case 'unscanned':
      return 'ready';
    default:
      return 'rejected';
  }
}

/** The MCP resource a request is: sessions subscribe to it (`resources/subscribe`). */
export const UPLOAD_URI_PREFIX = 'voicefiles://uploads/';

export function uploadUri(uploadId: string): string {
  return `${UPLOAD_URI_PREFIX}${uploadId}`;
}

/** The request id in an upload URI, or null. */
export function uploadIdOfUri(uri: string): string | null {
  if (!uri.startsWith(UPLOAD_URI_PREFIX)) return null;
  const id = uri.slice(UPLOAD_URI_PREFIX.length).toLowerCase();
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id) ? id : null;
}

/** True while files may still be added (not closed, before the deadline). */
export function isOpen(request: Pick<UploadRequest, 'closedAt' | 'deadline'>, now: Date): boolean {
  return request.closedAt === null && request.deadline.getTime() > now.getTime();
}
