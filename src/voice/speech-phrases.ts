import type { ErrorCode } from '../domain/errors.ts';
import type { VersionStatus } from '../domain/file.ts';
import type { SpokenKind } from './file-kinds.ts';

/** One file in a spoken list of results, already turned into words. */
export interface SpokenItem {
  /** The spoken name; "" when nothing speakable was left of it. */
  label: string;
  kind: SpokenKind;
  /** "from May" / "vom Mai" */
  from: string;
  /** A spoken size, only when it is needed to tell two results apart. */
  size?: string;
}

/**
 * The sentences of one language. Each locale implements this once
 * (`en.phrases.ts`, `de.phrases.ts`); speech.ts decides what to say, the
 * phrases decide how. Kept in code rather than in prompts/: the sentences need
 * grammar (articles by gender, plurals, list joining) that flat templates
 * cannot express, and rendering stays pure and synchronous.
 */
export interface Phrases {
  noMatch: string;
  /** Exactly one result. */
  one(item: SpokenItem): string;
  /** Two or three results, all of them said: ask which one. */
  choice(items: readonly SpokenItem[]): string;
  /** More results than said, with a known total. */
  many(items: readonly SpokenItem[], total: number, rest: number): string;
  /** More results than said, total unknown. */
  several(items: readonly SpokenItem[]): string;
  /** The passage that answers a question about content: "It says: Either party may end the lease with three months' notice." */
  says(sentence: string): string;
  /** Said after a result's name when its scan has not run ("not virus-checked yet"). */
  unscannedNote: string;
  /** What to say about a version in this state; null when nothing needs saying. */
  status: Readonly<Record<VersionStatus, string | null>>;
  errors: Readonly<Record<ErrorCode, string>>;
}
