/**
 * Attachments live in the job's scratch directory as files from the moment the
 * child writes them until the pipeline has stored them: they cross from the
 * child to the parent as paths and are streamed from disk, never held whole in
 * the parent's memory.
 */
import { createReadStream } from 'node:fs';
import type { ExtractedAttachment } from '../../src/ports/extractor.port.ts';
import { ExtractionFailed } from './extraction-errors.ts';
import type { AttachmentFile } from './extract-child.protocol.ts';

/** An attachment backed by a file; `path` rides along for the trip across the IPC channel. */
export type FileBackedAttachment = ExtractedAttachment & { readonly path: string };

export function fileAttachment(file: AttachmentFile): FileBackedAttachment {
  return { ...file, open: () => createReadStream(file.path) };
}

/** The serialisable form of file-backed attachments. */
export function attachmentFilesOf(attachments: readonly ExtractedAttachment[]): AttachmentFile[] {
  return attachments.map((attachment) => {
    const { path } = attachment as Partial<FileBackedAttachment>;
    if (typeof path !== 'string') throw new ExtractionFailed('An attachment is not backed by a file');
    return { name: attachment.name, declaredType: attachment.declaredType, size: attachment.size, position: attachment.position, path };
  });
}
