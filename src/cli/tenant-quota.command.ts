import { cliServerUrl } from '../config.ts';
import { HELP_OPTION, parseCommandArgs, UsageError } from './args.ts';
import type { CliContext, Command } from './context.ts';
import { EXIT } from './context.ts';
import { cliAdminToken } from './admin-token.ts';
import { createApiClient } from './http-client.ts';
import { json, line } from './output.ts';

const HELP = `Usage: voicefiles tenant set-quota <slug> [--bytes <size|none>] [--files <count|none>] [--trash-days <days>] [--time-zone <zone>] [--json]

Set a tenant's quota (what it may store), its trash period or its time zone. Identical content counts once.
At 80% and 95% (QUOTA_WARN_PERCENTS) the tenant gets a warning; at 100% uploads are refused
with 413 quota_exceeded.

Options:
  --bytes <size|none>   byte quota: a number of bytes or with a unit (500MB, 10GiB); none removes it
  --files <count|none>  file-count quota; none removes it
  --trash-days <days>   days a deleted file stays restorable (0 to 3650)
  --time-zone <zone>    IANA time zone for "yesterday", "last week" in spoken queries (Europe/Berlin, UTC)
  --json                print the server's answer as JSON
  -h, --help            show this help

Uses the admin token: VOICEFILES_ADMIN_TOKEN, else VOICEFILES_DATA_DIR/admin.token (default ./data).
`;

const OPTIONS = {
  ...HELP_OPTION,
  bytes: { type: 'string' },
  files: { type: 'string' },
  'trash-days': { type: 'string' },
  'time-zone': { type: 'string' },
  json: { type: 'boolean' },
} as const;

const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40 };

/** `1500`, `500MB`, `10 GiB`, `1.5GB` as bytes; units are case-insensitive. */
export function parseSize(value: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
  const unit = UNITS[match?.[2]?.toLowerCase() ?? 'x'];
  const bytes = match && unit !== undefined ? Math.round(Number(match[1]) * unit) : NaN;
  if (!Number.isSafeInteger(bytes)) throw new UsageError(`${flag} must be a size such as 1500, 500MB or 10GiB, or none (got '${value}')`, HELP);
  return bytes;
}

function parseCount(value: string, flag: string, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) > max) throw new UsageError(`${flag} must be a whole number up to ${max} (got '${value}')`, HELP);
  return Number(value);
}

interface TenantAnswer {
  slug: string;
  quota_bytes: number | null;
  quota_files: number | null;
  trash_days: number;
  time_zone?: string;
}

export const tenantQuotaCommand: Command = {
  name: 'tenant set-quota',
  summary: "set a tenant's byte and file quota or trash period",
  help: HELP,
  async run(argv: string[], ctx: CliContext): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS, { min: 1, max: 1, help: HELP });
    if (values.help) {
      ctx.stdout.write(HELP);
      return EXIT.ok;
    }
    const body: Record<string, unknown> = {};
    const unset: string[] = [];
    if (values.bytes !== undefined) {
      if (values.bytes === 'none') unset.push('quota_bytes');
      else body.quota_bytes = parseSize(values.bytes, '--bytes');
    }
    if (values.files !== undefined) {
      if (values.files === 'none') unset.push('quota_files');
      else body.quota_files = parseCount(values.files, '--files', Number.MAX_SAFE_INTEGER);
    }
    if (values['trash-days'] !== undefined) body.trash_days = parseCount(values['trash-days'], '--trash-days', 3650);
    if (values['time-zone'] !== undefined) body.time_zone = values['time-zone'];
    if (unset.length > 0) body.unset = unset;
    if (Object.keys(body).length === 0) throw new UsageError('give at least one of --bytes, --files, --trash-days, --time-zone', HELP);
    const client = createApiClient(cliServerUrl(ctx.env));
    const tenant = await client.request<TenantAnswer>('PATCH', `/v1/tenants/${encodeURIComponent(positionals[0]!)}`, { auth: await cliAdminToken(ctx), json: body });
    if (values.json) {
      json(ctx.stdout, tenant);
      return EXIT.ok;
    }
    const bytes = tenant.quota_bytes === null ? 'no byte quota' : `${tenant.quota_bytes} bytes`;
    const files = tenant.quota_files === null ? 'no file quota' : `${tenant.quota_files} files`;
    line(ctx.stdout, `Tenant ${tenant.slug}: ${bytes}, ${files}, trash kept ${tenant.trash_days} days${tenant.time_zone ? `, time zone ${tenant.time_zone}` : ''}.`);
    return EXIT.ok;
  },
};
