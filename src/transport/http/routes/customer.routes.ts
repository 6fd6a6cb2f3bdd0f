import { pipeline } from 'node:stream/promises';
import { authenticateApiKey, bearerToken, type ApiKeyAuthDeps } from '../../../app/authenticate.ts';
import { exportCustomer, type CustomerExportDeps } from '../../../app/customer-export.use-case.ts';
import { eraseCustomer, type CustomerErasureDeps } from '../../../app/customer-erasure.use-case.ts';
import { sendJson } from '../http-kit.ts';
import { PARAMS } from '../request-schemas.ts';
import type { Router } from '../router.ts';

/** A data subject's files (GDPR): export and erasure, with a tenant API key. */
export function customerRoutes(router: Router, deps: ApiKeyAuthDeps & { export: CustomerExportDeps; erase: CustomerErasureDeps }): void {
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

  router.add(
    'POST',
    '/v1/customers/:customer_id/erase',
    async (req, res, ctx) => {
      const principal = await authenticateApiKey(deps, bearerToken(req.headers.authorization));
      const result = await eraseCustomer(deps.erase, principal, ctx, ctx.params.customer_id!);
      sendJson(res, 200, {
        customer_id: ctx.params.customer_id,
        subject: result.subject,
        erased_files: result.erasedFiles,
        held_files: result.heldFiles.map((h) => ({ file_id: h.fileId, hold_id: h.holdId, reason: h.reason })),
        removed_upload_requests: result.removedUploadRequests,
        removed_shares: result.removedShares,
        redacted_audit_events: result.redactedAuditEvents,
        complete: result.heldFiles.length === 0,
      });
    },
    { params: PARAMS.customer },
  );
}
