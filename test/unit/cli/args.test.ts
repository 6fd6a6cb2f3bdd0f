import { describe, expect, it } from 'vitest';
import { HELP_OPTION, oneOf, parseCommandArgs, required, UsageError, wholeNumber } from '../../../src/cli/args.ts';
import { runInProcess } from './cli-harness.ts';

const OPTIONS = { ...HELP_OPTION, tenant: { type: 'string' }, wait: { type: 'boolean' } } as const;
const SPEC = { min: 1, max: Number.POSITIVE_INFINITY, help: 'HELP TEXT' };

describe('parseCommandArgs', () => {
  it('reads flags and positionals in any order', () => {
    const { values, positionals } = parseCommandArgs(['a.pdf', '--tenant', 'acme', 'docs', '--wait'], OPTIONS, SPEC);
    expect(values).toEqual({ tenant: 'acme', wait: true });
    expect(positionals).toEqual(['a.pdf', 'docs']);
    expect(parseCommandArgs(['--tenant=acme', 'x'], OPTIONS, SPEC).values.tenant).toBe('acme');
  });

  it('turns an unknown flag or a missing value into a UsageError carrying the help', () => {
    expect(() => parseCommandArgs(['x', '--tenat', 'acme'], OPTIONS, SPEC)).toThrow(UsageError);
    expect(() => parseCommandArgs(['x', '--tenant'], OPTIONS, SPEC)).toThrow(/--tenant/);
    const error = (() => {
      try {
        parseCommandArgs(['x', '--nope'], OPTIONS, SPEC);
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).help).toBe('HELP TEXT');
  });

  it('checks the number of positionals, except when help is asked for', () => {
    expect(() => parseCommandArgs([], OPTIONS, SPEC)).toThrow('missing argument');
    expect(() => parseCommandArgs(['a', 'b'], OPTIONS, { min: 1, max: 1, help: '' })).toThrow("unexpected argument 'b'");
    expect(parseCommandArgs(['--help'], OPTIONS, SPEC).values.help).toBe(true);
    expect(parseCommandArgs(['-h'], OPTIONS, SPEC).values.help).toBe(true);
  });
});

describe('value checks', () => {
  it('oneOf accepts listed values only', () => {
    expect(oneOf('de', ['en', 'de'], '--locale', '')).toBe('de');
    expect(oneOf(undefined, ['en', 'de'], '--locale', '')).toBeUndefined();
    expect(() => oneOf('fr', ['en', 'de'], '--locale', '')).toThrow("--locale must be one of en, de (got 'fr')");
  });

  it('wholeNumber enforces digits and range, with a fallback', () => {
    const range = { min: 1, max: 64, fallback: 4 };
    expect(wholeNumber(undefined, '--concurrency', range, '')).toBe(4);
    expect(wholeNumber('16', '--concurrency', range, '')).toBe(16);
    for (const bad of ['0', '65', '2.5', '-1', 'four', '', '1e2']) {
      expect(() => wholeNumber(bad, '--concurrency', range, ''), bad).toThrow(UsageError);
    }
  });

  it('required refuses a missing or empty value', () => {
    expect(required('acme', '--tenant', '')).toBe('acme');
    expect(() => required(undefined, '--tenant', '')).toThrow('--tenant is required');
    expect(() => required('', '--tenant', '')).toThrow('--tenant is required');
  });
});

describe('command dispatch', () => {
  const env = { VOICEFILES_URL: 'http://127.0.0.1:1' };

  it('prints the overview on --help (stdout, exit 0) and without a command (stderr, exit 2)', async () => {
    const help = await runInProcess(['--help'], env);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    for (const name of ['serve', 'tenant create', 'token', 'import', 'files']) expect(help.stdout).toContain(`  ${name}`);
    const none = await runInProcess([], env);
    expect(none).toMatchObject({ code: 2, stdout: '' });
    expect(none.stderr).toContain('Usage: voicefiles <command>');
  });

  it('rejects an unknown command or subcommand with the usage on stderr, exit 2', async () => {
    const unknown = await runInProcess(['upload', 'x'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^voicefiles: unknown command 'upload'\n\nUsage: voicefiles <command>/);
    const sub = await runInProcess(['tenant', 'delete', 'acme'], env);
    expect(sub.code).toBe(2);
    expect(sub.stderr).toContain("unknown command 'tenant delete'");
    expect((await runInProcess(['tenant'], env)).stderr).toContain("'tenant' needs a subcommand");
  });

  it('gives every command its own --help, and `help <command>` prints the same', async () => {
    for (const [args, first] of [
      [['tenant', 'create', '--help'], 'Usage: voicefiles tenant create <slug>'],
      [['token', '-h'], 'Usage: voicefiles token --tenant'],
      [['import', '--help'], 'Usage: voicefiles import <files or folders...>'],
      [['files', '--help'], 'Usage: voicefiles files --tenant'],
      [['serve', '--help'], 'Usage: voicefiles serve'],
      [['help', 'import'], 'Usage: voicefiles import'],
    ] as const) {
      const run = await runInProcess([...args], env);
      expect(run.code, args.join(' ')).toBe(0);
      expect(run.stdout.startsWith(first), args.join(' ')).toBe(true);
    }
  });

  it('rejects an unknown flag, a bad value or a missing --tenant before any request, exit 2', async () => {
    for (const args of [
      ['import', 'docs', '--tenant', 'acme', '--recursive'],
      ['import', 'docs', '--tenant', 'acme', '--concurrency', '0'],
      ['import', 'docs', '--tenant', 'acme', '--visibility', 'secret'],
      ['import', 'docs'],
      ['token', '--tenant', 'acme', '--role', 'admin'],
      ['files', 'extra', '--tenant', 'acme'],
      ['tenant', 'create', 'acme', '--locale', 'fr'],
    ]) {
      const run = await runInProcess(args, env);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(/^voicefiles [a-z ]+: .+\n\nUsage: voicefiles /);
      expect(run.stdout).toBe('');
    }
  });
});
