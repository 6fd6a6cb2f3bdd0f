import { pipeline } from 'node:stream/promises';
import { authenticateApiKey, bearerToken, type ApiKeyAuthDeps } from '../../../app/authenticate.ts';
import { exportCustomer, type CustomerExportDeps } from '../../../app/customer-export.use-case.ts';
import { PARAMS } from '../request-schemas.ts';
import type { Router } from '../router.ts';

/** A data subject's files (GDPR): export, with a tenant API key. */
export function customerRoutes(router: Router, deps: ApiKeyAuthDeps & { export: CustomerExportDeps }): void {
  router.add(
    'GET',
    '/v1/customers/:customer_id/export',
    async (req, res, ctx) => {
      const principal = await authenticateApiKey(deps, bearerToken(req.headers.authorization));
      const customerId = ctx.params.customer_id!;
      const { archive } = await exportCustomer(deps.export, principal, ctx, customerId);
      const safe = /^[A-Za-z0-9_-]{1,64}$/.test(customerId) ? `-${customerId}` : '';
      res.writeHead(200, {
        'Content-Type': 'application/zip',
        'Content-Disposition': `attachment; filename="customer${safe}-export.zip"`,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      if (req.method === 'HEAD') {
        archive.destroy();
        res.end();
        return;
      }
      await pipeline(archive, res);
    },
    { params: PARAMS.customer },
  );
}
