/** Runs server-evaluation.child.ts: the relevance evaluation on the Postgres server, in a process of its own. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { EngineScores } from './evaluate.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');

export interface ServerEvaluation {
  /** Tell the child the files are extracted (in the cache): it evaluates now. */
  start(): void;
  scores: Promise<EngineScores>;
  /** Drop its schema (`passed`) or keep it for inspection, and wait for the child to end. */
  finish(passed: boolean): Promise<void>;
}

/** Starts the child at once, so the server's schema is migrated while this process makes the files. */
export function startServerEvaluation(): ServerEvaluation {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'server-evaluation.child.ts')], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  child.stdin.on('error', () => {}); // a child that died early: its exit explains why
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const scores = new Promise<EngineScores>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('{"scores"') && !line.startsWith('{"error"')) return;
      const message = JSON.parse(line) as { scores?: EngineScores; error?: string };
      if (message.scores) resolve(message.scores);
      else reject(new Error(`server evaluation failed: ${message.error}`));
    });
    void exited.then((code) => reject(new Error(`server evaluation exited (${code}) without scores: ${stderr}`)));
  });
  scores.catch(() => {}); // awaited by the test; not an unhandled rejection meanwhile
  return {
    start: () => child.stdin.write('go\n'),
    scores,
    async finish(passed) {
      child.stdin.end(passed ? 'drop\n' : 'keep\n');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
