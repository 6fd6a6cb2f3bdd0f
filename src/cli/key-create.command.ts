import { cliServerUrl } from '../config.ts';
import { cliAdminToken } from './admin-token.ts';
import { HELP_OPTION, parseCommandArgs, required, wholeNumber } from './args.ts';
import type { CliContext, Command } from './context.ts';
import { EXIT } from './context.ts';
import { createApiClient } from './http-client.ts';
import { json, line } from './output.ts';

const HELP = `Usage: voicefiles key create --tenant <slug> --name <name> [--expires-in-days <n>] [--json]

Make another API key for a tenant (for a backend, a script, a colleague) and
print it. The key is shown only once.

Options:
  --tenant <slug>          tenant the key acts for (required)
  --name <name>            what the key is for, 1-100 characters (required)
  --expires-in-days <n>    the key stops working after n days (1-3650); default: never
  --json                   print the server's answer as JSON
  -h, --help               show this help

Uses the admin token: VOICEFILES_ADMIN_TOKEN, else VOICEFILES_DATA_DIR/admin.token (default ./data).
`;

const OPTIONS = { ...HELP_OPTION, tenant: { type: 'string' }, name: { type: 'string' }, 'expires-in-days': { type: 'string' }, json: { type: 'boolean' } } as const;

export const keyCreateCommand: Command = {
  name: 'key create',
  summary: 'make another API key for a tenant',
  help: HELP,
  async run(argv: string[], ctx: CliContext): Promise<number> {
    const { values } = parseCommandArgs(argv, OPTIONS, { min: 0, max: 0, help: HELP });
    if (values.help) {
      ctx.stdout.write(HELP);
      return EXIT.ok;
    }
    const tenant = required(values.tenant, '--tenant', HELP);
    const name = required(values.name, '--name', HELP);
    const days = values['expires-in-days'] === undefined ? undefined : wholeNumber(values['expires-in-days'], '--expires-in-days', { min: 1, max: 3650, fallback: 0 }, HELP);
    const client = createApiClient(cliServerUrl(ctx.env));
    const made = await client.request<{ key_id: string; api_key: string; expires_at: string | null }>('POST', `/v1/tenants/${encodeURIComponent(tenant)}/keys`, {
      auth: await cliAdminToken(ctx),
      json: { name, ...(days !== undefined ? { expires_in_days: days } : {}) },
    });
    if (values.json) {
      json(ctx.stdout, made);
      return EXIT.ok;
    }
    line(ctx.stdout, `Made key ${made.key_id} for ${tenant}${made.expires_at ? `, expiring ${made.expires_at}` : ''}.`);
    line(ctx.stdout, `API key: ${made.api_key}`);
    line(ctx.stderr, 'Store this key now (for example in your secret manager): it is shown only once and cannot be read back.');
    return EXIT.ok;
  },
};
