import { parseArgs, type ParseArgsConfig } from 'node:util';

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** The command line is wrong; main prints the message and the usage on stderr and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    /** The help text of the command that was being parsed. */
    readonly help?: string,
  ) {
    super(message);
  }
}

/** `--help`/`-h`, accepted by every command. */
export const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * Parse a command's arguments strictly (unknown flags are errors) and check the
 * number of positionals. Parse errors become UsageError.
 */
export function parseCommandArgs<O extends ParseArgsOptionsConfig>(
  argv: string[],
  options: O,
  positionals: { min: number; max: number; help: string },
) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message, positionals.help);
  }
  const wantsHelp = (parsed.values as Record<string, unknown>).help === true;
  if (!wantsHelp) {
    const count = parsed.positionals.length;
    if (count < positionals.min) throw new UsageError(count === 0 ? 'missing argument' : 'not enough arguments', positionals.help);
    if (count > positionals.max) throw new UsageError(`unexpected argument '${parsed.positionals[positionals.max]}'`, positionals.help);
  }
  return parsed;
}

/** The value if it is one of `allowed`; undefined stays undefined. */
export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, help: string): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got '${value}')`, help);
}

/** A whole number from `min` to `max`; undefined gives `fallback`. */
export function wholeNumber(value: string | undefined, flag: string, range: { min: number; max: number; fallback: number }, help: string): number {
  if (value === undefined) return range.fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < range.min || number > range.max) {
    throw new UsageError(`${flag} must be a whole number from ${range.min} to ${range.max} (got '${value}')`, help);
  }
  return number;
}

/** A required flag's value. */
export function required(value: string | undefined, flag: string, help: string): string {
  if (value === undefined || value === '') throw new UsageError(`${flag} is required`, help);
  return value;
}
