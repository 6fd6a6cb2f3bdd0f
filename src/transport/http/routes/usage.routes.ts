import { authenticateApiKey, bearerToken, type ApiKeyAuthDeps } from '../../../app/authenticate.ts';
import { getUsage, type UsageDeps } from '../../../app/usage.use-case.ts';
import { sendJson } from '../http-kit.ts';
import type { Router } from '../router.ts';

/** The tenant's usage against its quota, with a tenant API key. */
export function usageRoutes(router: Router, deps: ApiKeyAuthDeps & UsageDeps): void {
  router.add('GET', '/v1/usage', async (req, res) => {
    const principal = await authenticateApiKey(deps, bearerToken(req.headers.authorization));
    const usage = await getUsage(deps, principal);
    const percent = (used: number, quota: number | null) => (quota === null ? null : quota === 0 ? (used > 0 ? 100 : 0) : Math.round((used / quota) * 1000) / 10);
    const warning = usage.lastWarning;
    sendJson(res, 200, {
      bytes: usage.bytes,
      files: usage.files,
      quota_bytes: usage.quota.bytes,
      quota_files: usage.quota.files,
      bytes_percent: percent(usage.bytes, usage.quota.bytes),
      files_percent: percent(usage.files, usage.quota.files),
      last_warning: warning
        ? { percent: warning.percent, measure: warning.measure, at: warning.at.toISOString(), bytes: warning.bytes, files: warning.files }
        : null,
    });
  });
}
