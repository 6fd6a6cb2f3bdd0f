import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { cliServerUrl } from '../config.ts';
import { HELP_OPTION, parseCommandArgs, required, UsageError } from './args.ts';
import type { CliContext, Command } from './context.ts';
import { EXIT } from './context.ts';
import { tenantApiKey } from './credentials.ts';
import { ApiError, createApiClient } from './http-client.ts';
import { json, line, printable } from './output.ts';

const EXPORT_HELP = `Usage: voicefiles customer export <customer_id> --tenant <slug> [--out <file.zip>]

Download a zip of the customer's current files with a manifest (GDPR access), streamed to disk.

Options:
  --tenant <slug>   tenant of the customer (required)
  --out <file>      where to write the zip (default: customer-<customer_id>-export.zip)
  -h, --help        show this help
`;

const ERASE_HELP = `Usage: voicefiles customer erase <customer_id> --tenant <slug> --yes [--json]

Erase everything bound to the customer (GDPR erasure): files, versions, text, index entries,
shares and upload requests, except what a legal hold covers (listed). Cannot be undone.

Options:
  --tenant <slug>   tenant of the customer (required)
  --yes             confirm the erasure (required)
  --json            print the server's answer as JSON
  -h, --help        show this help
`;

interface ErasureAnswer {
  erased_files: string[];
  held_files: Array<{ file_id: string; hold_id: string; reason: string }>;
  removed_shares: number;
  removed_upload_requests: number;
  redacted_audit_events: number;
  complete: boolean;
}

export const customerExportCommand: Command = {
  name: 'customer export',
  summary: "download a zip of a customer's files (GDPR access)",
  help: EXPORT_HELP,
  async run(argv: string[], ctx: CliContext): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, { ...HELP_OPTION, tenant: { type: 'string' }, out: { type: 'string' } } as const, { min: 1, max: 1, help: EXPORT_HELP });
    if (values.help) {
      ctx.stdout.write(EXPORT_HELP);
      return EXIT.ok;
    }
    const tenant = required(values.tenant, '--tenant', EXPORT_HELP);
    const customerId = positionals[0]!;
    const client = createApiClient(cliServerUrl(ctx.env));
    const apiKey = await tenantApiKey(client, ctx, tenant);
    const out = path.resolve(ctx.cwd, values.out ?? `customer-${customerId.replace(/[^A-Za-z0-9_-]/g, '_')}-export.zip`);
    const response = await fetch(new URL(`/v1/customers/${encodeURIComponent(customerId)}/export`, `${client.baseUrl}/`), { headers: { authorization: `Bearer ${apiKey}` } });
    if (!response.ok || !response.body) {
      const text = await response.text().catch(() => '');
      let message = `The server answered ${response.status}.`;
      try {
        message = (JSON.parse(text) as { error: { message: string } }).error.message;
      } catch {
        // not JSON: keep the status
      }
      throw new ApiError(response.status, 'export_failed', message);
    }
    // Written beside the target and renamed once complete: a cut-off download leaves no zip that looks whole.
    const partial = `${out}.partial`;
    try {
      await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), createWriteStream(partial, { mode: 0o600 }));
      await rename(partial, out);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    line(ctx.stdout, `Exported ${printable(customerId)} to ${out}.`);
    return EXIT.ok;
  },
};

export const customerEraseCommand: Command = {
  name: 'customer erase',
  summary: "erase a customer's files, except what legal holds cover (GDPR erasure)",
  help: ERASE_HELP,
  async run(argv: string[], ctx: CliContext): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, { ...HELP_OPTION, tenant: { type: 'string' }, yes: { type: 'boolean' }, json: { type: 'boolean' } } as const, { min: 1, max: 1, help: ERASE_HELP });
    if (values.help) {
      ctx.stdout.write(ERASE_HELP);
      return EXIT.ok;
    }
    const tenant = required(values.tenant, '--tenant', ERASE_HELP);
    if (!values.yes) throw new UsageError('erasure cannot be undone: add --yes to confirm', ERASE_HELP);
    const customerId = positionals[0]!;
    const client = createApiClient(cliServerUrl(ctx.env));
    const apiKey = await tenantApiKey(client, ctx, tenant);
    const answer = await client.request<ErasureAnswer>('POST', `/v1/customers/${encodeURIComponent(customerId)}/erase`, { auth: apiKey });
    if (values.json) {
      json(ctx.stdout, answer);
      return EXIT.ok;
    }
    line(ctx.stdout, `Erased ${answer.erased_files.length} files of ${printable(customerId)} (${answer.removed_shares} shares, ${answer.removed_upload_requests} upload requests; ${answer.redacted_audit_events} audit events redacted).`);
    for (const held of answer.held_files) line(ctx.stdout, `Kept ${held.file_id}: legal hold ${held.hold_id} (${printable(held.reason)}).`);
    return EXIT.ok;
  },
};
