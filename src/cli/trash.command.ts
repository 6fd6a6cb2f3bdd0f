import { cliServerUrl } from '../config.ts';
import { HELP_OPTION, parseCommandArgs, required } from './args.ts';
import type { CliContext, Command } from './context.ts';
import { EXIT } from './context.ts';
import { tenantApiKey } from './credentials.ts';
import type { FileView } from './file-api.ts';
import { createApiClient, type ApiClient } from './http-client.ts';
import { formatBytes, json, line, printable, table } from './output.ts';

interface TrashedView extends FileView {
  trashed_at: string | null;
  purge_after: string | null;
}

const OPTIONS = { ...HELP_OPTION, tenant: { type: 'string' }, json: { type: 'boolean' } } as const;

/** One tenant command: parse, help, the tenant's API key, then `work`. */
function tenantCommand(name: string, summary: string, help: string, args: { min: number; max: number }, work: (client: ApiClient, apiKey: string, positionals: string[], ctx: CliContext, asJson: boolean) => Promise<number>): Command {
  return {
    name,
    summary,
    help,
    async run(argv: string[], ctx: CliContext): Promise<number> {
      const { values, positionals } = parseCommandArgs(argv, OPTIONS, { ...args, help });
      if (values.help) {
        ctx.stdout.write(help);
        return EXIT.ok;
      }
      const tenant = required(values.tenant, '--tenant', help);
      const client = createApiClient(cliServerUrl(ctx.env));
      return work(client, await tenantApiKey(client, ctx, tenant), positionals, ctx, values.json === true);
    },
  };
}

const path = (fileId: string, rest = '') => `/v1/files/${encodeURIComponent(fileId)}${rest}`;

const RM_HELP = `Usage: voicefiles rm --tenant <slug> <file_id>... [--json]

Delete files: each moves to the trash, gone at once from find, listings and shares, and can be
restored with 'voicefiles trash restore' until it is purged (the tenant's trash_days after the
delete). A file a legal hold or a retention minimum keeps is refused, with the reason.

Options:
  --tenant <slug>   tenant of the files (required)
  --json            print the answers as JSON
  -h, --help        show this help
`;

export const rmCommand = tenantCommand('rm', 'delete files (to the trash)', RM_HELP, { min: 1, max: 1000 }, async (client, apiKey, ids, ctx, asJson) => {
  const done: TrashedView[] = [];
  for (const id of ids) done.push(await client.request<TrashedView>('DELETE', path(id), { auth: apiKey }));
  if (asJson) json(ctx.stdout, done);
  else for (const file of done) line(ctx.stdout, `${file.file_id}\t${printable(file.name)}\tin the trash until ${file.purge_after}`);
  return EXIT.ok;
});

const LIST_HELP = `Usage: voicefiles trash list --tenant <slug> [--json]

List the tenant's trash: deleted files, each restorable until its purge date.

Options:
  --tenant <slug>   tenant whose trash to list (required)
  --json            print the files as a JSON array
  -h, --help        show this help
`;

export const trashListCommand = tenantCommand('trash list', "list a tenant's trash", LIST_HELP, { min: 0, max: 0 }, async (client, apiKey, _ids, ctx, asJson) => {
  const files: TrashedView[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.request<{ files: TrashedView[]; next_cursor: string | null }>('GET', '/v1/files', { auth: apiKey, query: { trashed: 'true', limit: 100, cursor } });
    files.push(...page.files);
    cursor = page.next_cursor ?? undefined;
  } while (cursor !== undefined);
  const row = (f: TrashedView, human: boolean) => [f.file_id, printable(f.name), human ? formatBytes(f.size) : String(f.size), f.trashed_at ?? '', f.purge_after ?? ''];
  if (asJson) json(ctx.stdout, files);
  else if (ctx.stdout.isTTY) line(ctx.stdout, files.length === 0 ? 'The trash is empty.' : table(['ID', 'NAME', 'SIZE', 'DELETED', 'PURGED AFTER'], files.map((f) => row(f, true))));
  else for (const file of files) line(ctx.stdout, row(file, false).join('\t'));
  return EXIT.ok;
});

const RESTORE_HELP = `Usage: voicefiles trash restore --tenant <slug> <file_id>... [--json]

Take files out of the trash; they are found, listed and shared again as before.

Options:
  --tenant <slug>   tenant of the files (required)
  --json            print the answers as JSON
  -h, --help        show this help
`;

export const trashRestoreCommand = tenantCommand('trash restore', 'restore files from the trash', RESTORE_HELP, { min: 1, max: 1000 }, async (client, apiKey, ids, ctx, asJson) => {
  const done: TrashedView[] = [];
  for (const id of ids) done.push(await client.request<TrashedView>('POST', path(id, '/restore'), { auth: apiKey }));
  if (asJson) json(ctx.stdout, done);
  else for (const file of done) line(ctx.stdout, `${file.file_id}\t${printable(file.name)}\trestored`);
  return EXIT.ok;
});

const EMPTY_HELP = `Usage: voicefiles trash empty --tenant <slug> [--json]

Purge the tenant's trash now, for good: versions, text, search entries and stored bytes no
other file shares. Files a legal hold covers stay, and are counted.

Options:
  --tenant <slug>   tenant whose trash to empty (required)
  --json            print the answer as JSON
  -h, --help        show this help
`;

interface Emptied {
  purged_files: number;
  purged_versions: number;
  purged_bytes: number;
  deleted_blobs: number;
  held: number;
}

export const trashEmptyCommand = tenantCommand('trash empty', "purge a tenant's trash now", EMPTY_HELP, { min: 0, max: 0 }, async (client, apiKey, _ids, ctx, asJson) => {
  const result = await client.request<Emptied>('POST', '/v1/trash/empty', { auth: apiKey });
  if (asJson) json(ctx.stdout, result);
  else line(ctx.stdout, `Purged ${result.purged_files} files (${result.purged_versions} versions, ${formatBytes(result.purged_bytes)}); ${result.deleted_blobs} stored objects deleted${result.held > 0 ? `; ${result.held} kept by legal holds` : ''}.`);
  return EXIT.ok;
});

export const trashCommands: readonly Command[] = [rmCommand, trashListCommand, trashRestoreCommand, trashEmptyCommand];
