import { cliServerUrl } from '../config.ts';
import { LOCALES } from '../domain/tenant.ts';
import { HELP_OPTION, oneOf, parseCommandArgs } from './args.ts';
import type { CliContext, Command } from './context.ts';
import { EXIT } from './context.ts';
import { cliAdminToken } from './admin-token.ts';
import { createApiClient } from './http-client.ts';
import { json, line } from './output.ts';

const HELP = `Usage: voicefiles tenant create <slug> [--name <name>] [--locale en|de] [--time-zone <zone>] [--json]

Create a tenant and print its first API key. The key is shown only once.

Options:
  --name <name>     display name (default: the slug)
  --locale <en|de>  language the agent speaks for this tenant (default: the server's DEFAULT_LOCALE)
  --time-zone <zone>  IANA time zone for "yesterday", "last week" in spoken queries (default UTC)
  --json            print the server's answer (id, slug, api_key, ...) as JSON
  -h, --help        show this help

Uses the admin token: VOICEFILES_ADMIN_TOKEN, else VOICEFILES_DATA_DIR/admin.token (default ./data).
`;

const OPTIONS = {
  ...HELP_OPTION,
  name: { type: 'string' },
  locale: { type: 'string' },
  'time-zone': { type: 'string' },
  json: { type: 'boolean' },
} as const;

interface CreatedTenant {
  id: string;
  slug: string;
  api_key: string;
}

export const tenantCreateCommand: Command = {
  name: 'tenant create',
  summary: 'create a tenant and print its API key',
  help: HELP,
  async run(argv: string[], ctx: CliContext): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS, { min: 1, max: 1, help: HELP });
    if (values.help) {
      ctx.stdout.write(HELP);
      return EXIT.ok;
    }
    const locale = oneOf(values.locale, LOCALES, '--locale', HELP);
    const client = createApiClient(cliServerUrl(ctx.env));
    const adminToken = await cliAdminToken(ctx);
    const created = await client.request<CreatedTenant>('POST', '/v1/tenants', {
      auth: adminToken,
      json: { slug: positionals[0], ...(values.name !== undefined ? { name: values.name } : {}), ...(locale ? { locale } : {}), ...(values['time-zone'] !== undefined ? { time_zone: values['time-zone'] } : {}) },
    });
    if (values.json) {
      json(ctx.stdout, created);
      return EXIT.ok;
    }
    line(ctx.stdout, `Created tenant ${created.slug} (${created.id}).`);
    line(ctx.stdout, `API key: ${created.api_key}`);
    line(ctx.stderr, 'Store this key now (for example in your secret manager): it is shown only once and cannot be read back.');
    return EXIT.ok;
  },
};
