import { authenticateApiKey, bearerToken, type ApiKeyAuthDeps } from '../../../app/authenticate.ts';
import { getWebhook, removeWebhook, setWebhook, type WebhookSettingsDeps } from '../../../app/webhook-settings.use-case.ts';
import { sendJson, sendNoContent } from '../http-kit.ts';
import { BODIES } from '../request-schemas.ts';
import type { Router } from '../router.ts';

/** The tenant's webhook for share links, with a tenant API key: read (never the secret), set, remove. */
export function webhookRoutes(router: Router, deps: ApiKeyAuthDeps & { settings: WebhookSettingsDeps }): void {
  router.add('GET', '/v1/webhook', async (req, res) => {
    const principal = await authenticateApiKey(deps, bearerToken(req.headers.authorization));
    sendJson(res, 200, await getWebhook(deps.settings, principal));
  });
  router.add<Record<string, never>, { url: string; secret: string }>('PUT', '/v1/webhook', async (req, res, ctx) => {
    const principal = await authenticateApiKey(deps, bearerToken(req.headers.authorization));
    sendJson(res, 200, await setWebhook(deps.settings, principal, ctx, await ctx.body()));
  }, { body: BODIES.setWebhook });
  router.add('DELETE', '/v1/webhook', async (req, res, ctx) => {
    const principal = await authenticateApiKey(deps, bearerToken(req.headers.authorization));
    await removeWebhook(deps.settings, principal, ctx);
    sendNoContent(res);
  });
}
