import { cliServerUrl } from '../config.ts';
import { ROLES } from '../domain/principal.ts';
import { HELP_OPTION, oneOf, parseCommandArgs, required, wholeNumber } from './args.ts';
import type { CliContext, Command } from './context.ts';
import { EXIT } from './context.ts';
import { tenantApiKey } from './credentials.ts';
import { createApiClient } from './http-client.ts';
import { json, line } from './output.ts';

const HELP = `Usage: voicefiles token --tenant <slug> [--role caller|staff] [--customer <id>] [--call-id <id>] [--ttl <seconds>] [--json]

Issue a session token for one call, as the tenant's backend would, and print it.

Options:
  --tenant <slug>     tenant to act for (required)
  --role <role>       caller (default) or staff
  --customer <id>     the caller's customer id (callers see that customer's files)
  --call-id <id>      the voice platform's call id, kept in the audit log
  --ttl <seconds>     lifetime of the token (server default 3600)
  --json              print {token, expires_at} as JSON
  -h, --help          show this help
`;

const OPTIONS = {
  ...HELP_OPTION,
  tenant: { type: 'string' },
  role: { type: 'string' },
  customer: { type: 'string' },
  'call-id': { type: 'string' },
  ttl: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export const tokenCommand: Command = {
  name: 'token',
  summary: 'issue a session token for a call',
  help: HELP,
  async run(argv: string[], ctx: CliContext): Promise<number> {
    const { values } = parseCommandArgs(argv, OPTIONS, { min: 0, max: 0, help: HELP });
    if (values.help) {
      ctx.stdout.write(HELP);
      return EXIT.ok;
    }
    const tenant = required(values.tenant, '--tenant', HELP);
    const role = oneOf(values.role, ROLES, '--role', HELP);
    const ttl = values.ttl === undefined ? undefined : wholeNumber(values.ttl, '--ttl', { min: 1, max: 31 * 86400, fallback: 0 }, HELP);

    const client = createApiClient(cliServerUrl(ctx.env));
    const apiKey = await tenantApiKey(client, ctx, tenant);
    const session = await client.request<{ token: string; expires_at: string }>('POST', '/v1/sessions', {
      auth: apiKey,
      json: {
        ...(role ? { role } : {}),
        ...(values['call-id'] !== undefined ? { call_id: values['call-id'] } : {}),
        ...(values.customer !== undefined ? { caller: { customer_id: values.customer } } : {}),
        ...(ttl !== undefined ? { ttl_seconds: ttl } : {}),
      },
    });
    if (values.json) json(ctx.stdout, session);
    else line(ctx.stdout, session.token);
    return EXIT.ok;
  },
};
