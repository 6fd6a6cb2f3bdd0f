/**
 * The listening test: every word of a list, spoken by espeak-ng in each condition
 * (voices x speeds), passed through a telephone-band channel with noise, then
 * recognised by pocketsphinx constrained to the list. A proxy for a caller's ear
 * on a phone line, not a measurement of one (see README.md).
 *
 *   node --import tsx scripts/listening-test/listening-test.ts            the shipped English list, results committed
 *   node --import tsx scripts/listening-test/listening-test.ts --sample 40  a quick look at 40 words (writes nothing)
 */
import { copyFile, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { recogniseWords } from './constrained-recogniser.ts';
import { conditionName, speakThroughPhoneLine, type Condition } from './telephone-channel.ts';

/** Two voices (a male and a female US English voice) at two speeds. */
export const DEFAULT_CONDITIONS: readonly Condition[] = [
  { voice: 'en-us', speed: 130 },
  { voice: 'en-us', speed: 180 },
  { voice: 'en-us+f1', speed: 130 },
  { voice: 'en-us+f1', speed: 180 },
];
/** Pink noise this many dB below the speech. */
export const DEFAULT_SNR_DB = 20;
/** A word survives when it is recognised in at least this many of the conditions. */
export const MIN_CORRECT = 3;

/** What was heard for one word in each condition. */
export interface WordResult {
  word: string;
  /** Condition name -> recognised word ('' for nothing). */
  heard: Record<string, string>;
  correct: number;
}

export interface ListeningReport {
  conditions: readonly Condition[];
  snrDb: number;
  words: WordResult[];
}

export interface ListeningOptions {
  words: readonly string[];
  /** CMUdict pronunciations of every word (the recogniser's dictionary). */
  pronunciations: ReadonlyMap<string, readonly string[]>;
  conditions?: readonly Condition[];
  snrDb?: number;
  /** Words synthesised at once (espeak-ng and sox are single-threaded). */
  concurrency?: number;
  /** The grammar's words, when it should hold more than the words spoken (a sample of a list). */
  grammarWords?: readonly string[];
  onProgress?: (done: number, total: number) => void;
  /**
   * Keep each word's audio here and reuse it (the audio of a word in a condition never changes:
   * sox runs repeatably), so that a curation round synthesises only the words new to it.
   */
  audioCacheDir?: string;
}

/** Speak, degrade and recognise every word in every condition. */
export async function runListeningTest(options: ListeningOptions): Promise<ListeningReport> {
  const conditions = options.conditions ?? DEFAULT_CONDITIONS;
  const snrDb = options.snrDb ?? DEFAULT_SNR_DB;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'listening-test-'));
  try {
    const jobs = options.words.flatMap((word, w) => conditions.map((condition, c) => ({ word, condition, id: `w${w}c${c}` })));
    let done = 0;
    await eachLimited(jobs, options.concurrency ?? Math.max(1, Math.min(2, os.cpus().length)), async (job) => {
      const out = path.join(dir, `${job.id}.wav`);
      const cached = options.audioCacheDir ? path.join(options.audioCacheDir, `${conditionName(job.condition)}@${snrDb}dB`, `${job.word}.wav`) : null;
      if (cached && (await stat(cached).then((s) => s.size > 0, () => false))) {
        await copyFile(cached, out);
      } else {
        await speakThroughPhoneLine(job.word, job.condition, snrDb, path.join(dir, `${job.id}.tmp`), out);
        if (cached) {
          await mkdir(path.dirname(cached), { recursive: true });
          await copyFile(out, cached);
        }
      }
      options.onProgress?.(++done, jobs.length);
    });
    const heard = await recogniseWords(dir, jobs.map((job) => job.id), options.grammarWords ?? options.words, options.pronunciations);
    const words = options.words.map((word, w): WordResult => {
      const byCondition = Object.fromEntries(conditions.map((condition, c) => [conditionName(condition), heard.get(`w${w}c${c}`) ?? '']));
      return { word, heard: byCondition, correct: Object.values(byCondition).filter((h) => h === word).length };
    });
    return { conditions, snrDb, words };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Words recognised in fewer than `minCorrect` conditions. */
export function failingWords(report: ListeningReport, minCorrect = MIN_CORRECT): WordResult[] {
  return report.words.filter((result) => result.correct < minCorrect);
}

/** Every misrecognition: the word spoken, what was heard, and in which condition. */
export function confusions(report: ListeningReport): Array<{ spoken: string; heard: string; condition: string }> {
  return report.words.flatMap((result) =>
    Object.entries(result.heard).filter(([, heard]) => heard !== result.word).map(([condition, heard]) => ({ spoken: result.word, heard: heard || '(nothing)', condition })),
  );
}

/** Share of utterances recognised correctly, overall and per condition. */
export function accuracy(report: ListeningReport): { overall: number; byCondition: Record<string, number> } {
  const names = report.conditions.map(conditionName);
  const byCondition = Object.fromEntries(names.map((name) => [name, report.words.filter((r) => r.heard[name] === r.word).length / Math.max(1, report.words.length)]));
  const overall = report.words.reduce((sum, r) => sum + r.correct, 0) / Math.max(1, report.words.length * names.length);
  return { overall, byCondition };
}

async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { main } = await import('./listening-test.cli.ts');
  await main(process.argv.slice(2));
}
