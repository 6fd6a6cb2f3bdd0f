import { simpleParser, type AddressObject, type SimpleParserOptions } from 'mailparser';
import type { Extractor } from '../../src/ports/extractor.port.ts';
import { emailExtraction, type Mailbox, type ParsedMessage } from './email-message.ts';
import { ExtractionRejected } from './extraction-errors.ts';
import { DEFAULT_EXTRACT_LIMITS, type ExtractLimits } from './extract-limits.ts';
import { bufferExtractor } from './read-body.ts';

type EmlLimits = Pick<ExtractLimits, 'maxInputBytes' | 'maxAttachments' | 'maxAttachmentBytes'>;

/** Bodies longer than this are not converted from HTML (html-to-text is the slowest step for hostile HTML). */
const MAX_HTML_TO_TEXT = 2 * 1024 * 1024;

const PARSER_OPTIONS = {
  // A message inside a message stays one attachment (an .eml of its own, followed by the
  // pipeline up to EMAIL_MAX_DEPTH) instead of being flattened into this one.
  ignoreEmbedded: true,
  skipImageLinks: true,
  skipTextToHtml: true,
  skipTextLinks: true,
  maxHtmlLengthToParse: MAX_HTML_TO_TEXT,
} as SimpleParserOptions;

function mailboxes(header: AddressObject | AddressObject[] | undefined): Mailbox[] {
  const objects = header === undefined ? [] : Array.isArray(header) ? header : [header];
  return objects
    .flatMap((object) => object.value.flatMap((entry) => (entry.group ? entry.group : [entry])))
    .map((entry) => ({ ...(entry.name ? { name: entry.name } : {}), ...(entry.address ? { address: entry.address } : {}) }))
    .filter((box) => box.name !== undefined || box.address !== undefined)
    .slice(0, 100);
}

/** RFC 5322 messages with MIME (`.eml`) via mailparser; nested messages become `.eml` attachments. */
export function createEmlExtractor(limits: EmlLimits = DEFAULT_EXTRACT_LIMITS): Extractor {
  return bufferExtractor(['message/rfc822'], limits.maxInputBytes, async (data, info) => {
    let parsed: Awaited<ReturnType<typeof simpleParser>>;
    try {
      parsed = await simpleParser(data, PARSER_OPTIONS);
    } catch (cause) {
      throw new ExtractionRejected('corrupt', `The message cannot be parsed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
    if (parsed.headerLines.length === 0) throw new ExtractionRejected('corrupt', 'The message has no headers');
    const [from] = mailboxes(parsed.from);
    const message: ParsedMessage = {
      ...(parsed.subject ? { subject: parsed.subject } : {}),
      ...(from ? { from } : {}),
      to: mailboxes(parsed.to),
      cc: mailboxes(parsed.cc),
      ...(parsed.date ? { date: parsed.date } : {}),
      body: parsed.text ?? '',
      attachments: parsed.attachments
        .filter((attachment) => !attachment.related) // inline images of an HTML body are decoration
        .map((attachment) => ({
          name: attachment.filename ?? (attachment.contentType === 'message/rfc822' ? 'message.eml' : ''),
          contentType: attachment.contentType,
          content: attachment.content,
        })),
    };
    return emailExtraction(message, info, limits);
  });
}
