import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSize } from '../../../src/cli/tenant-quota.command.ts';
import { runInProcess } from './cli-harness.ts';

const ADMIN = 'a'.repeat(43);
const requests: Array<{ method: string; url: string; auth: string | undefined; body: unknown }> = [];
let server: Server;
let env: Record<string, string>;

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      const body = JSON.parse(text || '{}') as Record<string, unknown>;
      requests.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization, body });
      const unset = (body.unset as string[] | undefined) ?? [];
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ slug: 'acme', quota_bytes: unset.includes('quota_bytes') ? null : (body.quota_bytes ?? 1), quota_files: unset.includes('quota_files') ? null : (body.quota_files ?? null), trash_days: body.trash_days ?? 30, ...(body.time_zone ? { time_zone: body.time_zone } : {}) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  env = { VOICEFILES_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, VOICEFILES_ADMIN_TOKEN: ADMIN };
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('tenant set-quota', () => {
  it('PATCHes the tenant with the admin token and prints the settings', async () => {
    const run = await runInProcess(['tenant', 'set-quota', 'acme', '--bytes', '10GiB', '--files', '5000', '--trash-days', '14'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(requests.at(-1)).toEqual({ method: 'PATCH', url: '/v1/tenants/acme', auth: `Bearer ${ADMIN}`, body: { quota_bytes: 10 * 2 ** 30, quota_files: 5000, trash_days: 14 } });
    expect(run.stdout).toBe(`Tenant acme: ${10 * 2 ** 30} bytes, 5000 files, trash kept 14 days.\n`);
  });

  it('sets the time zone with --time-zone, alone or with the rest, and prints it', async () => {
    const run = await runInProcess(['tenant', 'set-quota', 'acme', '--time-zone', 'Europe/Berlin'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(requests.at(-1)?.body).toEqual({ time_zone: 'Europe/Berlin' });
    expect(run.stdout).toBe('Tenant acme: 1 bytes, no file quota, trash kept 30 days, time zone Europe/Berlin.\n');
  });

  it('removes a quota with none', async () => {
    const run = await runInProcess(['tenant', 'set-quota', 'acme', '--bytes', 'none', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(requests.at(-1)?.body).toEqual({ unset: ['quota_bytes'] });
    expect(JSON.parse(run.stdout)).toMatchObject({ quota_bytes: null });
  });

  it('refuses a wrong size or nothing to set (exit 2)', async () => {
    expect((await runInProcess(['tenant', 'set-quota', 'acme', '--bytes', '10 parsecs'], env)).code).toBe(2);
    expect((await runInProcess(['tenant', 'set-quota', 'acme'], env)).code).toBe(2);
  });

  it('reads sizes with decimal and binary units', () => {
    expect(parseSize('1500', '--bytes')).toBe(1500);
    expect(parseSize('500MB', '--bytes')).toBe(500_000_000);
    expect(parseSize('1.5 GiB', '--bytes')).toBe(1.5 * 2 ** 30);
    expect(() => parseSize('-1', '--bytes')).toThrow(/must be a size/);
  });
});
