/**
 * The parent's handle on one extraction child process: start it, stream a job to
 * it, enforce the time limit, and turn how it ended into a result, a refusal
 * (timeout, too_complex) or a fault.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ExtractionFailed, ExtractionRejected } from './extraction-errors.ts';
import type { ExtractLimits } from './extract-limits.ts';
import type { ChildExtraction, ChildMessage, ParentMessage } from './extract-child.protocol.ts';

/** What the parent tells a child about one job besides its bytes. */
export interface ChildJobInfo {
  mimeType: string;
  size: number;
  maxTextBytes: number;
  locale?: 'en' | 'de';
  scratchDir: string;
}

const ENTRY = fileURLToPath(new URL('./extract-child.entry.ts', import.meta.url));
const PRELOAD = new URL('./extract-child.preload.mjs', import.meta.url).href;
// Resolved here so the child finds tsx whatever the working directory is.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
/** Chunks are batched up to this size per IPC message. */
const MESSAGE_BYTES = 1024 * 1024;
const STDERR_TAIL = 8 * 1024;
const OUT_OF_MEMORY = /heap out of memory|Reached heap limit|Allocation failed/i;
/** The child needs no secrets: it gets only these variables from the parent's environment. */
const ENV_ALLOWED = ['PATH', 'TMPDIR', 'LANG', 'TZ', 'NODE_ENV'];

export interface ChildOptions {
  maxMemoryMb: number;
  startupTimeoutMs: number;
}

export class ExtractChild {
  jobs = 0;
  /** Milliseconds from fork to the child's `ready` message. */
  startupMs = 0;
  private exited = false;
  private killed = false;
  private stderrTail = '';
  private nextId = 1;
  private active: { id: number; settle: (outcome: { extraction?: ChildExtraction; error?: Error }) => void; extendTo: () => void } | undefined;

  private constructor(private readonly child: ChildProcess, private readonly onExit: (child: ExtractChild) => void) {}

