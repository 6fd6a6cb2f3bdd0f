import { CATEGORIES } from '../../domain/category.ts';
import { VISIBILITIES } from '../../domain/file.ts';
import { ROLES, SCOPES } from '../../domain/principal.ts';
import { LOCALES, TENANT_SLUG_PATTERN } from '../../domain/tenant.ts';
import type { JsonSchema, ObjectSchema } from '../../tools/json-schema.ts';

/**
 * The JSON Schemas of every HTTP input: path parameters, query strings, JSON
 * bodies and the headers we read. The router compiles them through the input
 * gate (`src/transport/input-gate.ts`), which also refuses control characters and
 * bounds every string; `docs/openapi.json` documents the same constraints
 * (`test/e2e/openapi.test.ts` compares them).
 */

const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

const object = (properties: Record<string, JsonSchema>, required: string[] = []): ObjectSchema => ({
  type: 'object',
  properties,
  ...(required.length > 0 ? { required } : {}),
  additionalProperties: false,
});
const uuid = (description: string): JsonSchema => ({ type: 'string', pattern: UUID_PATTERN, description });

export const SLUG: JsonSchema = { type: 'string', pattern: TENANT_SLUG_PATTERN.source, maxLength: 63, description: '2-63 lower-case letters, digits or single hyphens.' };

/** A spoken code as typed: words, digits, spaces and hyphens; read by src/voice/codes/code-parser.ts. */
export const CODE_TEXT: JsonSchema = { type: 'string', minLength: 1, maxLength: 300, description: 'The code: six words (any case, hyphens or spaces) or 18 digits.' };

/** Path parameters, by route. */
export const PARAMS = {
  tenant: object({ slug: SLUG }, ['slug']),
  tenantKey: object({ slug: SLUG, key_id: uuid('An API key id.') }, ['slug', 'key_id']),
  file: object({ id: uuid('A file id.') }, ['id']),
  customer: object({ customer_id: { type: 'string', minLength: 1, maxLength: 200, description: 'The customer id files were uploaded with (`customer_id`).' } }, ['customer_id']),
  fileVersion: object({ id: uuid('A file id.'), n: { type: 'string', pattern: '^[1-9][0-9]{0,8}$', description: 'A version number, from 1.' } }, ['id', 'n']),
  session: object({ session_id: uuid('A session id from POST /v1/sessions.') }, ['session_id']),
  hold: object({ id: uuid('A legal hold id from POST /v1/holds.') }, ['id']),
  retentionRule: object({ id: uuid('A retention rule id.') }, ['id']),
  codeTenant: object({ slug: SLUG }, ['slug']),
  code: object({ slug: SLUG, code: CODE_TEXT }, ['slug', 'code']),
};

/** Query strings, by route. */
export const QUERIES = {
  none: object({}),
  listFiles: object({
    limit: { type: 'integer', minimum: 1, maximum: 200, description: 'Page size (default 50).' },
    cursor: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,200}$', description: '`next_cursor` of the previous page.' },
    trashed: { type: 'boolean', description: 'List the trash (deleted files, restorable until `purge_after`) instead of the live files.' },
  }),
  upload: object({
    name: { type: 'string', maxLength: 1024, description: 'The file name with its extension; at most 255 bytes, no path separators or control characters.' },
    visibility: { type: 'string', enum: VISIBILITIES, description: 'Who may see the file over the voice tools.' },
    customer_id: { type: 'string', minLength: 1, maxLength: 200, description: 'The customer a `customer` file belongs to.' },
    file_id: uuid('Add a new version to this existing file instead of creating a file.'),
  }),
  audit: object({
    limit: { type: 'integer', minimum: 1, maximum: 1000, description: 'How many events (default 100).' },
    action: { type: 'string', pattern: '^[a-z][a-z0-9_.]{0,99}$', description: 'Only this action, e.g. `file.upload`.' },
    target: { type: 'string', minLength: 1, maxLength: 200, description: 'Only events about this target.' },
  }),
  holds: object({
    active: { type: 'boolean', description: 'Only holds not yet released.' },
  }),
  codeEntry: object({
    tenant: { ...SLUG, description: "The tenant's slug (the /c page without one asks for it)." },
    code: CODE_TEXT,
  }),
  /** Shapes are checked by the link's own verification (answering `link_invalid`); here only bounds. */
  blob: object({
    k: { type: 'string', maxLength: 1024 },
    e: { type: 'string', maxLength: 20 },
    n: { type: 'string', maxLength: 1024 },
    ct: { type: 'string', maxLength: 255 },
    s: { type: 'string', maxLength: 100 },
  }),
  /** A signed upload link of the /u page (local disk); shapes are checked by the link's verification. */
  blobUpload: object({
    k: { type: 'string', maxLength: 1024 },
    e: { type: 'string', maxLength: 20 },
    ct: { type: 'string', maxLength: 255 },
    max: { type: 'string', maxLength: 20 },
    s: { type: 'string', maxLength: 100 },
  }),
};

/** Tenant settings: quotas, the trash period and the time zone. */
const TENANT_SETTINGS = {
  quota_bytes: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'Byte quota; identical content counts once. Without it: no limit.' },
  quota_files: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'File-count quota. Without it: no limit.' },
  trash_days: { type: 'integer', minimum: 0, maximum: 3650, description: 'Days a deleted file stays restorable in the trash (default 30).' },
  time_zone: { type: 'string', minLength: 1, maxLength: 64, description: 'IANA time zone of the tenant ("Europe/Berlin", "America/Los_Angeles"), for relative dates in spoken queries ("yesterday", "last week"); default UTC. An unknown name is refused with 400 `invalid_time_zone`.' },
} satisfies Record<string, JsonSchema>;

