import { cliServerUrl } from '../config.ts';
import { ROLES, SCOPES, type Scope } from '../domain/principal.ts';
import { HELP_OPTION, oneOf, parseCommandArgs, required, UsageError, wholeNumber } from './args.ts';
import type { CliContext, Command } from './context.ts';
import { EXIT } from './context.ts';
import { tenantApiKey } from './credentials.ts';
import { createApiClient } from './http-client.ts';
import { json, line, printable, table } from './output.ts';

interface AgentKeyView {
  id: string;
  name: string;
  role: string;
  scopes: string[];
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  key?: string;
}

const CREATE_HELP = `Usage: voicefiles agent-key create --tenant <slug> [--role caller|staff] [--scopes read,share,upload] [--name <text>] [--expires-in-days <n>] [--json]

Issue an agent key: a static credential for a voice platform configured once per assistant
(Vapi server.headers, ElevenLabs secret token, Retell custom headers). Its role, scopes and
expiry are fixed now; platform call facts (X-Call-Id, caller number) never widen them.
The key is printed once.

Options:
  --tenant <slug>          tenant to act for (required)
  --role <role>            caller (default: public files only) or staff
  --scopes <list>          comma-separated: read (default), share, upload
  --name <text>            a label, e.g. the platform and assistant
  --expires-in-days <n>    1-3650, default 365
  --json                   print the server's answer as JSON
  -h, --help               show this help
`;

const LIST_HELP = `Usage: voicefiles agent-key list --tenant <slug> [--json]

List a tenant's agent keys (never the keys themselves), newest first.
`;

const REVOKE_HELP = `Usage: voicefiles agent-key revoke --tenant <slug> <key id>

Revoke an agent key. Its connections close at their next message; on other server nodes
within five seconds.
`;

function scopesOf(value: string | undefined): Scope[] | undefined {
  if (value === undefined) return undefined;
  const scopes = value.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (scopes.length === 0 || unknown.length > 0) throw new UsageError(`--scopes must list some of ${SCOPES.join(', ')} (got '${value}')`, CREATE_HELP);
  return scopes as Scope[];
}

async function client(ctx: CliContext, tenant: string) {
  const api = createApiClient(cliServerUrl(ctx.env));
  return { api, apiKey: await tenantApiKey(api, ctx, tenant) };
}

const createCommand: Command = {
  name: 'agent-key create',
  summary: 'issue an agent key for a voice platform',
  help: CREATE_HELP,
  async run(argv, ctx) {
    const options = { ...HELP_OPTION, tenant: { type: 'string' }, role: { type: 'string' }, scopes: { type: 'string' }, name: { type: 'string' }, 'expires-in-days': { type: 'string' }, json: { type: 'boolean' } } as const;
    const { values } = parseCommandArgs(argv, options, { min: 0, max: 0, help: CREATE_HELP });
    if (values.help) return ctx.stdout.write(CREATE_HELP), EXIT.ok;
    const tenant = required(values.tenant, '--tenant', CREATE_HELP);
    const role = oneOf(values.role, ROLES, '--role', CREATE_HELP);
    const scopes = scopesOf(values.scopes);
    const days = values['expires-in-days'] === undefined ? undefined : wholeNumber(values['expires-in-days'], '--expires-in-days', { min: 1, max: 3650, fallback: 365 }, CREATE_HELP);
    const { api, apiKey } = await client(ctx, tenant);
    const created = await api.request<AgentKeyView>('POST', '/v1/agent-keys', {
      auth: apiKey,
      json: { ...(role ? { role } : {}), ...(scopes ? { scopes } : {}), ...(values.name !== undefined ? { name: values.name } : {}), ...(days !== undefined ? { expires_in_days: days } : {}) },
    });
    if (values.json) return json(ctx.stdout, created), EXIT.ok;
    line(ctx.stdout, `Created agent key ${created.id} (${created.role}; ${created.scopes.join(', ')}; expires ${created.expires_at ?? 'never'}).`);
    line(ctx.stdout, `Agent key: ${created.key ?? ''}`);
    line(ctx.stderr, 'Store this key now: it is shown only once. Send it as "Authorization: Bearer <key>".');
    return EXIT.ok;
  },
};

const listCommand: Command = {
  name: 'agent-key list',
  summary: "list a tenant's agent keys",
  help: LIST_HELP,
  async run(argv, ctx) {
    const { values } = parseCommandArgs(argv, { ...HELP_OPTION, tenant: { type: 'string' }, json: { type: 'boolean' } } as const, { min: 0, max: 0, help: LIST_HELP });
    if (values.help) return ctx.stdout.write(LIST_HELP), EXIT.ok;
    const { api, apiKey } = await client(ctx, required(values.tenant, '--tenant', LIST_HELP));
    const { agent_keys: keys } = await api.request<{ agent_keys: AgentKeyView[] }>('GET', '/v1/agent-keys', { auth: apiKey });
    if (values.json) return json(ctx.stdout, keys), EXIT.ok;
    const rows = keys.map((k) => [k.id, printable(k.name), k.role, k.scopes.join(','), k.expires_at?.slice(0, 10) ?? 'never', k.revoked_at ? `revoked ${k.revoked_at.slice(0, 10)}` : 'active']);
    ctx.stdout.write(rows.length === 0 ? 'No agent keys.\n' : `${table(['id', 'name', 'role', 'scopes', 'expires', 'state'], rows)}\n`);
    return EXIT.ok;
  },
};

const revokeCommand: Command = {
  name: 'agent-key revoke',
  summary: 'revoke an agent key',
  help: REVOKE_HELP,
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(argv, { ...HELP_OPTION, tenant: { type: 'string' } } as const, { min: 1, max: 1, help: REVOKE_HELP });
    if (values.help) return ctx.stdout.write(REVOKE_HELP), EXIT.ok;
    const id = positionals[0] as string;
    const { api, apiKey } = await client(ctx, required(values.tenant, '--tenant', REVOKE_HELP));
    await api.request('DELETE', `/v1/agent-keys/${encodeURIComponent(id)}`, { auth: apiKey });
    line(ctx.stdout, `Revoked agent key ${printable(id)}.`);
    return EXIT.ok;
  },
};

export const agentKeyCommands: readonly Command[] = [createCommand, listCommand, revokeCommand];