  /** Fork a child and wait for it to load its parsers. */
  static async start(options: ChildOptions, onExit: (child: ExtractChild) => void): Promise<ExtractChild> {
    const started = performance.now();
    const env = Object.fromEntries(ENV_ALLOWED.filter((key) => process.env[key] !== undefined).map((key) => [key, process.env[key]]));
    const child = fork(ENTRY, [], {
      execArgv: [
        '--import', PRELOAD,
        '--import', TSX,
        `--max-old-space-size=${options.maxMemoryMb}`,
        // No eval or new Function in the child at all, whatever a parser is tricked into.
        '--disallow-code-generation-from-strings',
      ],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env,
      // Its own process group, so a kill takes the tools it runs (tesseract, pdftoppm) with it.
      detached: true,
    });
    const handle = new ExtractChild(child, onExit);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      handle.stderrTail = (handle.stderrTail + text).slice(-STDERR_TAIL);
    });
    child.on('message', (message: ChildMessage) => handle.receive(message));
    // 'close', not 'exit': it comes after stderr is drained, so an out-of-memory message is not missed.
    child.on('close', (code, signal) => handle.exit(code, signal));
    child.on('error', () => undefined); // 'close' follows; spawn errors surface through it
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new ExtractionFailed(`Extraction child did not start within ${options.startupTimeoutMs} ms`));
      }, options.startupTimeoutMs);
      child.once('message', () => {
        clearTimeout(timer);
        resolve();
      });
      child.once('close', (code, signal) => {
        clearTimeout(timer);
        reject(new ExtractionFailed(`Extraction child failed to start (${signal ?? code}): ${handle.stderrTail.trim()}`));
      });
    });
    handle.startupMs = performance.now() - started;
    return handle;
  }

  /** False once the child exited or was sent SIGKILL (its exit may still be on the way). */
  get alive(): boolean {
    return !this.exited && !this.killed;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Keep the parent's event loop alive only while the child works for it. */
  setBusy(busy: boolean): void {
    const method = busy ? 'ref' : 'unref';
    this.child[method]();
    (this.child.channel as { ref?: () => void; unref?: () => void } | undefined)?.[method]?.();
    (this.child.stderr as { ref?: () => void; unref?: () => void } | null)?.[method]?.();
  }

  kill(): void {
    if (this.exited || this.killed) return;
    this.killed = true;
    try {
      if (this.child.pid !== undefined) process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      this.child.kill('SIGKILL');
    }
  }

  /**
   * Run one job: stream the body, wait for the outcome, kill the child past
   * `timeoutMs`, or past `ocrTimeoutMs` from the moment the child says the file
   * needs OCR.
   */
  async run(body: Readable, info: ChildJobInfo, limits: ExtractLimits, timeouts: { timeoutMs: number; ocrTimeoutMs: number }): Promise<ChildExtraction> {
    if (!this.alive || this.active !== undefined) throw new ExtractionFailed('Extraction child is not available');
    const id = this.nextId++;
    this.jobs += 1;
    let settled = false;
    let settle: (outcome: { extraction?: ChildExtraction; error?: Error }) => void = () => undefined;
    let timer: NodeJS.Timeout | undefined;
    const arm = (ms: number): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        this.kill();
        settle({ error: new ExtractionRejected('timeout', `Extraction took longer than ${ms} ms`) });
      }, ms);
    };
    let extended = false;
    const extendTo = (): void => {
      if (extended || settled) return;
      extended = true;
      arm(timeouts.ocrTimeoutMs);
    };
    const outcome = new Promise<ChildExtraction>((resolve, reject) => {
      arm(timeouts.timeoutMs);
      settle = ({ extraction, error }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.active = undefined;
        if (!body.readableEnded) body.destroy(); // a stalled upload must not hold the job open
        if (error !== undefined) reject(error);
        else resolve(extraction!);
      };
    });
    this.active = { id, settle, extendTo };
    this.send({
      type: 'job', id, mimeType: info.mimeType, size: info.size, maxTextBytes: info.maxTextBytes, limits,
      scratchDir: info.scratchDir, ocrBudgetMs: timeouts.ocrTimeoutMs, ...(info.locale === undefined ? {} : { locale: info.locale }),
    });
    this.stream(id, body, limits.maxInputBytes, () => settled).then(
      () => {
        if (!settled) this.send({ type: 'end', id });
      },
      (error: unknown) => {
        if (settled) return;
        this.send({ type: 'cancel', id });
        settle({ error: error instanceof ExtractionRejected ? error : new ExtractionFailed('Reading the file failed', { cause: error }) });
      },
    );
    return outcome;
  }

  private async stream(id: number, body: Readable, maxBytes: number, stopped: () => boolean): Promise<void> {
    let batch: Buffer[] = [];
    let batchBytes = 0;
    let total = 0;
    const flush = async (): Promise<void> => {
      if (batchBytes === 0) return;
      const data = batch.length === 1 ? batch[0]! : Buffer.concat(batch, batchBytes);
      batch = [];
      batchBytes = 0;
      await this.sendAsync({ type: 'chunk', id, data });
    };
    for await (const chunk of body) {
      if (stopped()) {
        body.destroy();
        return;
      }
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      total += buffer.length;
      if (total > maxBytes) {
        body.destroy();
        throw new ExtractionRejected('too_large', `The file is larger than ${maxBytes} bytes`);
      }
      batch.push(buffer);
      batchBytes += buffer.length;
      if (batchBytes >= MESSAGE_BYTES) await flush();
    }
    await flush();
  }

  private send(message: ParentMessage): void {
    if (!this.exited && this.child.connected) this.child.send(message, () => undefined);
  }

  /** Send and wait until the message is handed to the channel (backpressure for big files). */
  private sendAsync(message: ParentMessage): Promise<void> {
    return new Promise((resolve) => {
      if (this.exited || !this.child.connected) return resolve();
      this.child.send(message, () => resolve());
    });
  }

  private receive(message: ChildMessage): void {
    const active = this.active;
    if (message.type === 'ready' || active === undefined || message.id !== active.id) return;
    if (message.type === 'ocr') active.extendTo();
    else if (message.type === 'result') active.settle({ extraction: message.extraction });
    else if (message.type === 'rejected') active.settle({ error: new ExtractionRejected(message.reason, message.message) });
    else active.settle({ error: new ExtractionFailed(`Extraction failed in the child: ${message.message}`) });
  }

  private exit(code: number | null, signal: NodeJS.Signals | null): void {
    this.exited = true;
    const how = signal ?? `code ${code}`;
    if (OUT_OF_MEMORY.test(this.stderrTail)) {
      this.active?.settle({ error: new ExtractionRejected('too_complex', `Extraction ran out of memory (${how})`) });
    } else {
      this.active?.settle({ error: new ExtractionFailed(`Extraction child exited (${how}): ${this.stderrTail.trim().slice(-2000)}`) });
    }
    this.onExit(this);
  }
}
