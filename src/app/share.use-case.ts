/**
 * Sharing a file after a spoken yes (VOICE.md, "Sharing needs a spoken yes"), in two
 * steps. `requestShare` checks access (the session may see the file, the file is
 * ready) and stores a single-use, short-lived confirmation bound to the call, the
 * credential, the file version and the recipient; its token goes to the agent.
 * `completeShare` takes the token with the caller's words: a yes uses the token and
 * creates the share and its download code in one transaction, with the words on the
 * audit event as evidence of consent; anything else uses the token and shares nothing.
 * When the tenant configured a webhook, the link and code go to it for delivery.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { visibilityFilterFor } from '../domain/access.ts';
import type { AccessCodeRecord } from '../domain/access-code.ts';
import { DomainError, isDomainError } from '../domain/errors.ts';
import type { FileDetail } from '../domain/file.ts';
import { actorOf, roleOf, type Principal } from '../domain/principal.ts';
import type { ShareRecipient, ShareRecord } from '../domain/share.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { FileCatalog } from '../ports/file-catalog.port.ts';
import type { Notifier, NotifyResult } from '../ports/notifier.port.ts';
import type { ShareStore } from '../ports/share-store.port.ts';
import { consentOf } from '../voice/consent.ts';
import { formatKeypad, generateCode, type AccessCode, type RandomIndex } from '../voice/codes/code-format.ts';
import { formatCode } from '../voice/codes/code-text.ts';
import type { CodeLimits } from '../voice/codes/guessing-bound.ts';
import { hashAccessCode } from './access-codes.use-case.ts';

export interface ShareDeps {
  catalog: Pick<FileCatalog, 'getFile'>;
  shares: ShareStore;
  clock: Clock;
  /** The code-hashing key (DerivedKeys.codeHashing). */
  hashingKey: Buffer;
  limits: CodeLimits;
  /** How long a confirmation token holds. */
  confirmationSeconds: number;
  /** The code page of a tenant: `${publicUrl}/c/${slug}`. */
  codePage: (tenantSlug: string) => string;
  tenantSlug: (tenantId: string) => Promise<string>;
  /** Delivers the link to the tenant's webhook, when it has one. */
  notifier?: Notifier;
  /** Delivery runs after the answer (a tool must not wait for retries); failures are reported here. */
  onDelivery?: (result: NotifyResult, share: ShareRecord) => void;
  random?: RandomIndex;
}

/** The call a share request comes from: its state key and what the platform said about it. */
export interface ShareCall {
  requestId: string;
  /** Key of the call's state (call-scope.ts): the same on every connection and node of one call. */
  callKey: string;
  /** The caller's number as the platform reported it (unverified; a default recipient, never a credential). */
  callerNumber?: string;
}

export interface ShareQuestion {
  file: FileDetail;
  recipient: ShareRecipient;
  /** Whether the recipient is the caller (no other recipient was named). */
  toCaller: boolean;
  /** Whether the tenant's webhook will deliver the link. */
  delivered: boolean;
  confirmationToken: string;
  expiresAt: Date;
}

export type ShareCompletion =
  | { status: 'shared'; share: ShareRecord; file: FileDetail; code: AccessCode; record: AccessCodeRecord; codePage: string; link: string; delivered: boolean }
  | { status: 'cancelled' };

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Step one: access checks, then the confirmation to read back. */
export async function requestShare(deps: ShareDeps, principal: Principal, call: ShareCall, input: { fileId: string; recipient?: ShareRecipient }): Promise<ShareQuestion> {
  const file = await shareableFile(deps, principal, input.fileId);
  const named = input.recipient && Object.values(input.recipient).some((v) => typeof v === 'string' && v.trim() !== '');
  const callerPhone = principal.kind === 'session' ? principal.caller.phone ?? call.callerNumber : undefined;
  const recipient: ShareRecipient = named ? { ...input.recipient } : callerPhone ? { phone: callerPhone } : {};
  const delivered = (await deps.shares.webhook(principal.tenantId)) !== null && Boolean(recipient.phone || recipient.email);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(deps.clock.now().getTime() + deps.confirmationSeconds * 1000);
  await deps.shares.createConfirmation({
    id: randomUUID(), tenantId: principal.tenantId, tokenHash: tokenHash(token), callKey: call.callKey, actor: actorOf(principal),
    fileId: file.file.id, versionId: file.current.id, recipient, expiresAt,
  });
  return { file, recipient, toCaller: !named, delivered, confirmationToken: token, expiresAt };
}

