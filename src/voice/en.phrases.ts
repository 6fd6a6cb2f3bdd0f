import { englishIndefinite } from './file-kinds.ts';
import { cardinalWords } from './number-words.ts';
import type { Phrases, SpokenItem } from './speech-phrases.ts';

const DETERMINER = /^(?:the|a|an|my|our|your|his|her|their|this|that|these|those)\s/i;
const NOT_READY = "It's still being checked; I'll tell you when it's ready.";
const SAY_AGAIN = "Sorry, I didn't quite get that. Could you say it another way?";
const TRY_LATER = "Sorry, I can't get to the files right now. Please try again in a moment.";
const UPLOAD_AGAIN = "The upload didn't finish. Could you try sending it again?";

const the = (label: string): string => (DETERMINER.test(label) ? label : `the ${label}`);
const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const lastWord = (text: string): string => text.trim().split(/\s+/).pop()!.toLowerCase();

/** "the Q2 financial report PDF from May" (the noun is left out when the name already ends with it). */
function listed(item: SpokenItem): string {
  const size = item.size ? ` of ${item.size}` : '';
  if (!item.label) return `${englishIndefinite(item.kind.noun)} ${item.kind.noun}${size} ${item.from}`;
  const noun = lastWord(item.label) === lastWord(item.kind.noun) ? '' : ` ${item.kind.noun}`;
  return `${the(item.label)}${noun}${size} ${item.from}`;
}

/** "A, B, and C"; two items "A and B". */
function and(parts: readonly string[]): string {
  if (parts.length <= 2) return parts.join(' and ');
  return `${parts.slice(0, -1).join(', ')}, and ${parts.at(-1)}`;
}

/** English sentences. */
export const englishPhrases: Phrases = {
  noMatch: "I couldn't find anything called that. Could you tell me who sent it or roughly when?",

  one(item) {
    const kind = `${englishIndefinite(item.kind.noun)} ${item.kind.noun}`;
    return item.label ? `I found ${the(item.label)}, ${kind} ${item.from}.` : `I found ${kind} ${item.from}.`;
  },

  choice(items) {
    const parts = items.map(listed);
    const list = parts.length === 2 ? `${parts[0]}, or ${parts[1]}` : `${parts.slice(0, -1).join(', ')}, or ${parts.at(-1)}`;
    return `I found ${cardinalWords(items.length, 'en')}: ${list}. Which one?`;
  },

  many(items, total, rest) {
    const parts = items.map(listed);
    return `I found ${cardinalWords(total, 'en')}: ${parts.join(', ')}, and ${cardinalWords(rest, 'en')} more. Can you narrow it down?`;
  },

  several(items) {
    return `I found several, including ${and(items.map(listed))}. Can you narrow it down?`;
  },

  says(sentence) {
    return `It says: ${sentence}`;
  },

  unscannedNote: '(not virus-checked yet)',

  status: {
    stored: NOT_READY,
    scanning: NOT_READY,
    extracting: NOT_READY,
    indexing: NOT_READY,
    ready: null,
    unscanned: "It hasn't been virus-checked.",
    infected: 'It was blocked because it contains a virus.',
    rejected: "It wasn't accepted, so it can't be opened or shared.",
    failed: "Something went wrong while preparing it, so it isn't available.",
  },

  errors: {
    bad_request: SAY_AGAIN,
    method_not_allowed: SAY_AGAIN,
    invalid_json: SAY_AGAIN,
    validation_failed: SAY_AGAIN,
    unauthenticated: TRY_LATER,
    token_expired: 'Access to the files has ended for this call.',
    forbidden: "I'm not able to do that on this call.",
    not_found: "I couldn't find that. Could you tell me a bit more about it?",
    file_not_found: "I couldn't find that file. Could you tell me who sent it or roughly when?",
    tenant_not_found: TRY_LATER,
    conflict: 'Something changed in the meantime. Let me try that again.',
    slug_taken: 'That name is already in use.',
    payload_too_large: 'That file is too large for me to accept.',
    empty_upload: 'That file arrived empty. Could you try sending it again?',
    missing_file_name: 'That file needs a name before I can take it.',
    invalid_file_name: 'That file needs a different name before I can take it.',
    type_not_allowed: "I can't accept that type of file.",
    type_mismatch: "That file isn't what its name says, so I can't accept it.",
    upload_aborted: UPLOAD_AGAIN,
    upload_timeout: UPLOAD_AGAIN,
    rate_limited: 'Just a moment, please; I need a few seconds before I can try that again.',
    link_expired: 'That link has expired.',
    link_invalid: "That link doesn't work.",
    unavailable: TRY_LATER,
    internal: 'Sorry, something went wrong on my side. Please try again in a moment.',
    key_not_found: TRY_LATER,
    request_timeout: UPLOAD_AGAIN,
    too_slow: UPLOAD_AGAIN,
    idempotency_in_progress: 'That is still on its way. Give it a moment, please.',
    idempotency_key_reused: SAY_AGAIN,
    version_not_found: "I couldn't find that version of the file.",
    not_in_trash: "That file isn't in the trash.",
    on_hold: "That file is under a legal hold, so it can't be deleted.",
    retention_period: "That file has to be kept for now, so it can't be deleted yet.",
    hold_not_found: TRY_LATER,
    file_not_ready: "That file isn't ready yet; it's still being checked.",
    confirmation_invalid: "That confirmation is no longer valid. Let me ask you again.",
    code_limit_reached: "I can't make another code right now; there are too many open ones. Please try again later.",
    quota_exceeded: 'The storage for this account is full, so I cannot accept another file.',
    upload_closed: 'That upload has ended. I can set up a new one if you like.',
    upload_limit_reached: "That upload already has all the files it can take.",
    invalid_time_zone: "That time zone name isn't one I know.",
  },
};
