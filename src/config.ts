import os from 'node:os';
import path from 'node:path';
import { LOCALES, type Locale } from './domain/tenant.ts';

/**
 * The only reader of process.env. `loadConfig` validates every variable at once
 * and reports every bad key in one error, so a misconfigured boot fails fast.
 */

export interface UploadLimits {
  document: number;
  spreadsheet: number;
  text: number;
  audio: number;
  image: number;
}

export interface Config {
  /** NODE_ENV: "production" tightens defaults (scan policy required). */
  nodeEnv: string;
  /** HOST: interface to bind; default 127.0.0.1. */
  host: string;
  /** PORT: HTTP and WebSocket port; default 8080 (0 picks a free port). */
  port: number;
  /** VOICEFILES_PUBLIC_URL: base URL that links (presigned downloads, upload pages) point to; default http://HOST:PORT. */
  publicUrl: string | null;
  /** VOICEFILES_DATA_DIR: embedded database, local blobs and the generated secrets (root.key, admin.token); default ./data. */
  dataDir: string;
  /** VOICEFILES_ROOT_KEY: root of every derived key (session and link signing, hashing); never sent anywhere; the same on every node. Generated into <dataDir>/root.key if unset. */
  rootKey: string | null;
  /** VOICEFILES_ADMIN_TOKEN: the admin bearer token (tenant administration); only its sha256 is kept. Generated into <dataDir>/admin.token if neither this nor VOICEFILES_ADMIN_TOKEN_SHA256 is set. */
  adminToken: string | null;
  /** VOICEFILES_ADMIN_TOKEN_SHA256: the admin token's sha256 (64 hex digits), so the server never holds the token itself. */
  adminTokenSha256: string | null;
  /** VOICEFILES_MASTER_KEY (deprecated): the single secret of earlier versions; now only verifies API keys made before the upgrade and stands in for VOICEFILES_ADMIN_TOKEN. */
  masterKey: string | null;
  /**
   * DATABASE_URL: a Postgres server; unset means embedded PGlite in the data dir. The service
   * runs its requests and jobs through this connection, as a role that should not own the
   * tables (row-level security then binds it; see infra/postgres/init.sql).
   */
  databaseUrl: string | null;
  /** Connection settings of the Postgres server (ignored on PGlite). */
  database: DatabaseConfig;
  /** S3_BUCKET: store blobs in this bucket; unset means local disk in the data dir. */
  s3: { bucket: string; endpoint: string | null; region: string; forcePathStyle: boolean } | null;
  /** LOG_LEVEL: pino level; default info (silent in tests). */
  logLevel: string;
  /** UPLOAD_MAX_MB_<KIND>: size limit per kind of file in MiB. Defaults: document 100, spreadsheet 50, text 20, audio 500, image 25. */
  uploadLimits: UploadLimits;
  /** UPLOAD_TIMEOUT_SECONDS: an upload that takes longer is cut off; default 3600. */
  uploadTimeoutSeconds: number;
  /** SESSION_MAX_TTL_SECONDS: longest session token lifetime; default 86400. */
  sessionMaxTtlSeconds: number;
  /** WS_MAX_MESSAGE_BYTES: largest WebSocket frame accepted; default 65536. */
  wsMaxMessageBytes: number;
  /** WS_RATE_PER_SECOND / WS_RATE_BURST: per-session message rate limit; default 20/s, burst 40. */
  wsRate: { perSecond: number; burst: number };
  /** WS_HEARTBEAT_SECONDS: ping interval; a connection that misses one is closed; default 30. */
  wsHeartbeatSeconds: number;
  /** DEFAULT_LOCALE: locale for tenants created without one; default en. */
  defaultLocale: Locale;
  /** SHUTDOWN_GRACE_SECONDS: how long SIGTERM waits for in-flight work; default 20. */
  shutdownGraceSeconds: number;
  /** Processing pipeline settings. */
  pipeline: PipelineConfig;
  /** MCP transports: Streamable HTTP /v1/mcp, legacy SSE /v1/sse, WebSocket /v1/agent. */
  mcp: McpConfig;
  /** Limits on HTTP connections and request bodies. */
  http: HttpLimits;
  /** Throttling of failed authentication and revocation of sessions. */
  auth: AuthConfig;
  /** Where and to whom Prometheus metrics are served. */
  codes: CodeConfig;
  metrics: MetricsConfig;
  /** Sweeps of crash leftovers. */
  sweep: SweepConfig;
  /** Tenant quotas. */
  quotas: QuotaConfig;
  /** How `describe` says what a file is about. */
  describe: DescribeConfig;
  /** The scheduled lifecycle job: retention maximums, the purge of the trash, deletion of unreferenced blobs. */
  lifecycle: LifecycleConfig;
  /** Which search engine `find` uses. */
  search: SearchConfig;
}

