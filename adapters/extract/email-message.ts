/**
 * What every e-mail extractor (RFC 5322 `.eml`, Outlook `.msg`) produces: the
 * message's text (subject, sender, recipients, date, attachment names, body) and
 * `email` metadata for describe ("an e-mail from Petra Schulz from Tuesday with
 * two attachments"). Attachments are written into the job's scratch directory
 * under the count and size limits; the rest are listed, not kept.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Extraction } from '../../src/ports/extractor.port.ts';
import { fileAttachment, type FileBackedAttachment } from './attachment-files.ts';
import { buildExtraction } from './extracted-text.ts';
import type { ExtractLimits } from './extract-limits.ts';
import type { ExtractInfo } from './read-body.ts';
import { makeScratchDir, removeScratchDir } from './scratch-dir.ts';

export interface Mailbox {
  name?: string;
  address?: string;
}

export interface ParsedAttachment {
  name: string;
  contentType: string;
  content: Buffer;
}

export interface ParsedMessage {
  subject?: string;
  from?: Mailbox;
  to: Mailbox[];
  cc: Mailbox[];
  date?: Date;
  body: string;
  attachments: ParsedAttachment[];
  /** Attachments the parser saw but could not hand over (e.g. embedded items of an unknown kind). */
  unreadable?: number;
}

/** The `email` metadata key. */
export interface EmailMetadata {
  subject?: string;
  from?: Mailbox;
  to: Mailbox[];
  cc?: Mailbox[];
  /** ISO 8601. */
  date?: string;
  /** Attachments in the message; `attachments` (what became of each) is added by the pipeline. */
  attachmentCount: number;
  /** Attachments beyond the count or size limits: listed here, not stored. */
  attachmentsNotKept?: number;
}

type EmailLimits = Pick<ExtractLimits, 'maxAttachments' | 'maxAttachmentBytes'>;

const mailbox = (box: Mailbox): string => (box.name && box.address ? `${box.name} <${box.address}>` : (box.name ?? box.address ?? ''));
const mailboxes = (boxes: readonly Mailbox[]): string => boxes.map(mailbox).filter(Boolean).join(', ');

function messageText(message: ParsedMessage): string {
  const lines = [
    message.subject ? `Subject: ${message.subject}` : '',
    message.from ? `From: ${mailbox(message.from)}` : '',
    message.to.length > 0 ? `To: ${mailboxes(message.to)}` : '',
    message.cc.length > 0 ? `Cc: ${mailboxes(message.cc)}` : '',
    message.date ? `Date: ${message.date.toISOString().slice(0, 10)}` : '',
    message.attachments.length > 0 ? `Attachments: ${message.attachments.map((a) => a.name || a.contentType).join(', ')}` : '',
  ].filter(Boolean);
  return `${lines.join('\n')}\n\n${message.body.replace(/\r\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim()}`;
}

/** Write the attachments the limits allow into `dir`. */
async function writeAttachments(message: ParsedMessage, dir: string, limits: EmailLimits): Promise<{ kept: FileBackedAttachment[]; notKept: number }> {
  const kept: FileBackedAttachment[] = [];
  let bytes = 0;
  for (const [position, attachment] of message.attachments.entries()) {
    if (kept.length >= limits.maxAttachments || bytes + attachment.content.length > limits.maxAttachmentBytes) continue;
    const file = path.join(dir, `attachment-${position}`);
    await writeFile(file, attachment.content, { mode: 0o600 });
    bytes += attachment.content.length;
    kept.push(fileAttachment({ name: attachment.name, declaredType: attachment.contentType, size: attachment.content.length, position, path: file }));
  }
  return { kept, notKept: message.attachments.length - kept.length + (message.unreadable ?? 0) };
}

/** Turn a parsed message into the port's extraction, attachments on disk. */
export async function emailExtraction(message: ParsedMessage, info: ExtractInfo, limits: EmailLimits): Promise<Extraction> {
  const ownDir = info.scratchDir === undefined && message.attachments.length > 0 ? await makeScratchDir() : undefined;
  const dir = info.scratchDir ?? ownDir;
  const { kept, notKept } = dir === undefined ? { kept: [], notKept: 0 } : await writeAttachments(message, dir, limits);
  const email: EmailMetadata = {
    ...(message.subject ? { subject: message.subject } : {}),
    ...(message.from ? { from: message.from } : {}),
    to: message.to,
    ...(message.cc.length > 0 ? { cc: message.cc } : {}),
    ...(message.date && !Number.isNaN(message.date.getTime()) ? { date: message.date.toISOString() } : {}),
    attachmentCount: message.attachments.length + (message.unreadable ?? 0),
    ...(notKept > 0 ? { attachmentsNotKept: notKept } : {}),
  };
  const extraction = buildExtraction(messageText(message), { maxTextBytes: info.maxTextBytes, metadata: { title: message.subject, author: message.from?.name ?? message.from?.address, email } });
  if (kept.length === 0) {
    if (ownDir !== undefined) await removeScratchDir(ownDir);
    return extraction;
  }
  return { ...extraction, attachments: kept, release: ownDir === undefined ? async () => undefined : () => removeScratchDir(ownDir) };
}

/** An embedded message rendered as RFC 5322 text, so it travels on as an `.eml` attachment of its own. */
export function asRfc822(message: Omit<ParsedMessage, 'attachments'>): Buffer {
  const header = (name: string, value: string | undefined): string => (value ? `${name}: ${value.replace(/[\r\n]+/g, ' ')}\r\n` : '');
  const text = [
    header('Subject', message.subject),
    header('From', message.from ? mailbox(message.from) : undefined),
    header('To', mailboxes(message.to)),
    header('Cc', mailboxes(message.cc)),
    header('Date', message.date && !Number.isNaN(message.date.getTime()) ? message.date.toUTCString() : undefined),
    'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n',
    message.body.replace(/\r?\n/g, '\r\n'),
  ].join('');
  return Buffer.from(text, 'utf8');
}
