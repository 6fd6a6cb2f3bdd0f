import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const VOICE_DIR = new URL('../../../src/voice/', import.meta.url);
const files = readdirSync(VOICE_DIR).filter((name) => name.endsWith('.ts'));

describe('src/voice imports', () => {
  it('finds the voice files', () => {
    expect(files).toContain('speech.ts');
    expect(files).toContain('normalize-query.ts');
  });

  it.each(files)('%s imports only src/domain and other voice files (no Node modules, no I/O)', (name) => {
    const source = readFileSync(new URL(name, VOICE_DIR), 'utf8');
    const specifiers = [...source.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gm)].map((m) => m[1]!);
    const forbidden = specifiers.filter((s) => !/^\.\/(codes\/)?[\w.-]+\.ts$/.test(s) && !/^\.\.\/domain\/[\w.-]+\.ts$/.test(s));
    expect(forbidden).toEqual([]);
  });
});