/** JSON bodies, by route. */
export const BODIES = {
  setWebhook: object(
    {
      url: { type: 'string', minLength: 8, maxLength: 2000, description: 'http(s) URL that receives share links (HMAC-signed JSON, see adapters/notify/README.md).' },
      secret: { type: 'string', minLength: 32, maxLength: 512, description: 'The signing secret, at least 32 characters; never returned.' },
    },
    ['url', 'secret'],
  ),
  createTenant: object(
    {
      slug: SLUG,
      name: { type: 'string', minLength: 1, maxLength: 200, description: 'Display name; defaults to the slug.' },
      locale: { type: 'string', enum: LOCALES, description: 'Language of spoken results; defaults to DEFAULT_LOCALE.' },
      ...TENANT_SETTINGS,
    },
    ['slug'],
  ),
  setTags: object(
    {
      tags: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 50 }, maxItems: 20, description: 'All tags of the file (replacing the old ones): 1-50 letters, digits, spaces, dots, hyphens or underscores each; stored lower-case.' },
    },
    ['tags'],
  ),
  updateTenant: object({
    ...TENANT_SETTINGS,
    unset: { type: 'array', items: { type: 'string', enum: ['quota_bytes', 'quota_files'] }, minItems: 1, maxItems: 2, description: 'Remove these quotas (no limit any more).' },
  }),
  /** Without `tenant`: every tenant. */
  reindex: object({ tenant: SLUG }),
  createKey: object({
    name: { type: 'string', minLength: 1, maxLength: 100, description: 'What the key is for.' },
    expires_in_days: { type: 'integer', minimum: 1, maximum: 3650, description: 'The key stops working this many days from now; without it, it never expires.' },
  }),
  /** Exactly one of file_id, customer_id, tenant (checked by the use case, which names the rule). */
  placeHold: object(
    {
      file_id: uuid('Hold this file (live or in the trash).'),
      customer_id: { type: 'string', minLength: 1, maxLength: 200, description: 'Hold every file of this customer id.' },
      tenant: { type: 'boolean', description: 'true: hold every file of the tenant.' },
      reason: { type: 'string', minLength: 1, maxLength: 500, description: 'Why: named in every refusal the hold causes.' },
    },
    ['reason'],
  ),
  /** Exactly one of category and tag, at least one of min_days and max_days (checked by the use case). */
  retentionRule: object({
    category: { type: 'string', enum: CATEGORIES, description: 'Files of this category.' },
    tag: { type: 'string', minLength: 1, maxLength: 50, description: 'Files with this tag (compared lower-case).' },
    min_days: { type: 'integer', minimum: 1, maximum: 36500, description: 'A matching file cannot be deleted until this many days after it was created.' },
    max_days: { type: 'integer', minimum: 1, maximum: 36500, description: 'A matching file moves to the trash this many days after it was created (unless a hold covers it).' },
  }),
  /** `ttl_seconds` is bounded above by SESSION_MAX_TTL_SECONDS. */
  createSession: (maxTtlSeconds: number) =>
    object({
      role: { type: 'string', enum: ROLES, description: 'staff sees every file; caller sees public files and customer files of its own customer_id.' },
      call_id: { type: 'string', minLength: 1, maxLength: 200, description: "The voice platform's call id; kept with every audit event of the session." },
      caller: object({
        phone: { type: 'string', pattern: '^\\+?[0-9 ()-]{3,32}$' },
        customer_id: { type: 'string', minLength: 1, maxLength: 200 },
        verified: { type: 'boolean' },
      }),
      scopes: { type: 'array', items: { type: 'string', enum: SCOPES }, minItems: 1, maxItems: SCOPES.length },
      ttl_seconds: { type: 'integer', minimum: 30, maximum: maxTtlSeconds },
    }),
};

/** JSON bodies of the /u page's API. */
export const UPLOAD_PAGE_BODIES = {
  open: object({ code: { type: 'string', minLength: 1, maxLength: 300, description: 'The upload code as typed or heard: words or keypad digits.' } }, ['code']),
  file: object(
    {
      name: { type: 'string', minLength: 1, maxLength: 1024, description: 'The file name with its extension.' },
      size: { type: 'integer', minimum: 0, maximum: 1024 ** 4, description: 'The file size in bytes, as the browser reports it.' },
    },
    ['name', 'size'],
  ),
};

export const UPLOAD_PAGE_QUERY = object({ lang: { type: 'string', enum: ['en', 'de'], description: 'The page language; default from Accept-Language.' } });

export const UPLOAD_PAGE_PARAMS = {
  tenant: object({ slug: SLUG }, ['slug']),
  file: object({ blob_id: uuid('The blob_id of a reserved file.') }, ['blob_id']),
};

/** The request headers we read, whatever the route. Others are not looked at. */
export const HEADERS = object({
  authorization: { type: 'string', maxLength: 4096 },
  /** https://datatracker.ietf.org/doc/draft-ietf-httpapi-idempotency-key-header/ */
  'idempotency-key': { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
});
