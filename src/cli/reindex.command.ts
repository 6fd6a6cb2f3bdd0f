import { cliServerUrl } from '../config.ts';
import { UsageError, HELP_OPTION, parseCommandArgs } from './args.ts';
import type { CliContext, Command } from './context.ts';
import { EXIT } from './context.ts';
import { cliAdminToken } from './admin-token.ts';
import { json, line, printable } from './output.ts';
import { createReindexBar, createReindexLines } from './reindex-progress.ts';
import { reindexEvents, type ReindexTenantCount } from './reindex-stream.ts';

const HELP = `Usage: voicefiles reindex (--tenant <slug> | --all) [--json]

Rebuild the search index from the catalog: every live, ready file's current version with its
extracted text, tenant by tenant. Searches keep working meanwhile. The server also rebuilds by
itself at start when a migration left the index empty.

Progress goes to stderr as the server reports it: a bar on a terminal, otherwise a line
per tenant every few seconds and when it finishes. The counts go to stdout at the end.

Options:
  --tenant <slug>   rebuild this tenant
  --all             rebuild every tenant
  --json            print the server's answer as JSON
  -h, --help        show this help

Uses the admin token: VOICEFILES_ADMIN_TOKEN, else VOICEFILES_DATA_DIR/admin.token (default ./data).
`;

const OPTIONS = {
  ...HELP_OPTION,
  tenant: { type: 'string' },
  all: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

export const reindexCommand: Command = {
  name: 'reindex',
  summary: 'rebuild the search index of a tenant or of all tenants',
  help: HELP,
  async run(argv: string[], ctx: CliContext): Promise<number> {
    const { values } = parseCommandArgs(argv, OPTIONS, { min: 0, max: 0, help: HELP });
    if (values.help) {
      ctx.stdout.write(HELP);
      return EXIT.ok;
    }
    if ((values.tenant === undefined) === (values.all !== true)) throw new UsageError('give either --tenant <slug> or --all', HELP);
    const adminToken = await cliAdminToken(ctx);
    const started = Date.now();
    line(ctx.stderr, values.all ? 'Rebuilding the search index of every tenant…' : `Rebuilding the search index of ${values.tenant}…`);
    const view = ctx.stderr.isTTY ? createReindexBar(ctx.stderr) : createReindexLines(ctx.stderr);
    let done: { tenants: ReindexTenantCount[]; indexed: number } | null = null;
    try {
      for await (const event of reindexEvents(cliServerUrl(ctx.env), adminToken, values.tenant !== undefined ? { tenant: values.tenant } : {})) {
        if (event.event === 'progress') view.progress(event);
        else if (event.event === 'done') done = { tenants: event.tenants, indexed: event.indexed };
      }
    } finally {
      view.close();
    }
    if (!done) throw new Error('the server did not report the end of the rebuild');
    if (values.json) {
      json(ctx.stdout, done);
      return EXIT.ok;
    }
    for (const tenant of done.tenants) line(ctx.stdout, `${printable(tenant.slug)}: ${tenant.indexed} files indexed`);
    const seconds = (Date.now() - started) / 1000;
    line(ctx.stdout, `Done: ${done.indexed} files in ${seconds.toFixed(1)} s (${Math.round(done.indexed / Math.max(seconds, 0.001))} files/s).`);
    return EXIT.ok;
  },
};
