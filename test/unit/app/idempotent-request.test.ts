import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { IDEMPOTENCY_LEASE_MS, runIdempotently, type IdempotentOutcome } from '../../../src/app/idempotent-request.use-case.ts';
import { DomainError } from '../../../src/domain/errors.ts';
import { idempotencyStoreContract } from '../../contract/idempotency-store.contract.ts';
import { MemoryIdempotencyStore } from '../fakes/memory.idempotency-store.ts';

describe('the in-memory IdempotencyStore keeps the contract', () => {
  const store = new MemoryIdempotencyStore();
  idempotencyStoreContract(() => ({ store, newTenant: async () => randomUUID() }));
});

const clock = { now: () => new Date() };
const outcome = (sha = 'a'.repeat(64)): IdempotentOutcome => ({ response: { status: 201, body: { file_id: 'f1', version: 1 } }, contentSha256: sha });

describe('running a request at most once per Idempotency-Key', () => {
  const request = { tenantId: 't1', key: 'k1', parameters: ['upload-v1', 'a.txt', null, null, null] };

  it('runs the first time, then replays the first answer for the same parameters and bytes without running again', async () => {
    const store = new MemoryIdempotencyStore();
    const run = vi.fn(async () => outcome());
    const first = await runIdempotently({ store, clock }, request, run, async () => 'unused');
    expect(first).toEqual({ response: outcome().response, replayed: false });
    const again = await runIdempotently({ store, clock }, request, run, async () => 'a'.repeat(64));
    expect(again).toEqual({ response: outcome().response, replayed: true });
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('refuses other bytes or other parameters with the same key (422), and a repeat while the first runs (409)', async () => {
    const store = new MemoryIdempotencyStore();
    await runIdempotently({ store, clock }, request, async () => outcome(), async () => '');
    await expect(runIdempotently({ store, clock }, request, async () => outcome(), async () => 'b'.repeat(64))).rejects.toMatchObject({ code: 'idempotency_key_reused', status: 422 });
    await expect(runIdempotently({ store, clock }, { ...request, parameters: ['upload-v1', 'b.txt', null, null, null] }, async () => outcome(), async () => 'a'.repeat(64))).rejects.toMatchObject({ code: 'idempotency_key_reused' });

    let finish: (value: IdempotentOutcome) => void = () => undefined;
    const slow = runIdempotently({ store, clock }, { ...request, key: 'k2' }, () => new Promise((resolve) => (finish = resolve)), async () => '');
    await new Promise((resolve) => setImmediate(resolve));
    const digest = vi.fn(async () => '');
    await expect(runIdempotently({ store, clock }, { ...request, key: 'k2' }, async () => outcome(), digest)).rejects.toMatchObject({ code: 'idempotency_in_progress', status: 409 });
    expect(digest).not.toHaveBeenCalled();
    finish(outcome());
    await slow;
  });

  it('a failed run gives the key back, so the retry runs anew', async () => {
    const store = new MemoryIdempotencyStore();
    await expect(runIdempotently({ store, clock }, request, async () => Promise.reject(new DomainError('upload_aborted')), async () => '')).rejects.toMatchObject({ code: 'upload_aborted' });
    const run = vi.fn(async () => outcome());
    expect((await runIdempotently({ store, clock }, request, run, async () => '')).replayed).toBe(false);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('keeps its answer when the result cannot be recorded, and says so', async () => {
    const store = new MemoryIdempotencyStore();
    store.failNext.complete = new Error('database went away');
    const onWarning = vi.fn();
    expect(await runIdempotently({ store, clock, onWarning }, request, async () => outcome(), async () => '')).toEqual({ response: outcome().response, replayed: false });
    expect(onWarning).toHaveBeenCalledWith(expect.any(Error), 'could not record an idempotent result');
  });

  it('renews its claim while a long request runs, so no repeat takes it over', async () => {
    vi.useFakeTimers();
    try {
      const store = new MemoryIdempotencyStore();
      const fake = { now: () => new Date(Date.now()) };
      let finish: (value: IdempotentOutcome) => void = () => undefined;
      const long = runIdempotently({ store, clock: fake }, request, () => new Promise((resolve) => (finish = resolve)), async () => '');
      await vi.advanceTimersByTimeAsync(IDEMPOTENCY_LEASE_MS * 5);
      await expect(runIdempotently({ store, clock: fake }, request, async () => outcome(), async () => '')).rejects.toMatchObject({ code: 'idempotency_in_progress' });
      finish(outcome());
      await long;
    } finally {
      vi.useRealTimers();
    }
  });
});
