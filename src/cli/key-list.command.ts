import { cliServerUrl } from '../config.ts';
import { cliAdminToken } from './admin-token.ts';
import { HELP_OPTION, parseCommandArgs, required } from './args.ts';
import type { CliContext, Command } from './context.ts';
import { EXIT } from './context.ts';
import { createApiClient } from './http-client.ts';
import { json, line, printable, table } from './output.ts';

const HELP = `Usage: voicefiles key list --tenant <slug> [--json]

List a tenant's API keys: id, name, status (active, expired, revoked), when made
and when they expire. Keys themselves are never shown again after they are made.

Options:
  --tenant <slug>   tenant whose keys to list (required)
  --json            print the keys as a JSON array
  -h, --help        show this help

Uses the admin token: VOICEFILES_ADMIN_TOKEN, else VOICEFILES_DATA_DIR/admin.token (default ./data).
`;

const OPTIONS = { ...HELP_OPTION, tenant: { type: 'string' }, json: { type: 'boolean' } } as const;

/** A key as `GET /v1/tenants/<slug>/keys` lists it. */
export interface KeyView {
  key_id: string;
  name: string | null;
  status: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

export const keyListCommand: Command = {
  name: 'key list',
  summary: "list a tenant's API keys",
  help: HELP,
  async run(argv: string[], ctx: CliContext): Promise<number> {
    const { values } = parseCommandArgs(argv, OPTIONS, { min: 0, max: 0, help: HELP });
    if (values.help) {
      ctx.stdout.write(HELP);
      return EXIT.ok;
    }
    const tenant = required(values.tenant, '--tenant', HELP);
    const client = createApiClient(cliServerUrl(ctx.env));
    const listed = await client.request<{ keys: KeyView[] }>('GET', `/v1/tenants/${encodeURIComponent(tenant)}/keys`, { auth: await cliAdminToken(ctx) });
    if (values.json) {
      json(ctx.stdout, listed.keys);
      return EXIT.ok;
    }
    const rows = listed.keys.map((k) => [k.key_id, printable(k.name ?? '-'), k.status, k.created_at, k.expires_at ?? 'never']);
    if (ctx.stdout.isTTY) line(ctx.stdout, table(['ID', 'NAME', 'STATUS', 'CREATED', 'EXPIRES'], rows));
    else for (const row of rows) line(ctx.stdout, row.join('\t'));
    return EXIT.ok;
  },
};
