import { describe, expect, it, vi } from 'vitest';
import { DomainError } from '../../../src/domain/errors.ts';
import type { Principal } from '../../../src/domain/principal.ts';
import { ToolRunner, UnknownToolError } from '../../../src/tools/tool-runner.ts';
import type { ToolContext, ToolDefinition } from '../../../src/tools/tool.ts';
import { InputGate, toolArgumentGate } from '../../../src/transport/input-gate.ts';
import { MemoryAuditLog } from '../fakes/memory.audit-log.ts';

const session = (scopes: Array<'read' | 'share' | 'upload'> = ['read'], locale: 'en' | 'de' = 'en'): Extract<Principal, { kind: 'session' }> => ({
  kind: 'session',
  tenantId: '11111111-1111-4111-8111-111111111111',
  sessionId: '22222222-2222-4222-8222-222222222222',
  role: 'staff',
  scopes,
  caller: {},
  locale,
  expiresAt: new Date(Date.now() + 3600_000),
});
const ctx = (principal = session()): ToolContext => ({ principal, requestId: 'r1', now: new Date('2026-05-23T10:00:00Z') });

/** A tool that echoes its arguments, or does what `behaviour` says. */
function echoTool(behaviour: (args: Record<string, unknown>) => Promise<unknown> = async (args) => args): ToolDefinition {
  return {
    name: 'echo',
    title: 'Echo',
    description: 'Says back what it got.',
    requiredScope: 'read',
    inputSchema: {
      type: 'object',
      properties: { file_id: { type: 'string', pattern: '^[0-9a-fA-F-]{36}$' }, note: { type: 'string', maxLength: 20 } },
      required: ['file_id'],
      additionalProperties: false,
    },
    run: vi.fn(async (args) => ({ speech: 'Done.', data: { got: await behaviour(args) } })),
  };
}

function runnerWith(tool: ToolDefinition) {
  const audit = new MemoryAuditLog();
  const onFault = vi.fn();
  const runner = new ToolRunner([tool], { audit, checkArguments: toolArgumentGate(new InputGate()), onFault });
  return { runner, audit, onFault };
}

const FILE = '33333333-3333-4333-8333-333333333333';

describe('the tool runner on fakes', () => {
  it('runs a tool with checked arguments and audits the call with its target', async () => {
    const tool = echoTool();
    const { runner, audit } = runnerWith(tool);
    const result = await runner.call('echo', { file_id: FILE, note: 'hi' }, ctx());
    expect(result).toEqual({ speech: 'Done.', data: { got: { file_id: FILE, note: 'hi' } } });
    expect(audit.events).toMatchObject([{ action: 'tool.echo', outcome: 'ok', target: FILE, actor: 'session:22222222-2222-4222-8222-222222222222' }]);
    expect(runner.list()).toEqual([{ name: 'echo', title: 'Echo', description: 'Says back what it got.', inputSchema: tool.inputSchema }]);
  });

  it.each([
    ['a __proto__ argument', '{"file_id":"33333333-3333-4333-8333-333333333333","__proto__":{"admin":true}}', '__proto__'],
    ['a constructor argument', '{"file_id":"33333333-3333-4333-8333-333333333333","constructor":{"prototype":{"admin":true}}}', 'constructor'],
    ['a nested pollution attempt', '{"file_id":{"__proto__":{"length":1}}}', 'file_id'],
  ])('%s comes back validation_failed, never internal, and the tool does not run', async (_label, json, field) => {
    const tool = echoTool();
    const { runner, audit, onFault } = runnerWith(tool);
    const result = await runner.call('echo', JSON.parse(json) as unknown, ctx());
    expect(result.isError).toBe(true);
    expect(result.data.error).toMatchObject({ code: 'validation_failed', details: { [`arguments.${field}`]: expect.any(String) } });
    expect(result.speech).toMatch(/another way/);
    expect(tool.run).not.toHaveBeenCalled();
    expect(onFault).not.toHaveBeenCalled();
    expect(audit.events).toMatchObject([{ outcome: 'denied', detail: { code: 'validation_failed' } }]);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it.each([
    ['no arguments at all', undefined],
    ['null', null],
    ['a list', [FILE]],
    ['a string', FILE],
    ['NUL in a string', { file_id: `${FILE.slice(0, 35)}\u0000` }],
    ['an overlong string', { file_id: FILE, note: 'x'.repeat(21) }],
  ])('%s is validation_failed', async (_label, args) => {
    const { runner } = runnerWith(echoTool());
    const result = await runner.call('echo', args, ctx());
    expect(result).toMatchObject({ isError: true, data: { error: { code: 'validation_failed' } } });
  });

  it('audits a refused call without its unchecked target (a NUL in a file_id never reaches the trail)', async () => {
    const { runner, audit } = runnerWith(echoTool());
    const result = await runner.call('echo', { file_id: `${FILE.slice(0, 35)}\u0000` }, ctx());
    expect(result.data.error).toMatchObject({ code: 'validation_failed' });
    expect(audit.events).toMatchObject([{ action: 'tool.echo', outcome: 'denied', target: null }]);
  });

  it('an unknown tool is a protocol fault, not a tool result', async () => {
    const { runner, audit } = runnerWith(echoTool());
    await expect(runner.call('nope', {}, ctx())).rejects.toBeInstanceOf(UnknownToolError);
    expect(audit.events).toEqual([]);
  });

  it('a missing scope is forbidden, said in the caller\'s language', async () => {
    const { runner, audit } = runnerWith(echoTool());
    const result = await runner.call('echo', { file_id: FILE }, ctx(session(['upload'], 'de')));
    expect(result).toMatchObject({ isError: true, data: { error: { code: 'forbidden' } } });
    expect(result.speech).toMatch(/Gespräch/);
    expect(audit.events).toMatchObject([{ outcome: 'denied', detail: { code: 'forbidden' } }]);
  });

  it('a domain error from the tool keeps its code; anything else is internal, reported, and audited as an error', async () => {
    const missing = runnerWith(echoTool(async () => Promise.reject(new DomainError('file_not_found'))));
    expect((await missing.runner.call('echo', { file_id: FILE }, ctx())).data.error).toMatchObject({ code: 'file_not_found' });
    expect(missing.onFault).not.toHaveBeenCalled();

    const crash = runnerWith(echoTool(async () => Promise.reject(new TypeError('boom'))));
    const result = await crash.runner.call('echo', { file_id: FILE }, ctx());
    expect(result).toMatchObject({ isError: true, data: { error: { code: 'internal', message: 'Something went wrong on our side.' } } });
    expect(JSON.stringify(result)).not.toContain('boom');
    expect(crash.onFault).toHaveBeenCalledWith(expect.any(TypeError), 'echo');
    expect(crash.audit.events).toMatchObject([{ outcome: 'error', detail: { code: 'internal' } }]);
  });
});
