import { readFileSync } from 'node:fs';

interface ToolText {
  title: string;
  description: string;
}

/** Tool titles and descriptions live in prompts/ so they can be tuned without touching code. */
const texts = JSON.parse(readFileSync(new URL('../../prompts/tools.json', import.meta.url), 'utf8')) as Record<string, ToolText>;

export function toolText(name: string): ToolText {
  const text = texts[name];
  if (!text) throw new Error(`prompts/tools.json has no entry for tool "${name}"`);
  return text;
}
