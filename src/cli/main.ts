import { UsageError } from './args.ts';
import type { CliContext, Command, ProcessLauncher } from './context.ts';
import { EXIT } from './context.ts';
import { filesCommand } from './files.command.ts';
import { trashCommands } from './trash.command.ts';
import { ApiError, ServerUnreachableError } from './http-client.ts';
import { importCommand } from './import.command.ts';
import { keyCreateCommand } from './key-create.command.ts';
import { keyListCommand } from './key-list.command.ts';
import { keyRevokeCommand } from './key-revoke.command.ts';
import { line, printable } from './output.ts';
import { reindexCommand } from './reindex.command.ts';
import { serveCommand } from './serve.command.ts';
import { workerCommand } from './worker.command.ts';
import { tenantCreateCommand } from './tenant-create.command.ts';
import { tenantQuotaCommand } from './tenant-quota.command.ts';
import { customerEraseCommand, customerExportCommand } from './customer.command.ts';
import { tokenCommand } from './token.command.ts';
import { agentKeyCommands } from './agent-key.command.ts';

/** Every command, in the order the overview lists them. */
export const COMMANDS: readonly Command[] = [
  serveCommand,
  workerCommand,
  tenantCreateCommand,
  tenantQuotaCommand,
  keyListCommand,
  keyCreateCommand,
  keyRevokeCommand,
  tokenCommand,
  ...agentKeyCommands,
  importCommand,
  filesCommand,
  customerExportCommand,
  customerEraseCommand,
  reindexCommand,
  ...trashCommands,
];

/** The overview printed by `voicefiles --help` and on a wrong command. */
export function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const rows = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return `Usage: voicefiles <command> [options]

Commands:
${rows}

Run 'voicefiles <command> --help' for a command's options.
The server is found at VOICEFILES_URL (default http://127.0.0.1:8080). Admin commands (tenant,
key) use the admin token from VOICEFILES_ADMIN_TOKEN, else VOICEFILES_DATA_DIR/admin.token
(default ./data). Tenant commands use an API key the CLI makes once and keeps in
VOICEFILES_CONFIG_DIR/credentials.json (default ~/.config/voicefiles, mode 0600).
`;
}

/** Pick the command: two words for `tenant create` and `key ...`, one for the rest. */
function findCommand(args: string[]): { command: Command; rest: string[] } | null {
  const two = `${args[0]} ${args[1]}`;
  const byTwo = COMMANDS.find((c) => c.name === two);
  if (byTwo) return { command: byTwo, rest: args.slice(2) };
  const byOne = COMMANDS.find((c) => c.name === args[0]);
  return byOne ? { command: byOne, rest: args.slice(1) } : null;
}

/** Run one command line (without `node` and the script) and return the exit code. */
export async function runCli(args: string[], ctx: CliContext): Promise<number> {
  const first = args[0];
  if (first === undefined) {
    ctx.stderr.write(overview());
    return EXIT.usage;
  }
  if (first === '--help' || first === '-h' || (first === 'help' && args.length === 1)) {
    ctx.stdout.write(overview());
    return EXIT.ok;
  }
  const found = first === 'help' ? findCommand(args.slice(1)) : findCommand(args);
  if (found === null) {
    const group = COMMANDS.some((c) => c.name.startsWith(`${first} `));
    if (group && (args[1] === '--help' || args[1] === '-h')) {
      ctx.stdout.write(overview());
      return EXIT.ok;
    }
    const problem =
      group && (args[1] === undefined || args[1].startsWith('-'))
        ? `'${printable(first)}' needs a subcommand`
        : `unknown command '${printable(group ? `${first} ${args[1]}` : first)}'`;
    ctx.stderr.write(`voicefiles: ${problem}\n\n${overview()}`);
    return EXIT.usage;
  }
  if (first === 'help') {
    ctx.stdout.write(found.command.help);
    return EXIT.ok;
  }
  try {
    return await found.command.run(found.rest, ctx);
  } catch (error) {
    return reportFailure(error, found.command, ctx);
  }
}

function reportFailure(error: unknown, command: Command, ctx: CliContext): number {
  if (error instanceof UsageError) {
    ctx.stderr.write(`voicefiles ${command.name}: ${error.message}\n\n${error.help ?? command.help}`);
    return EXIT.usage;
  }
  if (error instanceof ServerUnreachableError) {
    line(ctx.stderr, error.message);
    return EXIT.failed;
  }
  if (error instanceof ApiError) {
    line(ctx.stderr, `voicefiles ${command.name}: ${printable(error.message)} (${error.code})`);
    for (const [field, problem] of Object.entries(error.details ?? {})) line(ctx.stderr, `  ${printable(field)}: ${printable(String(problem))}`);
    if (error.status === 401) line(ctx.stderr, "The server refused the credential: the CLI must use the server's admin token (VOICEFILES_ADMIN_TOKEN, or VOICEFILES_DATA_DIR/admin.token).");
    return EXIT.failed;
  }
  const message = error instanceof Error ? error.message : String(error);
  line(ctx.stderr, `voicefiles ${command.name}: ${message}`);
  return EXIT.failed;
}

/** Entry point for bin/voicefiles.js: runs `argv` (process.argv) and sets the exit code. */
export async function main(argv: string[], launcher?: ProcessLauncher): Promise<void> {
  process.exitCode = await runCli(argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), ...(launcher ? { launcher } : {}) });
}
