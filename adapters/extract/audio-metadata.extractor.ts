import { parseBuffer } from 'music-metadata';
import type { Extractor } from '../../src/ports/extractor.port.ts';
import { ExtractionRejected } from './extraction-errors.ts';
import { buildExtraction } from './extracted-text.ts';
import { DEFAULT_EXTRACT_LIMITS, type ExtractLimits } from './extract-limits.ts';
import { AUDIO_MIME_TYPES } from './mime-types.ts';
import { bufferExtractor } from './read-body.ts';

const positive = (value: number | undefined): value is number => value !== undefined && Number.isFinite(value) && value > 0;

/**
 * Audio: duration, codec, sample rate, channels and tags via music-metadata. The
 * text is empty; speech becomes text in the separate transcription job.
 * music-metadata is lenient (a broken header yields missing or infinite values
 * rather than an error), so the result is checked: no container, no sample rate,
 * no channels or no finite duration means the header is `corrupt`.
 */
export function createAudioMetadataExtractor(limits: Pick<ExtractLimits, 'maxInputBytes'> = DEFAULT_EXTRACT_LIMITS): Extractor {
  return bufferExtractor(AUDIO_MIME_TYPES, limits.maxInputBytes, async (data, info) => {
    let parsed: Awaited<ReturnType<typeof parseBuffer>>;
    try {
      parsed = await parseBuffer(data, { mimeType: info.mimeType, size: data.length }, { duration: true, skipCovers: true });
    } catch (cause) {
      throw new ExtractionRejected('corrupt', `The audio cannot be read: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
    const { format, common } = parsed;
    if (format.container === undefined || !positive(format.sampleRate) || format.numberOfChannels === 0 || !positive(format.duration)) {
      throw new ExtractionRejected('corrupt', 'The audio header is damaged (no container, sample rate, channels or duration)');
    }
    return buildExtraction('', {
      maxTextBytes: info.maxTextBytes,
      metadata: {
        durationSeconds: Math.round(format.duration * 1000) / 1000,
        container: format.container,
        codec: format.codec,
        sampleRate: format.sampleRate,
        channels: format.numberOfChannels,
        bitrate: positive(format.bitrate) ? Math.round(format.bitrate) : undefined,
        title: common.title,
        author: common.artist,
      },
    });
  });
}