/** Step two: the caller's words decide; a yes creates the share and its code. */
export async function completeShare(deps: ShareDeps, principal: Principal, call: ShareCall, input: { fileId: string; confirmationToken: string; utterance: string }): Promise<ShareCompletion> {
  const claim = { tenantId: principal.tenantId, tokenHash: tokenHash(input.confirmationToken), callKey: call.callKey, actor: actorOf(principal), fileId: input.fileId.toLowerCase() };
  const now = deps.clock.now();
  if (consentOf(input.utterance, principal.locale) !== 'yes') {
    if (!(await deps.shares.useConfirmation(claim, now))) throw new DomainError('confirmation_invalid');
    return { status: 'cancelled' };
  }
  // The file may have changed since the question (blocked, trashed, hidden): check again.
  // The share pins the version that was read back, even when a newer one arrived since.
  const file = await shareableFile(deps, principal, input.fileId);
  for (let attempt = 0; ; attempt++) {
    const code = generateCode(deps.random);
    const shareId = randomUUID();
    try {
      const done = await deps.shares.completeShare(
        claim,
        { id: shareId, tenantId: principal.tenantId, issuedBy: actorOf(principal), callKey: call.callKey, consent: input.utterance.slice(0, 500) },
        {
          id: randomUUID(), codeHash: hashAccessCode(deps.hashingKey, principal.tenantId, code), issuedBy: actorOf(principal),
          expiresAt: new Date(now.getTime() + deps.limits.expirySeconds * 1000), useLimit: deps.limits.useLimit, attemptLimit: deps.limits.attemptsPerCode,
        },
        {
          now, maxLive: deps.limits.maxLiveCodesPerTenant,
          audit: (share) => ({
            tenantId: principal.tenantId, actor: actorOf(principal), role: roleOf(principal), callId: principal.kind === 'session' ? principal.callId ?? null : null,
            requestId: call.requestId, action: 'share.create', target: share.fileId, outcome: 'ok',
            detail: { share_id: share.id, version_id: share.versionId, consent: share.consent, recipient: share.recipient },
          }),
        },
      );
      if (!done) throw new DomainError('confirmation_invalid');
      const slug = await deps.tenantSlug(principal.tenantId);
      const codePage = deps.codePage(slug);
      const link = `${codePage}/${formatCode(code, principal.locale)}`;
      const target = deps.notifier ? await deps.shares.webhook(principal.tenantId) : null;
      const delivered = target !== null && Boolean(done.share.recipient.phone || done.share.recipient.email);
      if (delivered && deps.notifier && target) {
        void deps.notifier
          .notify(target, {
            id: done.share.id, type: 'share.created', tenantId: principal.tenantId, occurredAt: now, locale: principal.locale, recipient: done.share.recipient,
            link, code: { words: formatCode(code, principal.locale), keypad: formatKeypad(code) }, expiresAt: done.code.expiresAt,
          })
          .then((result) => deps.onDelivery?.(result, done.share), () => undefined);
      }
      return { status: 'shared', share: done.share, file, code, record: done.code, codePage, link, delivered };
    } catch (error) {
      if (isDomainError(error) && error.code === 'conflict' && attempt < 3) continue;
      throw error;
    }
  }
}

/** The file as the principal may see it, ready; else `file_not_found` or `file_not_ready` (details: status). */
async function shareableFile(deps: ShareDeps, principal: Principal, fileId: string): Promise<FileDetail> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(fileId)) throw new DomainError('file_not_found');
  const file = await deps.catalog.getFile(visibilityFilterFor(principal), fileId.toLowerCase());
  if (!file) throw new DomainError('file_not_found');
  if (file.current.status !== 'ready') throw new DomainError('file_not_ready', undefined, { details: { status: file.current.status } });
  return file;
}