export interface SearchConfig {
  /** SEARCH_ENGINE: `postgres` (default; the catalog database, PGlite or a server) or `meilisearch` (needs MEILI_URL). */
  engine: 'postgres' | 'meilisearch';
  /** MEILI_URL: the Meilisearch server, e.g. http://meilisearch:7700. */
  meiliUrl: string | null;
  /** MEILI_API_KEY: a key with search, documents, settings and tasks rights on MEILI_INDEX (not the master key in production). */
  meiliApiKey: string | null;
  /** MEILI_INDEX: the one index of this deployment (every tenant in it, filtered by a tenant attribute); default voicefiles_files. */
  meiliIndex: string;
}

export interface QuotaConfig {
  /**
   * QUOTA_WARN_PERCENTS: comma-separated thresholds, in percent of a tenant's quota (bytes or
   * files, whichever is fuller), at which a warning is given once per crossing (audit event
   * `quota.warning`, metric, log line, the tenant's webhook if it has one); default 80,95.
   */
  warnPercents: number[];
}

export interface DescribeConfig {
  /** DESCRIBER: `extractive` (default; lead sentence, headings, sheets, figures; no network) or `bedrock` (a model on Amazon Bedrock, Converse API; falls back to extractive). */
  describer: 'extractive' | 'bedrock';
  /** BEDROCK_MODEL_ID: model or inference profile for `bedrock`; default amazon.nova-lite-v1:0 (Nova models read S3 documents themselves). */
  bedrockModelId: string;
  /** BEDROCK_REGION: AWS region of Bedrock; default S3_REGION, else us-east-1. Credentials come from the AWS SDK's default chain. */
  bedrockRegion: string;
  /** DESCRIBE_TIMEOUT_MS: how long describe waits for the model before answering with the extractive description (the model's answer still fills the cache); default 1500. */
  timeoutMs: number;
}

export interface LifecycleConfig {
  /**
   * LIFECYCLE_CRON: when the lifecycle job runs (five cron fields, UTC; pg-boss keeps at most one
   * run per minute); default every 15 minutes. It also runs once when a node that works jobs starts.
   */
  cron: string;
  /** PURGE_BATCH_SIZE: files purged per transaction; default 200. */
  purgeBatchSize: number;
}

export interface SweepConfig {
  /** SWEEP_INTERVAL_SECONDS: how often partial uploads and unreferenced blobs are removed (also once at start); default 3600. */
  intervalSeconds: number;
  /**
   * SWEEP_SAFETY_MARGIN_SECONDS: only leftovers older than this are removed, so an upload still
   * being written (or a blob written but not yet committed) is never touched; default 86400.
   * Keep it above UPLOAD_TIMEOUT_SECONDS.
   */
  safetyMarginSeconds: number;
}

export interface DatabaseConfig {
  /**
   * DATABASE_MIGRATION_URL: the role that owns the tables, used only at start to run the
   * migrations and grant the DATABASE_URL role what it needs. Unset: migrations run through
   * DATABASE_URL (that role then owns the tables, which start reports as a warning, and refuses
   * in production).
   */
  migrationUrl: string | null;
  /** DATABASE_POOL_SIZE: connections per process; default 10. */
  poolSize: number;
  /**
   * DATABASE_CONNECT_TIMEOUT_MS: longest wait for a connection (a new one, or a free one from the
   * pool) before a request answers 503 `unavailable`; default 5000.
   */
  connectTimeoutMs: number;
}

export interface McpConfig {
  /** MCP_ALLOWED_ORIGINS: comma-separated hostnames (or `scheme://*`) a browser `Origin` may name on /v1/mcp and /v1/sse; other origins get 403, requests without Origin pass. Default: loopback names when bound to loopback, plus VOICEFILES_PUBLIC_URL's host. */
  allowedOrigins: string[];
  /** MCP_ALLOWED_HOSTS: comma-separated hostnames accepted in `Host` on /v1/mcp and /v1/sse (DNS-rebinding protection); `*` turns the check off. Default: as MCP_ALLOWED_ORIGINS when bound to loopback or when VOICEFILES_PUBLIC_URL is set, else off. */
  allowedHosts: string[] | null;
  /** MCP_QUERY_TOKEN: accept `?token=` on /v1/mcp, /v1/sse and /v1/tools, for platforms that cannot send headers; default false. Never logged. (/v1/agent always accepts it.) */
  queryToken: boolean;
  /** MCP_HTTP_RESPONSES: `json` (default; one JSON body per request, lowest latency) or `sse` (every response a stream, so progress notifications reach the client mid-call). */
  httpResponses: 'json' | 'sse';
  /** MCP_MAX_CONNECTIONS_PER_TOKEN: live connections (WebSockets, SSE streams, Streamable HTTP sessions) one session token, or one agent key within one call, may hold on a node; default 4. */
  maxConnectionsPerToken: number;
  /** MCP_SESSION_IDLE_SECONDS: a Streamable HTTP session without requests or open streams for this long is closed; default 300. */
  sessionIdleSeconds: number;
  /** MCP_MAX_SESSIONS: Streamable HTTP sessions one node holds at most; default 5000. */
  maxSessions: number;
}

