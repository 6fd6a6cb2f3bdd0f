import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { DerivedKeys } from '../app/keys.ts';
import type { SessionDeps } from '../app/sessions.use-case.ts';
import { AgentKeyVerifier } from '../app/agent-keys.use-case.ts';
import { callCredentials } from '../app/call-credentials.ts';
import type { AuditLog } from '../ports/audit-log.port.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { Database } from '../ports/database.port.ts';
import type { TenantStore } from '../ports/tenant-store.port.ts';
import { PostgresAgentKeyStore } from '../../adapters/postgres/postgres.agent-key-store.ts';
import type { ToolRunner } from '../tools/tool-runner.ts';
import type { InputGate } from '../transport/input-gate.ts';
import type { Metrics } from '../transport/metrics.ts';
import type { Router } from '../transport/http/router.ts';
import { agentKeyRoutes } from '../transport/http/routes/agent-key.routes.ts';
import { AgentSocketServer } from '../transport/mcp/agent-socket.server.ts';
import { NO_AUTH_THROTTLE, type AuthFailureGuard } from '../transport/mcp/auth-failure-guard.ts';
import { CallRegistry } from '../transport/mcp/call-registry.ts';
import { ConnectionLimiter } from '../transport/mcp/connection-limiter.ts';
import { HttpSessionStore } from '../transport/mcp/http-session-store.ts';
import { LegacySseEndpoint } from '../transport/mcp/legacy-sse.endpoint.ts';
import { originGuard } from '../transport/mcp/mcp-http-kit.ts';
import { mcpRoutes } from '../transport/mcp/mcp-routes.ts';
import { StreamableHttpEndpoint } from '../transport/mcp/streamable-http.endpoint.ts';
import type { McpResources } from '../transport/mcp/upload-resources.ts';
import { agentInstructions, serverVersion } from './server-info.ts';

export interface McpDeps {
  db: Database;
  audit: AuditLog;
  tenants: TenantStore;
  keys: DerivedKeys;
  /** Session tokens: their signer and the revocation list (checked per message too). */
  sessions: Pick<SessionDeps, 'tokens' | 'revocations' | 'clock'>;
  clock: Clock;
  runner: ToolRunner;
  gate: InputGate;
  router: Router;
  metrics: Metrics;
  logger: Logger;
  /** Resources calls may list, read and subscribe to (upload requests). */
  resources?: McpResources;
  /** Failed-auth throttling per address (src/transport/auth-throttle.ts, shared with the HTTP API); none when absent. */
  authGuard?: AuthFailureGuard;
}

export interface OpenMcp {
  /** Per-node call state: where use cases push notifications into live calls (see CallRegistry). */
  registry: CallRegistry;
  attach(server: Server): void;
  close(graceMs: number): Promise<void>;
}

/**
 * The MCP side of the API: one server definition on three transports (Streamable HTTP
 * /v1/mcp, legacy SSE /v1/sse, WebSocket /v1/agent), the per-call registry, agent keys
 * and the tool catalogue.
 */
export function openMcp(config: Config, deps: McpDeps): OpenMcp {
  const agentKeyDeps = { agentKeys: new PostgresAgentKeyStore(deps.db), hashingKey: deps.keys.apiKeyHashing, audit: deps.audit, clock: deps.clock };
  const verifier = new AgentKeyVerifier(agentKeyDeps);
  const credentials = callCredentials({ sessions: deps.sessions, agentKeys: verifier });
  const guard = deps.authGuard ?? NO_AUTH_THROTTLE;
  const registry = new CallRegistry({ rate: config.wsRate, subscriptionTtlMs: 3600_000, maxCalls: 100_000, maxSubscriptionsPerCall: 100 });
  const connections = new ConnectionLimiter(() => config.mcp.maxConnectionsPerToken);
  const server = {
    runner: deps.runner,
    registry,
    ...(deps.resources ? { resources: deps.resources } : {}),
    info: { name: 'voicefiles', version: serverVersion(), instructions: agentInstructions() },
    onFault: (error: unknown, context: Record<string, unknown>) => deps.logger.error({ err: error, ...context }, 'mcp request failed'),
  };
  const guardOrigin = originGuard({ allowedHosts: config.mcp.allowedHosts, allowedOrigins: config.mcp.allowedOrigins });
  const sessions = new HttpSessionStore({ idleMs: config.mcp.sessionIdleSeconds * 1000, perCredential: config.mcp.maxConnectionsPerToken, max: config.mcp.maxSessions });
  const edge = { credentials, guard };
  const streamable = new StreamableHttpEndpoint(
    { ...edge, server, registry, sessions, originGuard: guardOrigin, logger: deps.logger },
    { maxBodyBytes: config.wsMaxMessageBytes, responses: config.mcp.httpResponses, queryToken: config.mcp.queryToken },
  );
  const sse = new LegacySseEndpoint(
    { ...edge, server, registry, connections, originGuard: guardOrigin, logger: deps.logger },
    { maxBodyBytes: config.wsMaxMessageBytes, queryToken: config.mcp.queryToken, keepAliveMs: 15_000 },
  );
  const agents = new AgentSocketServer(
    { ...edge, server, registry, connections, logger: deps.logger, onSessionCount: (n) => deps.metrics.agentSessions.set(n) },
    { maxMessageBytes: config.wsMaxMessageBytes, heartbeatSeconds: config.wsHeartbeatSeconds },
  );
  mcpRoutes(deps.router, { ...edge, streamable, sse, runner: deps.runner, queryToken: config.mcp.queryToken });
  agentKeyRoutes(deps.router, { ...agentKeyDeps, verifier, gate: deps.gate, apiKeyAuth: { tenants: deps.tenants, apiKeyHashing: deps.keys.apiKeyHashing } });
  return {
    registry,
    attach: (http) => agents.attach(http),
    async close(graceMs) {
      await Promise.all([agents.close(graceMs), sse.close(), streamable.close()]);
      registry.close();
    },
  };
}
