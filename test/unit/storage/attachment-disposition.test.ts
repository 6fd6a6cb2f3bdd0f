import contentDisposition from 'content-disposition';
import { describe, expect, it } from 'vitest';
import { attachmentDisposition } from '../../../adapters/storage/attachment-disposition.ts';

describe('Content-Disposition for downloads (RFC 6266 / 5987, from the content-disposition package)', () => {
  it.each([
    ['plain ASCII', 'Q2 Report.pdf', 'attachment; filename="Q2 Report.pdf"'],
    ['diacritics', 'Müller.pdf', `attachment; filename="Muller.pdf"; filename*=UTF-8''M%C3%BCller.pdf`],
    ['quotes and percent', 'a"b%41.txt', `attachment; filename="a_b_41.txt"; filename*=UTF-8''a%22b%2541.txt`],
    ['a path separator (never stored; kept whole)', 'a/b\\c.txt', 'attachment; filename="a_b_c.txt"'],
    ['a dash and quotes', 'Q2 Bericht – Müller "final".pdf', `attachment; filename="Q2 Bericht _ Muller _final_.pdf"; filename*=UTF-8''Q2%20Bericht%20%E2%80%93%20M%C3%BCller%20%22final%22.pdf`],
    ['no Latin letters at all', '報告.pdf', `attachment; filename="__.pdf"; filename*=UTF-8''%E5%A0%B1%E5%91%8A.pdf`],
    ['no name', '', 'attachment'],
  ])('%s', (_label, name, header) => {
    expect(attachmentDisposition(name)).toBe(header);
  });

  it('is pure ASCII and round-trips through the parser to the exact NFC name', () => {
    for (const name of ['Ångström ⁄ notes.txt', 'e\u0301clair.pdf', 'tab\tname.txt', "it's (1).docx"]) {
      const header = attachmentDisposition(name);
      expect(header).toMatch(/^[\x20-\x7e]+$/);
      expect(contentDisposition.parse(header).parameters.filename).toBe(name.normalize('NFC'));
    }
  });
});