export interface HttpLimits {
  /** HTTP_MAX_CONNECTIONS: open connections at most (WebSockets included); past it new ones are closed at once; default 1000. */
  maxConnections: number;
  /** JSON_BODY_TIMEOUT_SECONDS: a JSON request body must arrive whole within this; default 10. */
  jsonBodyTimeoutSeconds: number;
  /** BODY_MIN_BYTES_PER_SECOND: a request body (uploads included) slower than this over a window is cut off (408 too_slow); 0 turns the check off; default 1024. */
  minBytesPerSecond: number;
  /** BODY_RATE_WINDOW_SECONDS: the window over which the minimum rate is judged; default 20. */
  rateWindowSeconds: number;
  /** TRUST_PROXY_HOPS: reverse proxies in front that append to X-Forwarded-For; 0 (default) uses the socket's address as the client's. */
  trustProxyHops: number;
}

export interface AuthConfig {
  /** AUTH_FAILURE_BURST: failed authentications one client address may make in a row before it is throttled; default 10. */
  failureBurst: number;
  /** AUTH_FAILURES_PER_MINUTE: how fast that allowance comes back; default 10. */
  failuresPerMinute: number;
  /** SESSION_REVOCATION_CACHE_SECONDS: how long a node trusts "this session is not revoked"; the bound on how late other nodes see a revocation; default 5. */
  revocationCacheSeconds: number;
}

/** A token bucket: `burst` at once, refilled at `attempts` per `perSeconds`. Written `attempts/perSeconds/burst` in the environment. */
export interface ThrottleSetting {
  attempts: number;
  perSeconds: number;
  burst: number;
}

/**
 * Spoken access codes (src/voice/codes/README.md explains each default). At start the
 * guessing bound is computed from these and the server refuses to start above 1e-6
 * (src/composition/code-limits.ts).
 */
export interface CodeConfig {
  /** CODE_EXPIRY_SECONDS: how long a code lives; default 86400 (24 hours). */
  expirySeconds: number;
  /** CODE_USE_LIMIT: redemptions one code allows; default 3. */
  useLimit: number;
  /** CODE_ATTEMPT_LIMIT: redemption attempts on one code before it locks (at least CODE_USE_LIMIT); default 10. */
  attemptLimit: number;
  /** CODE_MAX_LIVE_PER_TENANT: live codes (download and upload) one tenant may hold; creation beyond it is refused; default 1000. */
  maxLivePerTenant: number;
  /** CODE_CORRECTION: correct one misheard word when exactly one live code is within reach; default true. */
  correction: boolean;
  /** CODE_THROTTLE_PER_CODE: attempts on one code; default 5/60/5. */
  perCode: ThrottleSetting;
  /** CODE_THROTTLE_PER_ADDRESS: failed attempts from one client address (IPv6: its /64); default 10/900/10. */
  perAddress: ThrottleSetting;
  /** CODE_THROTTLE_PER_TENANT: failed attempts on one tenant's codes from everywhere (the bound); default 60/3600/60. */
  perTenant: ThrottleSetting;
  /** SHARE_CONFIRMATION_SECONDS: how long a share's confirmation token stays valid; default 120. */
  confirmationSeconds: number;
  /** DOWNLOAD_LINK_SECONDS: lifetime of the presigned URL one redemption mints; default 300. */
  downloadLinkSeconds: number;
  /** WEBHOOK_ALLOW_PRIVATE_ADDRESSES: let tenant webhooks reach loopback and private addresses (tests, receivers on the same network); default false. */
  webhookAllowPrivateAddresses: boolean;
}

export interface MetricsConfig {
  /** METRICS_TOKEN: when set, /metrics needs `Authorization: Bearer <token>`. */
  token: string | null;
  /** METRICS_LISTEN: `host:port` of a separate listener for /metrics (then not served on the main port). */
  listen: { host: string; port: number } | null;
}

