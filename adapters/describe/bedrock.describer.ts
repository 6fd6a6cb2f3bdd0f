import { BedrockRuntimeClient, ConverseCommand, type ContentBlock, type DocumentFormat } from '@aws-sdk/client-bedrock-runtime';
import { createHash } from 'node:crypto';
import { isDomainError } from '../../src/domain/errors.ts';
import type { Locale } from '../../src/domain/tenant.ts';
import { MAX_INLINE_DOCUMENT_BYTES, type ModelDocumentSource } from '../../src/ports/blob-store.port.ts';
import type { DescribeOptions, Describer, Description, DescribeSubject } from '../../src/ports/describer.port.ts';
import { boundedSentences } from './model-output.ts';

/** One locale's prompt: the Converse `system` text and the request sent after the document. */
export interface DescribePrompt {
  system: string;
  /** With `{{name}}`, `{{kind}}` and `{{facts}}` placeholders. */
  request: string;
}

export interface BedrockDescriberOptions {
  /** A ready client (the caller keeps ownership); otherwise one is built for `region`. */
  client?: BedrockRuntimeClient;
  region: string;
  /** A model or inference profile id: `amazon.nova-lite-v1:0`, `eu.amazon.nova-pro-v1:0`, `anthropic.claude-3-haiku-20240307-v1:0`. */
  modelId: string;
  prompts: Readonly<Record<Locale, DescribePrompt>>;
  /** Output bound in tokens; default 120 (a sentence of thirty words is about forty). */
  maxTokens?: number;
  /** Extracted text sent in place of a document (recordings, images, formats Converse does not take); default 12,000 characters. */
  maxTextChars?: number;
}

/** The Converse document formats, by MIME type. */
const FORMATS: Readonly<Record<string, DocumentFormat>> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.ms-excel': 'xls',
  'text/csv': 'csv',
  'text/html': 'html',
  'text/markdown': 'md',
  'text/plain': 'txt',
};

/** Amazon Nova models (and their cross-region inference profiles) read documents from S3 themselves. */
export function acceptsS3Location(modelId: string): boolean {
  return /(?:^|[.:/])amazon\.nova-/.test(modelId);
}

/**
 * Describes a version with a model on Amazon Bedrock through the Converse API. The
 * document reaches the model through the storage adapter (`subject.document`): an
 * `s3Location` for Nova models when the blob is in S3, else its bytes within the 4.5 MB
 * document limit; a document Converse cannot take (a format it lacks, too large, a
 * recording) is sent as its extracted text instead. The answer is bounded twice: by
 * `maxTokens`, and cut to two sentences. Failures reject: the caller falls back.
 */
export class BedrockDescriber implements Describer {
  readonly id: string;
  private readonly client: BedrockRuntimeClient;
  private readonly options: BedrockDescriberOptions;

  constructor(options: BedrockDescriberOptions) {
    this.options = options;
    // The SDK's own retries would spend the caller's short wait; the describe use case times out and falls back instead.
    this.client = options.client ?? new BedrockRuntimeClient({ region: options.region, maxAttempts: 1 });
    const revision = createHash('sha256').update(JSON.stringify(options.prompts)).update(String(options.maxTokens ?? 120)).digest('hex').slice(0, 12);
    this.id = `bedrock/${options.modelId}/${revision}`;
  }

  async describe(subject: DescribeSubject, options: DescribeOptions = {}): Promise<Description> {
    const prompt = this.options.prompts[subject.locale];
    const request = prompt.request.replaceAll('{{name}}', subject.spoken.name).replaceAll('{{kind}}', subject.spoken.kind).replaceAll('{{facts}}', subject.spoken.facts);
    const content: ContentBlock[] = [...(await this.material(subject)), { text: request }];
    const response = await this.client.send(
      new ConverseCommand({
        modelId: this.options.modelId,
        system: [{ text: prompt.system }],
        messages: [{ role: 'user', content }],
        inferenceConfig: { maxTokens: this.options.maxTokens ?? 120, temperature: 0.2 },
      }),
      { abortSignal: options.signal },
    );
    const said = (response.output?.message?.content ?? []).map((block) => block.text ?? '').join(' ');
    const sentence = boundedSentences(said, { sentences: 2, words: 40 });
    if (!sentence || /^unknown\.?$/i.test(sentence)) throw new BedrockDescriptionError(`the model gave no usable description (stop reason ${response.stopReason ?? 'none'})`);
    return { source: 'bedrock', sentence };
  }

  async close(): Promise<void> {
    if (!this.options.client) this.client.destroy();
  }

  /** The document itself when Converse takes it, else the extracted text. */
  private async material(subject: DescribeSubject): Promise<ContentBlock[]> {
    const format = FORMATS[subject.mimeType.toLowerCase().split(';')[0]!.trim()];
    if (format && subject.document && subject.kind !== 'audio' && subject.kind !== 'image') {
      const source = await subject.document({ s3Location: acceptsS3Location(this.options.modelId), maxBytes: MAX_INLINE_DOCUMENT_BYTES }).catch((error: unknown) => {
        if (isDomainError(error) && error.code === 'payload_too_large') return null;
        throw error;
      });
      // A neutral name: Converse warns that the document name reaches the model as text.
      if (source) return [{ document: { format, name: 'document', source: documentSource(source) } }];
    }
    const text = subject.text.slice(0, this.options.maxTextChars ?? 12_000).replaceAll('\u0000', ' ').trim();
    return text ? [{ text: `<document>\n${text}\n</document>` }] : [];
  }
}

function documentSource(source: ModelDocumentSource): { bytes: Uint8Array } | { s3Location: { uri: string; bucketOwner?: string } } {
  return 'bytes' in source ? { bytes: source.bytes } : { s3Location: source.s3Location };
}

export class BedrockDescriptionError extends Error {
  override readonly name = 'BedrockDescriptionError';
}
