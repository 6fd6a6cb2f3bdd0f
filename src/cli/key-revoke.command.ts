import { cliServerUrl } from '../config.ts';
import { cliAdminToken } from './admin-token.ts';
import { HELP_OPTION, parseCommandArgs, required } from './args.ts';
import type { CliContext, Command } from './context.ts';
import { EXIT } from './context.ts';
import { createApiClient } from './http-client.ts';
import { json, line } from './output.ts';

const HELP = `Usage: voicefiles key revoke <key-id> --tenant <slug> [--json]

Revoke one of a tenant's API keys at once: every request with it is refused from
then on. Revoking a key twice is not an error. 'voicefiles key list' shows the ids.

Options:
  --tenant <slug>   tenant the key belongs to (required)
  --json            print the revoked key as JSON
  -h, --help        show this help

Uses the admin token: VOICEFILES_ADMIN_TOKEN, else VOICEFILES_DATA_DIR/admin.token (default ./data).
`;

const OPTIONS = { ...HELP_OPTION, tenant: { type: 'string' }, json: { type: 'boolean' } } as const;

export const keyRevokeCommand: Command = {
  name: 'key revoke',
  summary: "revoke one of a tenant's API keys",
  help: HELP,
  async run(argv: string[], ctx: CliContext): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS, { min: 1, max: 1, help: HELP });
    if (values.help) {
      ctx.stdout.write(HELP);
      return EXIT.ok;
    }
    const tenant = required(values.tenant, '--tenant', HELP);
    const keyId = positionals[0] ?? '';
    const client = createApiClient(cliServerUrl(ctx.env));
    const revoked = await client.request<{ key_id: string; revoked_at: string }>('DELETE', `/v1/tenants/${encodeURIComponent(tenant)}/keys/${encodeURIComponent(keyId)}`, {
      auth: await cliAdminToken(ctx),
    });
    if (values.json) json(ctx.stdout, revoked);
    else line(ctx.stdout, `Revoked key ${revoked.key_id} of ${tenant} (${revoked.revoked_at}).`);
    return EXIT.ok;
  },
};
