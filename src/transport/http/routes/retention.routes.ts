import { authenticateApiKey, bearerToken, type ApiKeyAuthDeps } from '../../../app/authenticate.ts';
import { createRetentionRule, deleteRetentionRule, listRetentionRules, type RetentionDeps, type RetentionRuleInput } from '../../../app/retention.use-case.ts';
import type { RetentionRule } from '../../../domain/retention.ts';
import { sendJson } from '../http-kit.ts';
import { BODIES, PARAMS } from '../request-schemas.ts';
import type { Router } from '../router.ts';

function ruleJson(rule: RetentionRule): Record<string, unknown> {
  return {
    id: rule.id,
    category: rule.match === 'category' ? rule.value : null,
    tag: rule.match === 'tag' ? rule.value : null,
    min_days: rule.minDays,
    max_days: rule.maxDays,
    created_by: rule.createdBy,
    created_at: rule.createdAt.toISOString(),
  };
}

/** Retention rules with a tenant API key: by category or tag, a minimum and/or a maximum (audited). */
export function retentionRoutes(router: Router, deps: ApiKeyAuthDeps & { retention: RetentionDeps }): void {
  router.add<Record<string, never>, RetentionRuleInput>(
    'POST',
    '/v1/retention-rules',
    async (req, res, ctx) => {
      const principal = await authenticateApiKey(deps, bearerToken(req.headers.authorization));
      sendJson(res, 201, ruleJson(await createRetentionRule(deps.retention, principal, ctx, await ctx.body())));
    },
    { body: BODIES.retentionRule },
  );

  router.add('GET', '/v1/retention-rules', async (req, res) => {
    const principal = await authenticateApiKey(deps, bearerToken(req.headers.authorization));
    sendJson(res, 200, { rules: (await listRetentionRules(deps.retention, principal)).map(ruleJson) });
  });

  router.add(
    'DELETE',
    '/v1/retention-rules/:id',
    async (req, res, ctx) => {
      const principal = await authenticateApiKey(deps, bearerToken(req.headers.authorization));
      sendJson(res, 200, ruleJson(await deleteRetentionRule(deps.retention, principal, ctx, ctx.params.id!)));
    },
    { params: PARAMS.retentionRule },
  );
}
