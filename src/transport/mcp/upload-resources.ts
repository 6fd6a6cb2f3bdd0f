import { uploadJson, uploadStatus, type UploadRequestDeps } from '../../app/upload-requests.use-case.ts';
import { isDomainError } from '../../domain/errors.ts';
import { uploadIdOfUri, uploadUri } from '../../domain/upload-request.ts';
import type { CallScope } from './call-scope.ts';

/** One MCP resource as `resources/list` names it. */
export interface ListedResource {
  uri: string;
  name: string;
  title?: string;
  description?: string;
  mimeType: string;
}

/** Resources a call may list, read and subscribe to (the MCP server factory serves them). */
export interface McpResources {
  list(scope: CallScope): Promise<ListedResource[]>;
  /** The resource's contents, or null when this call cannot see it (unknown and another call's look alike). */
  read(scope: CallScope, uri: string): Promise<{ uri: string; mimeType: string; text: string } | null>;
}

/**
 * Upload requests as resources (`voicefiles://uploads/<id>`): the call that asked lists and reads
 * its own; `resources/subscribe` to one brings `notifications/resources/updated` as its files move.
 */
export function uploadResources(deps: Pick<UploadRequestDeps, 'uploads'>): McpResources {
  return {
    async list(scope) {
      const requests = await deps.uploads.listForCall(scope.principal.tenantId, scope.callKey);
      return requests.map((request) => ({ uri: uploadUri(request.id), name: `upload-${request.id}`, title: request.purpose, description: 'An upload request of this call and its files.', mimeType: 'application/json' }));
    },
    async read(scope, uri) {
      const id = uploadIdOfUri(uri);
      if (!id) return null;
      try {
        const view = await uploadStatus(deps, scope.principal, scope.callKey, id, new Date());
        return { uri, mimeType: 'application/json', text: JSON.stringify(uploadJson(view)) };
      } catch (error) {
        if (isDomainError(error) && error.code === 'not_found') return null;
        throw error;
      }
    },
  };
}