export interface PipelineConfig {
  /** PIPELINE_WORKERS: run pipeline jobs in the server process (`true`, default) or only in `voicefiles worker` processes (`false`). */
  inProcessWorkers: boolean;
  /** CLAMAV_URL: clamd as tcp://host:port or unix:///path; unset tries the Debian socket, then tcp://127.0.0.1:3310. */
  clamavUrl: string | null;
  /** CLAMAV_STREAM_MAX_BYTES: clamd's StreamMaxLength, so a reset past it is reported as "too large to scan" rather than retried; default unset. */
  clamavStreamMaxBytes: number | null;
  /**
   * SCAN_POLICY: `required` (nothing is visible unscanned; versions wait in `scanning` until
   * clamd answers) or `optional` (without a scanner, versions end `unscanned` and say so).
   * Unset: `required` whenever CLAMAV_URL is set or NODE_ENV=production, else `optional`.
   * `optional` applies only when no scanner is configured: with CLAMAV_URL it is refused.
   */
  scanPolicy: 'required' | 'optional';
  /** SCAN_PROBE_SECONDS: how often clamd is pinged; when it comes back, waiting and `unscanned` versions are scanned; default 10. */
  scanProbeSeconds: number;
  /** SCAN_TIMEOUT_SECONDS: a scan taking longer is a failed (retried) scan, never clean; default 120. */
  scanTimeoutSeconds: number;
  /** EXTRACT_TIMEOUT_SECONDS / EXTRACT_MAX_MEMORY_MB: limits of one isolated extraction; defaults 60 s, 512 MiB. */
  extractTimeoutSeconds: number;
  extractMaxMemoryMb: number;
  /** EXTRACT_MAX_PAGES: PDFs with more pages are rejected; default 2000. */
  extractMaxPages: number;
  /** MAX_TEXT_KB: extracted text kept per version; default 1024. */
  maxTextBytes: number;
  /** OCR_TIMEOUT_SECONDS: how long one file may spend in OCR (scanned PDF pages, images) before it keeps what it has read; default 300. */
  ocrTimeoutSeconds: number;
  /** OCR_MAX_PAGES: pages OCRed per file; later scanned pages are left out and the text is marked truncated; default 50. */
  ocrMaxPages: number;
  /** EMAIL_MAX_ATTACHMENTS: attachments of one e-mail stored as their own files; more are listed, not kept; default 50. */
  emailMaxAttachments: number;
  /** EMAIL_MAX_DEPTH: messages inside messages followed this deep; deeper attachments are listed, not kept; default 5. */
  emailMaxDepth: number;
  /** TRANSCRIBER: auto (pocketsphinx when installed), pocketsphinx, aws (needs S3), or none; default auto. */
  transcriber: 'auto' | 'pocketsphinx' | 'aws' | 'none';
  /** JOB_CONCURRENCY_SCAN / _EXTRACT / _TRANSCRIBE / _INDEX: jobs of each kind run at once per process; defaults 2, 2, 1, 4. */
  concurrency: { scan: number; extract: number; transcribe: number; index: number };
  /** JOB_RETRY_LIMIT / JOB_RETRY_DELAY_SECONDS: retries with exponential backoff; defaults 8 and 2. */
  retryLimit: number;
  retryDelaySeconds: number;
  /** JOB_EXPIRE_SECONDS: a job running longer is presumed dead with its process and retried; default 900. */
  jobExpireSeconds: number;
  /** JOB_MAINTENANCE_SECONDS: how often expired jobs are looked for; default 30. */
  maintenanceSeconds: number;
}

/**
 * Not read here: the AWS SDK reads these itself (the standard credential chain for S3 and
 * Amazon Transcribe). Listed so deployment files may set them (docker-compose.yml does, for MinIO).
 */
export const AWS_CHAIN_VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_REGION'] as const;

