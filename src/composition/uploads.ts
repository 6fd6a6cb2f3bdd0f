import { createHmac } from 'node:crypto';
import type { Logger } from 'pino';
import type { IntakeDeps } from '../app/intake/intake.use-case.ts';
import type { DerivedKeys } from '../app/keys.ts';
import type { AccessCodeDeps } from '../app/access-codes.use-case.ts';
import { UploadLiveUpdates, type LiveCalls, type UploadUpdate } from '../app/upload-live.ts';
import type { UploadPageDeps } from '../app/upload-page.use-case.ts';
import type { UploadRequestDeps } from '../app/upload-requests.use-case.ts';
import type { BlobStore } from '../ports/blob-store.port.ts';
import { describeFile, type DescribeDeps } from '../app/describe.use-case.ts';
import type { UploadRequest } from '../domain/upload-request.ts';
import { describeData, describeFacts } from '../tools/describe-summary.ts';
import { speakFileDescription } from '../voice/describe-speech.ts';
import type { OpenCatalog } from './catalog.ts';
import { PostgresUploadRequestStore } from '../../adapters/postgres/postgres.upload-request-store.ts';
import { requestUploadTool } from '../tools/request-upload.tool.ts';
import { uploadStatusTool } from '../tools/upload-status.tool.ts';
import type { ToolDefinition } from '../tools/tool.ts';
import type { Router } from '../transport/http/router.ts';
import { uploadPageRoutes } from '../transport/http/routes/upload-page.routes.ts';
import { uploadResources, type McpResources } from '../transport/mcp/upload-resources.ts';

export interface UploadsParts {
  catalog: Pick<OpenCatalog, 'db' | 'files' | 'audit' | 'events' | 'tenants'>;
  /** Spoken codes: the access-code store of kind `upload`, its throttles and limits. */
  accessCodes: AccessCodeDeps;
  /** What the describe tool runs on: a ready file is told to the call in its words. */
  describe: DescribeDeps;
  blobs: BlobStore;
  intake: IntakeDeps;
  keys: Pick<DerivedKeys, 'codeHashing'>;
  /** This node's public origin (PUBLIC_URL, or the bound address). */
  publicBaseUrl: () => string;
  logger: Logger;
  onPushed?: (update: UploadUpdate) => void;
}

export interface OpenUploads {
  tools: ToolDefinition[];
  resources: McpResources;
  routes(router: Router): void;
  /** Push each file's moves into the live calls of this node (call once the MCP registry exists). */
  live(calls: LiveCalls & { onAttach(listener: (callKey: string) => void): void }): void;
  close(): Promise<void>;
}

/**
 * Upload requests (issue 9): the request-upload and upload-status tools, upload requests as MCP
 * resources, the /u page and its API, and live updates into the call that asked, on any node.
 */
export function openUploads(parts: UploadsParts): OpenUploads {
  const uploads = new PostgresUploadRequestStore(parts.catalog.db);
  const requestDeps: UploadRequestDeps = { uploads, audit: parts.catalog.audit, accessCodes: parts.accessCodes, tenants: parts.catalog.tenants, limits: parts.intake.limits };
  const pageDeps: UploadPageDeps = {
    uploads,
    audit: parts.catalog.audit,
    accessCodes: parts.accessCodes,
    tenants: parts.catalog.tenants,
    intake: parts.intake,
    blobs: parts.blobs,
    events: parts.catalog.events,
    ticketKey: createHmac('sha256', parts.keys.codeHashing).update('upload-page-ticket').digest(),
  };
  let live: UploadLiveUpdates | null = null;
  return {
    tools: [requestUploadTool({ ...requestDeps, pageUrl: (slug) => `${parts.publicBaseUrl().replace(/\/+$/, '')}/u/${slug}` }), uploadStatusTool(requestDeps)],
    resources: uploadResources(requestDeps),
    routes: (router) => uploadPageRoutes(router, { page: pageDeps }),
    live(calls) {
      live = new UploadLiveUpdates({
        uploads,
        describeReady: (request, fileId, now) => describeReady(parts.describe, request, fileId, now),
        events: parts.catalog.events,
        calls,
        onError: (error) => parts.logger.warn({ err: error }, 'upload update not pushed'),
        ...(parts.onPushed ? { onPushed: parts.onPushed } : {}),
      });
      const updates = live;
      calls.onAttach((callKey) => updates.watchCall(callKey));
    },
    async close() {
      await live?.close();
    },
  };
}

/** The describe tool's speech and data for a file of a request, as the session that asked would see it. */
async function describeReady(deps: DescribeDeps, request: UploadRequest, fileId: string, now: Date): Promise<{ speech: string; file: Record<string, unknown> } | null> {
  const principal = { kind: 'session', tenantId: request.tenantId, sessionId: request.sessionId, role: 'staff', scopes: ['read'], caller: {}, locale: request.locale, expiresAt: request.deadline } as const;
  const { detail, description } = await describeFile(deps, { ...principal, scopes: ['read'], caller: {} }, fileId);
  return { speech: speakFileDescription(request.locale, describeFacts(detail, description), now), file: describeData(detail, description) };
}
