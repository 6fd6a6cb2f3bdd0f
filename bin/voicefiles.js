#!/usr/bin/env node
// The `voicefiles` command: registers tsx so the TypeScript sources run as they are.
// `serve` and `worker` run the composition root (src/main.ts) in this process; it is
// handed to the CLI here, loaded only when asked for, so src/cli never imports it.
import { register } from 'tsx/esm/api';

register();
const launcher = {
  startServer: async () => (await import('../src/main.ts')).startServer(),
  startWorker: async () => (await import('../src/main.ts')).startWorker(),
};
const { main } = await import('../src/cli/main.ts');
await main(process.argv, launcher);