const MiB = 1024 * 1024;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const str = (key: string, fallback: string): string => {
    const value = env[key];
    return value === undefined || value === '' ? fallback : value;
  };
  const optional = (key: string): string | null => {
    const value = env[key];
    return value === undefined || value === '' ? null : value;
  };
  const int = (key: string, fallback: number, min: number, max: number): number => {
    const raw = env[key];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${key} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const cronExpression = (key: string, fallback: string): string => {
    const raw = env[key];
    if (raw === undefined || raw === '') return fallback;
    if (!/^[0-9*\/,-]+( [0-9*\/,-]+){4}$/.test(raw.trim())) {
      problems.push(`${key} must be five cron fields such as "*/15 * * * *" (got "${raw}")`);
      return fallback;
    }
    return raw.trim();
  };
  const bool = (key: string, fallback: boolean): boolean => {
    const raw = env[key];
    if (raw === undefined || raw === '') return fallback;
    if (/^(1|true|yes)$/i.test(raw)) return true;
    if (/^(0|false|no)$/i.test(raw)) return false;
    problems.push(`${key} must be true or false (got "${raw}")`);
    return fallback;
  };
  const oneOf = <T extends string, F extends T | null>(key: string, values: readonly T[], fallback: F): T | F => {
    const raw = env[key];
    if (raw === undefined || raw === '') return fallback;
    if (!(values as readonly string[]).includes(raw)) {
      problems.push(`${key} must be one of ${values.join(', ')} (got "${raw}")`);
      return fallback;
    }
    return raw as T;
  };
  const url = (key: string): string | null => {
    const raw = optional(key);
    if (raw === null) return null;
    try {
      new URL(raw);
      return raw.replace(/\/+$/, '');
    } catch {
      problems.push(`${key} must be a URL (got "${raw}")`);
      return null;
    }
  };

  const list = (key: string): string[] | null => {
    const raw = optional(key);
    if (raw === null) return null;
    const items = raw.split(',').map((item) => item.trim()).filter(Boolean);
    if (items.length === 0 || items.some((item) => !/^[A-Za-z0-9.*:[\]/-]{1,253}$/.test(item))) problems.push(`${key} must be a comma-separated list of hostnames (got "${raw}")`);
    return items;
  };

  const percentList = (key: string, fallback: number[]): number[] => {
    const raw = optional(key);
    if (raw === null) return fallback;
    const items = raw.split(',').map((item) => Number(item.trim()));
    if (items.length > 10 || items.some((item) => !Number.isInteger(item) || item < 1 || item > 100)) {
      problems.push(`${key} must be a comma-separated list of whole percentages from 1 to 100 (got "${raw}")`);
      return fallback;
    }
    return [...new Set(items)].sort((a, b) => a - b);
  };

  const secret = (key: string, min = 32): string | null => {
    const value = optional(key);
    if (value !== null && (value.length < min || value.length > 512 || /\s/.test(value))) problems.push(`${key} must be ${min} to 512 characters without spaces`);
    return value;
  };
  const masterKey = secret('VOICEFILES_MASTER_KEY');
  const adminTokenSha256 = optional('VOICEFILES_ADMIN_TOKEN_SHA256');
  if (adminTokenSha256 !== null && !/^[0-9a-f]{64}$/i.test(adminTokenSha256)) problems.push('VOICEFILES_ADMIN_TOKEN_SHA256 must be 64 hex digits (sha256 of the admin token)');
  const listenAddress = (key: string): { host: string; port: number } | null => {
    const raw = optional(key);
    if (raw === null) return null;
    const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s]+)):(\d{1,5})$/.exec(raw);
    const port = Number(match?.[3]);
    if (!match || port > 65535) {
      problems.push(`${key} must be host:port, e.g. 127.0.0.1:9464 (got "${raw}")`);
      return null;
    }
    return { host: match[1] ?? match[2] ?? '', port };
  };

  const throttle = (key: string, fallback: ThrottleSetting): ThrottleSetting => {
    const raw = optional(key);
    if (raw === null) return fallback;
    const match = /^(\d{1,9})\/(\d{1,9})\/(\d{1,9})$/.exec(raw.trim());
    const [attempts, perSeconds, burst] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
    if (!match || attempts < 1 || perSeconds < 1) {
      problems.push(`${key} must be attempts/perSeconds/burst, e.g. 10/900/10, with attempts and perSeconds at least 1 (got "${raw}")`);
      return fallback;
    }
    return { attempts, perSeconds, burst };
  };
  const modelId = (key: string, fallback: string): string => {
    const value = str(key, fallback);
    if (!/^[A-Za-z0-9][A-Za-z0-9.:/_-]{0,2047}$/.test(value)) problems.push(`${key} must be a Bedrock model id, inference profile id or ARN (got "${value}")`);
    return value;
  };
  const region = (key: string, fallback: string): string => {
    const value = str(key, fallback);
    if (!/^[a-z]{2}(?:-[a-z]+)+-\d$/.test(value)) problems.push(`${key} must be an AWS region such as eu-central-1 (got "${value}")`);
    return value;
  };

  const searchConfig = (): SearchConfig => {
    const engine = oneOf('SEARCH_ENGINE', ['postgres', 'meilisearch'] as const, 'postgres');
    const meiliUrl = url('MEILI_URL');
    if (meiliUrl !== null && !/^https?:/.test(meiliUrl)) problems.push('MEILI_URL must be an http:// or https:// URL');
    if (engine === 'meilisearch' && meiliUrl === null) problems.push('SEARCH_ENGINE=meilisearch needs MEILI_URL');
    const meiliIndex = str('MEILI_INDEX', 'voicefiles_files');
    if (!/^[A-Za-z0-9_-]{1,400}$/.test(meiliIndex)) problems.push(`MEILI_INDEX must be letters, digits, - and _ (got "${meiliIndex}")`);
    return { engine, meiliUrl, meiliApiKey: optional('MEILI_API_KEY'), meiliIndex };
  };

  const locale = str('DEFAULT_LOCALE', 'en');
  if (!(LOCALES as readonly string[]).includes(locale)) problems.push(`DEFAULT_LOCALE must be one of ${LOCALES.join(', ')}`);

  const databaseUrl = url('DATABASE_URL');
  if (databaseUrl !== null && !/^postgres(ql)?:/.test(databaseUrl)) problems.push('DATABASE_URL must be a postgres:// URL');
  const migrationUrl = url('DATABASE_MIGRATION_URL');
  if (migrationUrl !== null && !/^postgres(ql)?:/.test(migrationUrl)) problems.push('DATABASE_MIGRATION_URL must be a postgres:// URL');
  if (migrationUrl !== null && databaseUrl === null) problems.push('DATABASE_MIGRATION_URL needs DATABASE_URL (the embedded database has no separate owner connection)');

  const clamavUrl = optional('CLAMAV_URL');
  const scanPolicyOf = (chosen: 'required' | 'optional' | null): 'required' | 'optional' => {
    if (chosen === 'optional' && clamavUrl !== null) {
      problems.push('SCAN_POLICY=optional applies only when no scanner is configured; with CLAMAV_URL set, files wait for the scanner (unset one of them)');
    }
    return chosen ?? (clamavUrl !== null || str('NODE_ENV', 'development') === 'production' ? 'required' : 'optional');
  };

  const bucket = optional('S3_BUCKET');
  const s3 =
    bucket === null
      ? null
      : {
          bucket,
          endpoint: url('S3_ENDPOINT'),
          region: str('S3_REGION', 'us-east-1'),
          forcePathStyle: bool('S3_FORCE_PATH_STYLE', false),
        };

  const config: Config = {
    nodeEnv: str('NODE_ENV', 'development'),
    host: str('HOST', '127.0.0.1'),
    port: int('PORT', 8080, 0, 65535),
    publicUrl: url('VOICEFILES_PUBLIC_URL'),
    dataDir: str('VOICEFILES_DATA_DIR', './data'),
    rootKey: secret('VOICEFILES_ROOT_KEY'),
    adminToken: secret('VOICEFILES_ADMIN_TOKEN'),
    adminTokenSha256: adminTokenSha256?.toLowerCase() ?? null,
    masterKey,
    databaseUrl,
    database: {
      migrationUrl,
      poolSize: int('DATABASE_POOL_SIZE', 10, 1, 1000),
      connectTimeoutMs: int('DATABASE_CONNECT_TIMEOUT_MS', 5000, 100, 120_000),
    },
    s3,
    logLevel: str('LOG_LEVEL', 'info'),
    uploadLimits: {
      document: int('UPLOAD_MAX_MB_DOCUMENT', 100, 1, 102400) * MiB,
      spreadsheet: int('UPLOAD_MAX_MB_SPREADSHEET', 50, 1, 102400) * MiB,
      text: int('UPLOAD_MAX_MB_TEXT', 20, 1, 102400) * MiB,
      audio: int('UPLOAD_MAX_MB_AUDIO', 500, 1, 102400) * MiB,
      image: int('UPLOAD_MAX_MB_IMAGE', 25, 1, 102400) * MiB,
    },
    uploadTimeoutSeconds: int('UPLOAD_TIMEOUT_SECONDS', 3600, 1, 86400),
    sessionMaxTtlSeconds: int('SESSION_MAX_TTL_SECONDS', 86400, 60, 7 * 86400),
    wsMaxMessageBytes: int('WS_MAX_MESSAGE_BYTES', 65536, 1024, 1024 * 1024),
    wsRate: { perSecond: int('WS_RATE_PER_SECOND', 20, 1, 10000), burst: int('WS_RATE_BURST', 40, 1, 100000) },
    wsHeartbeatSeconds: int('WS_HEARTBEAT_SECONDS', 30, 1, 3600),
    defaultLocale: locale as Locale,
    shutdownGraceSeconds: int('SHUTDOWN_GRACE_SECONDS', 20, 0, 600),
    pipeline: {
      inProcessWorkers: bool('PIPELINE_WORKERS', true),
      clamavUrl,
      clamavStreamMaxBytes: env.CLAMAV_STREAM_MAX_BYTES ? int('CLAMAV_STREAM_MAX_BYTES', 0, 1, Number.MAX_SAFE_INTEGER) : null,
      scanPolicy: scanPolicyOf(oneOf('SCAN_POLICY', ['required', 'optional'] as const, null)),
      scanProbeSeconds: int('SCAN_PROBE_SECONDS', 10, 1, 3600),
      scanTimeoutSeconds: int('SCAN_TIMEOUT_SECONDS', 120, 1, 3600),
      extractTimeoutSeconds: int('EXTRACT_TIMEOUT_SECONDS', 60, 1, 3600),
      extractMaxMemoryMb: int('EXTRACT_MAX_MEMORY_MB', 512, 64, 16384),
      extractMaxPages: int('EXTRACT_MAX_PAGES', 2000, 1, 1_000_000),
      maxTextBytes: int('MAX_TEXT_KB', 1024, 1, 65536) * 1024,
      ocrTimeoutSeconds: int('OCR_TIMEOUT_SECONDS', 300, 10, 3600),
      ocrMaxPages: int('OCR_MAX_PAGES', 50, 0, 10_000),
      emailMaxAttachments: int('EMAIL_MAX_ATTACHMENTS', 50, 0, 1000),
      emailMaxDepth: int('EMAIL_MAX_DEPTH', 5, 0, 50),
      transcriber: oneOf('TRANSCRIBER', ['auto', 'pocketsphinx', 'aws', 'none'] as const, 'auto'),
      concurrency: {
        scan: int('JOB_CONCURRENCY_SCAN', 2, 1, 64),
        extract: int('JOB_CONCURRENCY_EXTRACT', 2, 1, 64),
        transcribe: int('JOB_CONCURRENCY_TRANSCRIBE', 1, 1, 64),
        index: int('JOB_CONCURRENCY_INDEX', 4, 1, 64),
      },
      retryLimit: int('JOB_RETRY_LIMIT', 8, 0, 100),
      retryDelaySeconds: int('JOB_RETRY_DELAY_SECONDS', 2, 1, 3600),
      jobExpireSeconds: int('JOB_EXPIRE_SECONDS', 900, 2, 86400),
      maintenanceSeconds: int('JOB_MAINTENANCE_SECONDS', 30, 1, 3600),
    },
    mcp: { allowedOrigins: [], allowedHosts: null, queryToken: false, httpResponses: 'json', maxConnectionsPerToken: 4, sessionIdleSeconds: 300, maxSessions: 5000 },
    http: {
      maxConnections: int('HTTP_MAX_CONNECTIONS', 1000, 1, 1_000_000),
      jsonBodyTimeoutSeconds: int('JSON_BODY_TIMEOUT_SECONDS', 10, 1, 600),
      minBytesPerSecond: int('BODY_MIN_BYTES_PER_SECOND', 1024, 0, 1024 * 1024 * 1024),
      rateWindowSeconds: int('BODY_RATE_WINDOW_SECONDS', 20, 1, 3600),
      trustProxyHops: int('TRUST_PROXY_HOPS', 0, 0, 10),
    },
    auth: {
      failureBurst: int('AUTH_FAILURE_BURST', 10, 1, 100_000),
      failuresPerMinute: int('AUTH_FAILURES_PER_MINUTE', 10, 1, 100_000),
      revocationCacheSeconds: int('SESSION_REVOCATION_CACHE_SECONDS', 5, 0, 300),
    },
    codes: {
      expirySeconds: int('CODE_EXPIRY_SECONDS', 86400, 60, 365 * 86400),
      useLimit: int('CODE_USE_LIMIT', 3, 1, 1000),
      attemptLimit: int('CODE_ATTEMPT_LIMIT', 10, 1, 10_000),
      maxLivePerTenant: int('CODE_MAX_LIVE_PER_TENANT', 1000, 1, 10_000_000),
      correction: bool('CODE_CORRECTION', true),
      perCode: throttle('CODE_THROTTLE_PER_CODE', { attempts: 5, perSeconds: 60, burst: 5 }),
      perAddress: throttle('CODE_THROTTLE_PER_ADDRESS', { attempts: 10, perSeconds: 900, burst: 10 }),
      perTenant: throttle('CODE_THROTTLE_PER_TENANT', { attempts: 60, perSeconds: 3600, burst: 60 }),
      confirmationSeconds: int('SHARE_CONFIRMATION_SECONDS', 120, 10, 3600),
      downloadLinkSeconds: int('DOWNLOAD_LINK_SECONDS', 300, 10, 3600),
      webhookAllowPrivateAddresses: bool('WEBHOOK_ALLOW_PRIVATE_ADDRESSES', false),
    },
    metrics: {
      token: secret('METRICS_TOKEN', 16),
      listen: listenAddress('METRICS_LISTEN'),
    },
    search: searchConfig(),
    describe: {
      describer: oneOf('DESCRIBER', ['extractive', 'bedrock'] as const, 'extractive'),
      bedrockModelId: modelId('BEDROCK_MODEL_ID', 'amazon.nova-lite-v1:0'),
      bedrockRegion: region('BEDROCK_REGION', s3?.region ?? 'us-east-1'),
      timeoutMs: int('DESCRIBE_TIMEOUT_MS', 1500, 50, 60_000),
    },
    sweep: {
      intervalSeconds: int('SWEEP_INTERVAL_SECONDS', 3600, 1, 7 * 86400),
      safetyMarginSeconds: int('SWEEP_SAFETY_MARGIN_SECONDS', 86400, 1, 30 * 86400),
    },
    quotas: { warnPercents: percentList('QUOTA_WARN_PERCENTS', [80, 95]) },
    lifecycle: {
      cron: cronExpression('LIFECYCLE_CRON', '*/15 * * * *'),
      purgeBatchSize: int('PURGE_BATCH_SIZE', 200, 1, 5000),
    },
  };
  config.mcp = mcpConfig(config, { origins: list('MCP_ALLOWED_ORIGINS'), hosts: list('MCP_ALLOWED_HOSTS') }, {
    queryToken: bool('MCP_QUERY_TOKEN', false),
    httpResponses: oneOf('MCP_HTTP_RESPONSES', ['json', 'sse'] as const, 'json'),
    maxConnectionsPerToken: int('MCP_MAX_CONNECTIONS_PER_TOKEN', 4, 1, 1000),
    sessionIdleSeconds: int('MCP_SESSION_IDLE_SECONDS', 300, 5, 86400),
    maxSessions: int('MCP_MAX_SESSIONS', 5000, 10, 1_000_000),
  });
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(config.logLevel)) {
    problems.push('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** Origin and Host allow-lists: as configured, else loopback names on a loopback bind plus the public URL's host. */
function mcpConfig(
  config: Config,
  lists: { origins: string[] | null; hosts: string[] | null },
  rest: Omit<McpConfig, 'allowedOrigins' | 'allowedHosts'>,
): McpConfig {
  const loopback = ['127.0.0.1', 'localhost', '::1'].includes(config.host) || config.host.startsWith('127.');
  const publicHost = config.publicUrl ? new URL(config.publicUrl).hostname : null;
  const publicHostname = publicHost && publicHost.includes(':') && !publicHost.startsWith('[') ? `[${publicHost}]` : publicHost;
  const defaults = [...(loopback ? LOOPBACK_NAMES : []), ...(publicHostname ? [publicHostname] : [])];
  const hosts = lists.hosts?.includes('*') ? null : (lists.hosts ?? (defaults.length > 0 ? defaults : null));
  return { ...rest, allowedOrigins: lists.origins ?? defaults, allowedHosts: hosts };
}

/** Base URL for links; VOICEFILES_PUBLIC_URL or the bound address. */
export function publicBaseUrl(config: Config, boundPort: number): string {
  return config.publicUrl ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${boundPort}`;
}

/** Base URL the CLI talks to: VOICEFILES_URL, default http://127.0.0.1:8080. */
export function cliServerUrl(env: Env = process.env): string {
  return (env.VOICEFILES_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
}

/**
 * Where the CLI keeps its own files (its tenant API keys, `credentials.json`):
 * VOICEFILES_CONFIG_DIR, else $XDG_CONFIG_HOME/voicefiles, else ~/.config/voicefiles
 * (%APPDATA%\voicefiles on Windows). Per user, not per server: the CLI may talk to
 * a server whose data directory it cannot read.
 */
export function cliConfigDir(env: Env = process.env, home: string = os.homedir()): string {
  if (env.VOICEFILES_CONFIG_DIR) return env.VOICEFILES_CONFIG_DIR;
  if (env.XDG_CONFIG_HOME) return path.join(env.XDG_CONFIG_HOME, 'voicefiles');
  if (process.platform === 'win32' && env.APPDATA) return path.join(env.APPDATA, 'voicefiles');
  return path.join(home, '.config', 'voicefiles');
}
