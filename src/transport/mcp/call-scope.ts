import type { IncomingHttpHeaders } from 'node:http';
import type { Principal } from '../../domain/principal.ts';
import type { CallFacts } from '../../tools/tool.ts';

/** A call's credential: a per-call session token or a tenant's agent key (both resolve to a session principal). */
export type CallPrincipal = Extract<Principal, { kind: 'session' }>;

/**
 * Who is asking and for which call, resolved at the edge for every message on every
 * transport. `callKey` names the call's state (rate limit, notifications, subscriptions,
 * and later share confirmations); `credentialKey` names what the connection limit counts.
 */
export interface CallScope {
  principal: CallPrincipal;
  facts: CallFacts;
  callKey: string;
  credentialKey: string;
  transport: 'websocket' | 'streamable-http' | 'sse';
}

/** Platform headers carrying call facts. Configure the platform to send them (see docs/platforms/). */
export const CALL_ID_HEADERS = ['x-call-id', 'x-vapi-call-id', 'x-retell-call-id', 'x-conversation-id'] as const;
export const CALLER_NUMBER_HEADERS = ['x-caller-number', 'x-caller-id', 'x-from-number'] as const;
export const PLATFORM_HEADER = 'x-voice-platform';

const MAX_FACT_LENGTH = 200;
// eslint-disable-next-line no-control-regex
const PRINTABLE = /^[^\u0000-\u001F\u007F-\u009F]+$/;

/** A fact value, or undefined when it is missing, too long or holds control characters (unverified input never reaches a log or the database unchecked). */
function fact(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length > 0 && trimmed.length <= MAX_FACT_LENGTH && PRINTABLE.test(trimmed) ? trimmed : undefined;
}

function header(headers: IncomingHttpHeaders | Headers, name: string): string | undefined {
  const value = headers instanceof Headers ? headers.get(name) : headers[name];
  return fact(Array.isArray(value) ? value[0] : value);
}

/** Call facts from request headers (Vapi, Retell and ElevenLabs send configured headers with call variables). */
export function callFactsFromHeaders(headers: IncomingHttpHeaders | Headers): CallFacts {
  const facts: CallFacts = {};
  const callId = CALL_ID_HEADERS.map((name) => header(headers, name)).find(Boolean);
  const callerNumber = CALLER_NUMBER_HEADERS.map((name) => header(headers, name)).find(Boolean);
  const platform = header(headers, PLATFORM_HEADER) ?? (header(headers, 'x-vapi-call-id') ? 'vapi' : undefined);
  if (callId) facts.callId = callId;
  if (callerNumber) facts.callerNumber = callerNumber;
  if (platform) facts.platform = platform.toLowerCase();
  return facts;
}

/** Call facts from a request's `_meta` (ElevenLabs `request_meta`, or our own `voicefiles/call`). */
export function callFactsFromMeta(meta: unknown): CallFacts {
  if (typeof meta !== 'object' || meta === null) return {};
  const record = meta as Record<string, unknown>;
  const source = [record.request_meta, record['voicefiles/call']].find((v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v));
  if (!source) return {};
  const facts: CallFacts = {};
  const callId = fact(source.conversation_id ?? source.call_id ?? source.system__conversation_id ?? source.call_sid);
  const callerNumber = fact(source.caller_id ?? source.system__caller_id ?? source.caller_number ?? source.from_number);
  if (callId) facts.callId = callId;
  if (callerNumber) facts.callerNumber = callerNumber;
  facts.platform = fact(source.platform)?.toLowerCase() ?? (record.request_meta ? 'elevenlabs' : undefined);
  if (facts.platform === undefined) delete facts.platform;
  return facts;
}

/** Facts from two sources, the first winning field by field. */
export function mergeFacts(first: CallFacts, second: CallFacts): CallFacts {
  return { ...second, ...first };
}

/**
 * The key of a call's state. A session token names its call itself (its `call_id`, else
 * the token); an agent key is shared by every call of an assistant, so the platform's call
 * id separates them, namespaced by the key so that no other credential can reach that state.
 */
export function callKeyOf(principal: CallPrincipal, facts: CallFacts): string {
  const tenant = `t:${principal.tenantId}`;
  if (principal.agentKeyId) return `${tenant}:ak:${principal.agentKeyId}:${facts.callId ? `call:${facts.callId}` : 'no-call'}`;
  return principal.callId ? `${tenant}:call:${principal.callId}` : `${tenant}:session:${principal.sessionId}`;
}

/** What the per-credential connection limit counts: the token, or the agent key within one call. */
export function credentialKeyOf(principal: CallPrincipal, facts: CallFacts): string {
  return principal.agentKeyId ? callKeyOf(principal, facts) : `t:${principal.tenantId}:session:${principal.sessionId}`;
}

export function scopeFor(principal: CallPrincipal, facts: CallFacts, transport: CallScope['transport']): CallScope {
  return { principal, facts, callKey: callKeyOf(principal, facts), credentialKey: credentialKeyOf(principal, facts), transport };
}
