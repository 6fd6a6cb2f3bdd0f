import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AWS_CHAIN_VARIABLES, loadConfig } from '../../src/config.ts';

/**
 * The deployment files say only what the service understands: every variable
 * docker-compose.yml sets for the API nodes and the worker is one src/config.ts reads (or the
 * AWS SDK's credential chain, which config.ts names), and the values it sets pass validation.
 * (.ci/run also validates the file with `docker-compose config`.)
 */
const compose = readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8');
const configSource = readFileSync(new URL('../../src/config.ts', import.meta.url), 'utf8');
const dockerfile = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8');

/** `NAME: value` lines of a YAML block that starts at `start` and ends at the next line indented less. */
function block(start: RegExp): Record<string, string> {
  const lines = compose.split('\n');
  const first = lines.findIndex((line) => start.test(line));
  expect(first, `no block ${start}`).toBeGreaterThanOrEqual(0);
  const indent = (lines[first] as string).search(/\S/);
  const entries: Record<string, string> = {};
  for (const line of lines.slice(first + 1)) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (line.search(/\S/) <= indent) break;
    const match = /^\s+([A-Z][A-Z0-9_]*):\s*(.*?)\s*(#.*)?$/.exec(line);
    if (match) entries[match[1] as string] = (match[2] as string).replace(/^"(.*)"$/, '$1');
  }
  return entries;
}

/** A value as the default of its `${VAR:-default}` substitution would make it (a placeholder for required ones). */
function resolved(value: string): string {
  return value.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1').replace(/\$\{[A-Z_]+:\?[^}]*\}/g, 'x'.repeat(40));
}

describe('docker-compose.yml and the Dockerfile', () => {
  const shared = block(/^x-voicefiles-env:/);
  const worker = block(/^ {4}environment:\s*$/);

  it('sets only variables that src/config.ts knows', () => {
    const names = [...Object.keys(shared), ...Object.keys(worker)];
    expect(names.length).toBeGreaterThan(15);
    const unknown = names.filter((name) => !configSource.includes(`'${name}'`) && !(AWS_CHAIN_VARIABLES as readonly string[]).includes(name));
    expect(unknown).toEqual([]);
  });

  it('sets values that pass the configuration check, for the API nodes and for the worker', () => {
    const env = Object.fromEntries(Object.entries(shared).map(([k, v]) => [k, resolved(v)]));
    const api = loadConfig(env);
    expect(api).toMatchObject({ host: '0.0.0.0', pipeline: { inProcessWorkers: false, scanPolicy: 'required' }, s3: { bucket: 'voicefiles', forcePathStyle: true } });
    expect(api.mcp.allowedHosts).toEqual(['localhost', 'api1', 'api2']);
    expect(loadConfig({ ...env, ...Object.fromEntries(Object.entries(worker).map(([k, v]) => [k, resolved(v)])) }).pipeline.inProcessWorkers).toBe(true);
  });

  it('the checker would notice an unknown variable', () => {
    expect(configSource.includes("'VOICEFILES_NO_SUCH_SETTING'")).toBe(false);
  });

  it('builds in stages, installs production dependencies only, runs unprivileged, checks /health/ready', () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK [\s\S]*\/health\/ready/m);
  });

  it('gives every service a health check and keeps state in named volumes', () => {
    const services = ['api1', 'api2', 'worker', 'postgres', 'clamav', 'minio', 'meilisearch'];
    for (const service of services) expect(compose, service).toMatch(new RegExp(`^ {2}${service}:`, 'm'));
    expect(compose.match(/healthcheck:/g)?.length).toBeGreaterThanOrEqual(services.length - 1); // api1/api2 share one anchor
    for (const volume of ['postgres-data', 'clamav-db', 'minio-data', 'meili-data']) expect(compose).toMatch(new RegExp(`^ {2}${volume}:`, 'm'));
  });
});
