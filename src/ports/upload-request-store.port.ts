import type { UploadFileStatus, UploadRequest, UploadRequestFile } from '../domain/upload-request.ts';

/** A file slot the page asks for: the blob key it may write, and what it said it would send. */
export interface UploadSlot {
  blobId: string;
  name: string;
  declaredSize: number;
  extension: string;
}

/** How intake ended for a slot: the file and version it recorded, or the refusal's error code. */
export type UploadSlotOutcome = { fileId: string; versionId: string } | { refusal: string };

/** Upload requests and their file slots (issue 9). Every method is scoped by tenant id. */
export interface UploadRequestStore {
  /** Record a new request (its code is an access code of kind `upload`, see AccessCodeStore). */
  create(request: UploadRequest): Promise<UploadRequest>;
  /** One request of a tenant, or null. */
  get(tenantId: string, id: string): Promise<UploadRequest | null>;
  /**
   * Hand out a slot, atomically against the request's count limit: null when the request already
   * has `maxFiles` slots that were not refused.
   */
  reserveSlot(tenantId: string, uploadId: string, slot: UploadSlot, maxFiles: number): Promise<UploadRequestFile | null>;
  /**
   * Claim a slot for one completion (true), or release a claim (`release`); false when the slot
   * is already claimed or has ended, or does not exist.
   */
  claimSlot(tenantId: string, uploadId: string, blobId: string, release?: boolean): Promise<boolean>;
  /** Record how a slot ended; null when the slot does not exist or has already ended. */
  completeSlot(tenantId: string, uploadId: string, blobId: string, outcome: UploadSlotOutcome): Promise<UploadRequestFile | null>;
  /** The request's files, oldest first, each with its version's state. */
  files(tenantId: string, uploadId: string): Promise<UploadFileStatus[]>;
  /** The newest requests of one call (at most 20), for `resources/list`. */
  listForCall(tenantId: string, callKey: string): Promise<UploadRequest[]>;
  /** The request a recorded file belongs to and that file's status, or null (most files belong to none). */
  findByFile(tenantId: string, fileId: string): Promise<{ request: UploadRequest; file: UploadFileStatus } | null>;
}
