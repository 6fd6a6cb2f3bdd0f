import { describe, expect, it } from 'vitest';
import { rtfToText } from '../../../adapters/extract/rtf.extractor.ts';

const read = (rtf: string, max = 1 << 20) => rtfToText(Buffer.from(rtf, 'latin1'), max);

describe('RTF reader', () => {
  it('keeps text and paragraphs, drops font and colour tables', () => {
    expect(read('{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}{\\colortbl;\\red255;}\\f0 Hello\\par World\\line again}').text).toBe('Hello\nWorld\nagain');
  });

  it("decodes \\'hh in the document's code page and \\uN with its fallback skipped", () => {
    expect(read("{\\rtf1\\ansi\\ansicpg1252 K\\'fcndigung f\\'fcr B\\'fcro}").text).toBe('Kündigung für Büro');
    expect(read('{\\rtf1\\ansi\\uc1 Stra\\u223?e \\u8364? 5}').text).toBe('Straße € 5');
    expect(read("{\\rtf1\\ansi\\ansicpg1251 \\'cf\\'f0\\'e8\\'e2\\'e5\\'f2}").text).toBe('Привет');
  });

  it('skips ignorable destinations, pictures and fields instructions, and reads title and author from info', () => {
    const result = read('{\\rtf1{\\info{\\title Angebot 17}{\\author Petra Schulz}}{\\*\\generator Word;}{\\pict\\pngblip 89504e47}{\\field{\\*\\fldinst HYPERLINK "x"}{\\fldrslt Link}} Text}');
    expect(result.text).toBe('Link Text');
    expect(result.info).toEqual({ title: 'Angebot 17', author: 'Petra Schulz' });
  });

  it('stops at the text cap and says so', () => {
    const result = read(`{\\rtf1 ${'word '.repeat(1000)}}`, 100);
    expect(result.truncated).toBe(true);
    expect(Buffer.byteLength(result.text)).toBeLessThanOrEqual(100);
  });

  it('refuses what is not RTF and groups nested absurdly deep', () => {
    expect(() => read('plain text')).toThrow(expect.objectContaining({ reason: 'corrupt' }));
    expect(() => read(`{\\rtf1 ${'{'.repeat(20_000)}`)).toThrow(expect.objectContaining({ reason: 'corrupt' }));
  });
});
