import { cliServerUrl } from '../config.ts';
import { VISIBILITIES } from '../domain/file.ts';
import { HELP_OPTION, oneOf, parseCommandArgs, required, wholeNumber } from './args.ts';
import type { CliContext, Command } from './context.ts';
import { EXIT } from './context.ts';
import { tenantApiKey } from './credentials.ts';
import { collectFiles } from './file-walk.ts';
import { importFiles } from './import-run.ts';
import { writeSummary } from './import-report.ts';
import { createApiClient } from './http-client.ts';
import { json, line, printable } from './output.ts';
import { createProgressBar, createProgressLines } from './progress.ts';
import { serverRunsPipeline } from './wait.ts';

const HELP = `Usage: voicefiles import <files or folders...> --tenant <slug> [options]

Upload files, and every file below the folders given, to a tenant.
Inside folders, dot-files are skipped and symlinks leading out of the folder are not followed.
An upload cut off on the way (lost connection, server error) is retried. Each file is
sent with an Idempotency-Key made of the server, tenant, path, size, modification time
and options, so a retry, or the same import run again within 24 hours, stores nothing twice.

Options:
  --tenant <slug>         tenant to upload to (required)
  --customer <id>         customer the files belong to
  --visibility <v>        internal, customer or public (server default: internal)
  --wait                  wait until each file is processed (scanned, indexed)
  --timeout <seconds>     with --wait: give up waiting this long after the import started (default 600)
  --concurrency <n>       uploads at a time (default 4)
  --json                  print the results as a JSON array
  -h, --help              show this help

Exit status: 0 when every file was imported, 1 when any upload failed or a file was
infected, rejected or failed processing, 2 for a wrong command line.
`;

const OPTIONS = {
  ...HELP_OPTION,
  tenant: { type: 'string' },
  customer: { type: 'string' },
  visibility: { type: 'string' },
  wait: { type: 'boolean' },
  timeout: { type: 'string' },
  concurrency: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export const importCommand: Command = {
  name: 'import',
  summary: 'upload files and folders to a tenant',
  help: HELP,
  async run(argv: string[], ctx: CliContext): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS, { min: 1, max: Number.POSITIVE_INFINITY, help: HELP });
    if (values.help) {
      ctx.stdout.write(HELP);
      return EXIT.ok;
    }
    const tenant = required(values.tenant, '--tenant', HELP);
    const visibility = oneOf(values.visibility, VISIBILITIES, '--visibility', HELP);
    const concurrency = wholeNumber(values.concurrency, '--concurrency', { min: 1, max: 64, fallback: 4 }, HELP);
    const timeoutSeconds = wholeNumber(values.timeout, '--timeout', { min: 1, max: 7 * 86400, fallback: 600 }, HELP);
    const started = Date.now();

    const { files, skipped } = await collectFiles(positionals, ctx.cwd);
    if (files.length === 0) {
      line(ctx.stderr, 'voicefiles: no files to import');
      for (const entry of skipped) line(ctx.stderr, `  skipped ${printable(entry.shown)}: ${entry.reason}`);
      return EXIT.failed;
    }
    const client = createApiClient(cliServerUrl(ctx.env));
    const apiKey = await tenantApiKey(client, ctx, tenant);
    const pipeline = values.wait ? await serverRunsPipeline(client) : true;

    const totals = { files: files.length, bytes: files.reduce((sum, f) => sum + f.size, 0), waiting: values.wait === true };
    const progress = ctx.stderr.isTTY ? createProgressBar(ctx.stderr, totals) : createProgressLines(ctx.stderr);
    const results = await importFiles(client, apiKey, files, {
      tenant,
      concurrency,
      ...(values.customer !== undefined ? { customerId: values.customer } : {}),
      ...(visibility ? { visibility } : {}),
      wait: values.wait ? { pipeline, deadline: started + timeoutSeconds * 1000 } : null,
      progress,
    });
    progress.close();

    if (values.json) json(ctx.stdout, results);
    else writeSummary(ctx.stdout, results, skipped, Date.now() - started);
    return results.every((r) => r.ok) ? EXIT.ok : EXIT.failed;
  },
};
