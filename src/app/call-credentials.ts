import { DomainError } from '../domain/errors.ts';
import type { Principal } from '../domain/principal.ts';
import { looksLikeAgentKey, type AgentKeyVerifier } from './agent-keys.use-case.ts';
import { sessionStillValid, verifySession, type SessionDeps } from './sessions.use-case.ts';

type CallPrincipal = Extract<Principal, { kind: 'session' }>;

/** What the MCP transports need to accept a call's credential: a per-call session token or an agent key. */
export interface CallCredentials {
  /** The principal a credential stands for; DomainError `unauthenticated` / `token_expired` otherwise. */
  authenticate(credential: string): Promise<CallPrincipal>;
  /** Still good now? Expiry and revocation, for tokens and agent keys alike. */
  stillValid(principal: CallPrincipal, credential: string): boolean | Promise<boolean>;
}

export function callCredentials(deps: { sessions: Pick<SessionDeps, 'tokens' | 'revocations' | 'clock'>; agentKeys: AgentKeyVerifier }): CallCredentials {
  return {
    async authenticate(credential) {
      if (credential.length > 4096) throw new DomainError('unauthenticated', 'The credential is not valid.');
      return looksLikeAgentKey(credential) ? deps.agentKeys.verify(credential) : verifySession(deps.sessions, credential);
    },
    stillValid(principal, credential) {
      if (principal.agentKeyId) return deps.agentKeys.stillValid(principal, credential);
      return sessionStillValid(deps.sessions, principal);
    },
  };
}
