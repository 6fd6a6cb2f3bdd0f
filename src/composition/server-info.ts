import { readFileSync } from 'node:fs';

/** The package version, reported in MCP `initialize`. */
export function serverVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/** Instructions for the agent, sent in MCP `initialize`. */
export function agentInstructions(): string {
  return readFileSync(new URL('../../prompts/agent-instructions.md', import.meta.url), 'utf8').trim();
}
