import MsgReaderModule from '@kenjiuno/msgreader';
import type { FieldsData } from '@kenjiuno/msgreader';
import type { Extractor } from '../../src/ports/extractor.port.ts';
import { asRfc822, emailExtraction, type Mailbox, type ParsedAttachment, type ParsedMessage } from './email-message.ts';
import { ExtractionRejected } from './extraction-errors.ts';
import { DEFAULT_EXTRACT_LIMITS, type ExtractLimits } from './extract-limits.ts';
import { isOleContainer } from './ole-container.ts';
import { bufferExtractor } from './read-body.ts';

type MsgLimits = Pick<ExtractLimits, 'maxInputBytes' | 'maxAttachments' | 'maxAttachmentBytes'>;

// The package is CommonJS with a default export object.
const MsgReader = ((MsgReaderModule as unknown as { default?: typeof MsgReaderModule }).default ?? MsgReaderModule) as unknown as new (data: ArrayBuffer | Uint8Array) => {
  getFileData(): FieldsData;
  getAttachment(attachment: FieldsData): { fileName: string; content: Uint8Array };
};

const box = (name: string | undefined, address: string | undefined): Mailbox | undefined =>
  name || address ? { ...(name ? { name } : {}), ...(address ? { address } : {}) } : undefined;

function fieldsToMessage(fields: FieldsData): Omit<ParsedMessage, 'attachments'> {
  const recipients = (fields.recipients ?? []).slice(0, 100);
  const of = (kind: 'to' | 'cc'): Mailbox[] =>
    recipients.filter((r) => (r.recipType ?? 'to') === kind).flatMap((r) => box(r.name, r.smtpAddress ?? r.email) ?? []);
  const when = fields.messageDeliveryTime ?? fields.clientSubmitTime;
  const date = when ? new Date(when) : undefined;
  const from = box(fields.senderName, fields.senderSmtpAddress ?? fields.senderEmail);
  return {
    ...(fields.subject ? { subject: fields.subject } : {}),
    ...(from ? { from } : {}),
    to: of('to'),
    cc: of('cc'),
    ...(date && !Number.isNaN(date.getTime()) ? { date } : {}),
    body: fields.body ?? '',
  };
}

/**
 * Outlook items (`.msg`, an OLE compound file) via @kenjiuno/msgreader. A
 * message embedded in the item travels on as an `.eml` attachment of its own.
 */
export function createMsgExtractor(limits: MsgLimits = DEFAULT_EXTRACT_LIMITS): Extractor {
  return bufferExtractor(['application/vnd.ms-outlook'], limits.maxInputBytes, async (data, info) => {
    if (!isOleContainer(data)) throw new ExtractionRejected('corrupt', 'A .msg file must be an OLE compound file');
    let reader: InstanceType<typeof MsgReader>;
    let fields: FieldsData;
    try {
      reader = new MsgReader(data);
      fields = reader.getFileData();
    } catch (cause) {
      throw new ExtractionRejected('corrupt', 'The Outlook item cannot be read', { cause });
    }
    if (fields.error || fields.dataType !== 'msg') throw new ExtractionRejected('corrupt', `The Outlook item cannot be read: ${fields.error ?? 'not a message'}`);
    const attachments: ParsedAttachment[] = [];
    let unreadable = 0;
    for (const attachment of fields.attachments ?? []) {
      try {
        if (attachment.innerMsgContent && attachment.innerMsgContentFields) {
          const inner = fieldsToMessage(attachment.innerMsgContentFields);
          attachments.push({ name: `${inner.subject ?? 'message'}.eml`, contentType: 'message/rfc822', content: asRfc822({ ...inner }) });
          continue;
        }
        const { fileName, content } = reader.getAttachment(attachment);
        attachments.push({ name: fileName ?? attachment.fileName ?? '', contentType: attachment.attachMimeTag ?? 'application/octet-stream', content: Buffer.from(content) });
      } catch {
        unreadable += 1;
      }
    }
    return emailExtraction({ ...fieldsToMessage(fields), attachments, unreadable }, info, limits);
  });
}
