/** What a signed token says, beyond its own registered claims. */
export type TokenClaims = Record<string, unknown>;

export interface TokenToSign {
  /** Unique id of the token (`jti`); names it for revocation and audit. */
  id: string;
  /** Who it was issued to (`sub`). */
  subject: string;
  issuedAt: Date;
  expiresAt: Date;
  /** Private claims; kept short, they travel with every connection. */
  claims: TokenClaims;
}

export interface VerifiedToken {
  id: string;
  subject: string | null;
  issuedAt: Date;
  expiresAt: Date;
  claims: TokenClaims;
}

/** Why a token was refused: past its expiry (with the signer's clock tolerance), or not one of ours at all. */
export type TokenRefusal = 'expired' | 'invalid';

/**
 * Signs and verifies short-lived bearer tokens with a secret key, for one issuer
 * and audience fixed by the adapter. The algorithm is pinned: a token signed any
 * other way (including `alg: none`) is `invalid`.
 */
export interface TokenSigner {
  /** A compact token carrying `token`. */
  sign(token: TokenToSign): Promise<string>;
  /** The token's content when its signature, issuer, audience and times hold at `now`; otherwise why not. */
  verify(token: string, now: Date): Promise<{ ok: true; token: VerifiedToken } | { ok: false; refusal: TokenRefusal }>;
}
