import { cliServerUrl } from '../config.ts';
import { HELP_OPTION, parseCommandArgs, required } from './args.ts';
import type { CliContext, Command } from './context.ts';
import { EXIT } from './context.ts';
import { tenantApiKey } from './credentials.ts';
import { listAllFiles, type FileView } from './file-api.ts';
import { createApiClient } from './http-client.ts';
import { formatBytes, json, line, printable, table } from './output.ts';

const HELP = `Usage: voicefiles files --tenant <slug> [--json]

List every file of a tenant: a table on a terminal, tab-separated lines otherwise.

Options:
  --tenant <slug>   tenant whose files to list (required)
  --json            print the files as a JSON array
  -h, --help        show this help
`;

const OPTIONS = {
  ...HELP_OPTION,
  tenant: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const HEADERS = ['ID', 'NAME', 'STATUS', 'SIZE', 'VISIBILITY', 'CUSTOMER', 'UPDATED'];

function row(file: FileView, human: boolean): string[] {
  return [
    file.file_id,
    printable(file.name),
    file.status,
    human ? formatBytes(file.size) : String(file.size),
    file.visibility,
    printable(file.customer_id ?? (human ? '-' : '')),
    file.updated_at,
  ];
}

export const filesCommand: Command = {
  name: 'files',
  summary: "list a tenant's files",
  help: HELP,
  async run(argv: string[], ctx: CliContext): Promise<number> {
    const { values } = parseCommandArgs(argv, OPTIONS, { min: 0, max: 0, help: HELP });
    if (values.help) {
      ctx.stdout.write(HELP);
      return EXIT.ok;
    }
    const tenant = required(values.tenant, '--tenant', HELP);
    const client = createApiClient(cliServerUrl(ctx.env));
    const apiKey = await tenantApiKey(client, ctx, tenant);
    const files = await listAllFiles(client, apiKey);
    if (values.json) {
      json(ctx.stdout, files);
    } else if (ctx.stdout.isTTY) {
      if (files.length === 0) line(ctx.stdout, `No files in ${tenant} yet.`);
      else line(ctx.stdout, table(HEADERS, files.map((file) => row(file, true))));
    } else {
      for (const file of files) line(ctx.stdout, row(file, false).join('\t'));
    }
    return EXIT.ok;
  },
};
