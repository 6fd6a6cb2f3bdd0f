import { authenticateApiKey, bearerToken } from '../../../app/authenticate.ts';
import { issueAgentKey, listAgentKeys, revokeAgentKey, type AgentKeyDeps, type AgentKeyRecord, type AgentKeyVerifier } from '../../../app/agent-keys.use-case.ts';
import { DomainError } from '../../../domain/errors.ts';
import { ROLES, SCOPES } from '../../../domain/principal.ts';
import type { InputGate } from '../../input-gate.ts';
import type { ObjectSchema } from '../../../tools/json-schema.ts';
import { sendJson } from '../http-kit.ts';
import type { Router } from '../router.ts';

type Deps = AgentKeyDeps & { verifier: AgentKeyVerifier; gate: InputGate; apiKeyAuth: Parameters<typeof authenticateApiKey>[0] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Agent keys for platforms configured with a static header; managed with the tenant's API key. */
export function agentKeyRoutes(router: Router, deps: Deps): void {
  const body: ObjectSchema = {
    type: 'object',
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 100 },
      role: { type: 'string', enum: ROLES },
      scopes: { type: 'array', items: { type: 'string', enum: SCOPES }, minItems: 1, maxItems: 3 },
      expires_in_days: { type: 'integer', minimum: 1, maximum: 3650 },
    },
    additionalProperties: false,
  };

  router.add<Record<string, never>, { name?: string; role?: 'caller' | 'staff'; scopes?: Array<'read' | 'share' | 'upload'>; expires_in_days?: number }>(
    'POST',
    '/v1/agent-keys',
    async (req, res, ctx) => {
      const issuer = await authenticateApiKey(deps.apiKeyAuth, bearerToken(req.headers.authorization));
      const { key, record } = await issueAgentKey(deps, ctx, issuer, await ctx.body());
      sendJson(res, 201, { ...view(record), key });
    },
    { body },
  );

  router.add('GET', '/v1/agent-keys', async (req, res) => {
    const issuer = await authenticateApiKey(deps.apiKeyAuth, bearerToken(req.headers.authorization));
    sendJson(res, 200, { agent_keys: (await listAgentKeys(deps, issuer)).map(view) });
  });

  router.add('DELETE', '/v1/agent-keys/:id', async (req, res, ctx) => {
    const issuer = await authenticateApiKey(deps.apiKeyAuth, bearerToken(req.headers.authorization));
    const id = ctx.params.id ?? '';
    if (!UUID.test(id)) throw new DomainError('not_found', 'No such agent key, or it is already revoked.');
    await revokeAgentKey(deps, ctx, issuer, id);
    res.writeHead(204, { 'Cache-Control': 'no-store' }).end();
  });
}

function view(record: AgentKeyRecord) {
  return {
    id: record.id,
    name: record.name,
    role: record.role,
    scopes: record.scopes,
    created_at: record.createdAt.toISOString(),
    expires_at: record.expiresAt?.toISOString() ?? null,
    revoked_at: record.revokedAt?.toISOString() ?? null,
  };
}
