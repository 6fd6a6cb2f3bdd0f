/**
 * A spoken access code as the service keeps it: never the code itself, only its
 * keyed hash, with what it opens and the limits of its life (VOICE.md, "Spoken
 * access codes"). A download code opens one file (a share); an upload code opens
 * one upload request.
 */
export const ACCESS_CODE_KINDS = ['download', 'upload'] as const;
export type AccessCodeKind = (typeof ACCESS_CODE_KINDS)[number];

export interface AccessCodeRecord {
  id: string;
  tenantId: string;
  kind: AccessCodeKind;
  /** What the code opens: the file id (download) or the upload request id (upload). */
  subjectId: string;
  /** Who issued it (audit actor form: `session:<id>`, `key:<id>`). */
  issuedBy: string;
  createdAt: Date;
  expiresAt: Date;
  /** Redemptions allowed in all. */
  useLimit: number;
  uses: number;
  /** Redemption attempts that may name the code before it locks. */
  attemptLimit: number;
  attempts: number;
  revokedAt: Date | null;
}

/** Why a code opens nothing, or that it does. */
export type AccessCodeState = 'live' | 'expired' | 'used_up' | 'locked' | 'revoked';

export function accessCodeState(code: AccessCodeRecord, now: Date): AccessCodeState {
  if (code.revokedAt !== null) return 'revoked';
  if (code.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (code.uses >= code.useLimit) return 'used_up';
  if (code.attempts >= code.attemptLimit) return 'locked';
  return 'live';
}

export function usesLeft(code: AccessCodeRecord): number {
  return Math.max(0, code.useLimit - code.uses);
}
