/** A share: one file version made openable by a spoken download code, after the caller's spoken yes. */
export interface ShareRecipient {
  name?: string;
  phone?: string;
  email?: string;
}

export interface ShareRecord {
  id: string;
  tenantId: string;
  fileId: string;
  /** The version the caller agreed to share; the code opens this one only. */
  versionId: string;
  recipient: ShareRecipient;
  issuedBy: string;
  callKey: string;
  /** The caller's confirming words, as heard (evidence of consent). */
  consent: string;
  createdAt: Date;
}

/** The pending first step of a share, as stored (the token itself only as a hash). */
export interface ShareConfirmation {
  id: string;
  tenantId: string;
  callKey: string;
  actor: string;
  fileId: string;
  versionId: string;
  recipient: ShareRecipient;
  expiresAt: Date;
}
