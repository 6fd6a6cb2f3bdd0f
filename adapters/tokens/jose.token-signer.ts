import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { TokenClaims, TokenRefusal, TokenSigner, TokenToSign, VerifiedToken } from '../../src/ports/token-signer.port.ts';

/** Pinned: tokens signed any other way (including `none`) are refused. */
const ALGORITHM = 'HS256';
const REGISTERED = new Set(['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti']);

export interface JoseTokenSignerOptions {
  /** HMAC key, at least 32 bytes. */
  key: Uint8Array;
  issuer: string;
  audience: string;
  /** Clock skew tolerated between nodes when checking exp, nbf and iat. */
  clockToleranceSeconds: number;
}

/** HS256 JWTs with the `jose` package. */
export class JoseTokenSigner implements TokenSigner {
  constructor(private readonly options: JoseTokenSignerOptions) {
    if (options.key.length < 32) throw new Error('JoseTokenSigner needs a key of at least 32 bytes');
  }

  async sign(token: TokenToSign): Promise<string> {
    const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
    return new SignJWT(token.claims)
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setIssuer(this.options.issuer)
      .setAudience(this.options.audience)
      .setJti(token.id)
      .setSubject(token.subject)
      .setIssuedAt(seconds(token.issuedAt))
      .setNotBefore(seconds(token.issuedAt))
      .setExpirationTime(seconds(token.expiresAt))
      .sign(this.options.key);
  }

  async verify(token: string, now: Date): Promise<{ ok: true; token: VerifiedToken } | { ok: false; refusal: TokenRefusal }> {
    try {
      const { payload } = await jwtVerify(token, this.options.key, {
        algorithms: [ALGORITHM],
        issuer: this.options.issuer,
        audience: this.options.audience,
        clockTolerance: this.options.clockToleranceSeconds,
        currentDate: now,
        requiredClaims: ['exp', 'iat', 'jti'],
      });
      const claims: TokenClaims = {};
      for (const [name, value] of Object.entries(payload)) if (!REGISTERED.has(name)) claims[name] = value;
      return {
        ok: true,
        token: {
          id: String(payload.jti),
          subject: typeof payload.sub === 'string' ? payload.sub : null,
          issuedAt: new Date((payload.iat as number) * 1000),
          expiresAt: new Date((payload.exp as number) * 1000),
          claims,
        },
      };
    } catch (error) {
      return { ok: false, refusal: error instanceof joseErrors.JWTExpired ? 'expired' : 'invalid' };
    }
  }
}
