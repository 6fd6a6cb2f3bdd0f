import { describe, expect, it } from 'vitest';
import { isTruncatedJpeg, readImageHeader } from '../../../adapters/extract/image-header.ts';
import { keepFirstTiffPages, readTiffPages } from '../../../adapters/extract/tiff-pages.ts';
import { hugePng, manyPageTiff } from '../../fixtures/generate/hostile-image.fixture.ts';

const jpegHeader = (width: number, height: number): Buffer =>
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x01, 0x01, 0x11, 0x00, 0, 0, 0, 0]);

describe('image headers, read before any decoder runs', () => {
  it('reads the size of a PNG without inflating it', () => {
    expect(readImageHeader(hugePng(3000, 2000), 'image/png', 10)).toEqual({ format: 'png', width: 3000, height: 2000, pages: 1 });
  });

  it('walks JPEG markers to the frame header', () => {
    expect(readImageHeader(jpegHeader(4032, 3024), 'image/jpeg', 10)).toMatchObject({ width: 4032, height: 3024 });
    expect(isTruncatedJpeg(jpegHeader(1, 1))).toBe(true);
    expect(isTruncatedJpeg(Buffer.concat([jpegHeader(1, 1), Buffer.from([0xff, 0xd9])]))).toBe(false);
  });

  it('reads WebP (lossy, lossless, extended) and GIF sizes', () => {
    const riff = (chunk: string, body: Buffer): Buffer => Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBP'), Buffer.from(chunk, 'latin1'), body]);
    const vp8 = Buffer.alloc(20);
    vp8.writeUInt16LE(640, 10);
    vp8.writeUInt16LE(480, 12);
    expect(readImageHeader(riff('VP8 ', vp8), 'image/webp', 1)).toMatchObject({ width: 640, height: 480 });
    const vp8x = Buffer.alloc(20);
    vp8x.writeUIntLE(29_999, 8, 3);
    vp8x.writeUIntLE(29_999, 11, 3);
    expect(readImageHeader(riff('VP8X', vp8x), 'image/webp', 1)).toMatchObject({ width: 30_000, height: 30_000 });
    expect(readImageHeader(Buffer.from('GIF89a\x20\x03\x58\x02', 'latin1'), 'image/gif', 1)).toMatchObject({ width: 800, height: 600 });
  });

  it('refuses what is not an image of its type as corrupt', () => {
    expect(() => readImageHeader(Buffer.from('not a png at all, really not'), 'image/png', 1)).toThrow(expect.objectContaining({ reason: 'corrupt' }));
    expect(() => readImageHeader(Buffer.from([0xff, 0xd8, 0xff]), 'image/jpeg', 1)).toThrow(expect.objectContaining({ reason: 'corrupt' }));
  });
});

describe('TIFF pages', () => {
  it('counts pages up to the bound and reads the first page size', () => {
    expect(readTiffPages(manyPageTiff(5), 100)).toMatchObject({ pages: 5, width: 8, height: 8 });
    expect(readTiffPages(manyPageTiff(10_000), 2000).pages).toBe(2001);
  });

  it('cuts a TIFF after its first pages without touching the image data', () => {
    const tiff = manyPageTiff(12);
    const cut = keepFirstTiffPages(tiff, readTiffPages(tiff, 100), 3);
    expect(cut.length).toBe(tiff.length);
    expect(readTiffPages(cut, 100).pages).toBe(3);
    expect(readTiffPages(tiff, 100).pages).toBe(12);
  });

  it('refuses page directories that loop back', () => {
    const tiff = manyPageTiff(3);
    const { nextPointers } = readTiffPages(tiff, 10);
    tiff.writeUInt32LE(tiff.readUInt32LE(4), nextPointers[2]!); // the last page points at the first again
    expect(() => readTiffPages(tiff, 10)).toThrow(expect.objectContaining({ reason: 'corrupt' }));
  });
});
