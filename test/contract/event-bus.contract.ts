/**
 * The EventBus contract, replayed on every adapter (DESIGN.md habit 1).
 * Delivery may be asynchronous, so tests wait for a marker event before
 * asserting that something did NOT arrive: a bus delivers in publish order.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Transaction } from '../../src/ports/database.port.ts';
import type { BusEvent, EventBus } from '../../src/ports/event-bus.port.ts';

export interface EventBusHarness {
  /** Called inside a test: a bus isolated from other tests (e.g. its own channel). */
  open(): Promise<EventBus>;
  /** A transaction of the database the bus is used with: commits when `work` resolves, rolls back when it throws. */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
}

export async function waitFor(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

const event = (tenantId: string, id: string, state = 'ready'): BusEvent => ({ type: 'file.state', tenantId, data: { versionId: id, state } });
const ids = (events: BusEvent[]) => events.map((e) => e.data.versionId);

export function eventBusContract(title: string, harness: EventBusHarness, options: { skip?: boolean } = {}): void {
  describe.skipIf(options.skip)(title, () => {
    async function open(): Promise<EventBus> {
      const bus = await harness.open();
      onTestFinished(() => bus.close?.());
      return bus;
    }

    it('delivers a published event to a subscriber of its tenant, intact', async () => {
      const bus = await open();
      const got: BusEvent[] = [];
      await bus.subscribe('tenant-a', (e) => got.push(e));
      const sent: BusEvent = { type: 'upload.received', tenantId: 'tenant-a', data: { versionId: 'v1', name: 'Q2 Bericht – Müller.pdf', size: 2048, nested: { ok: true } } };
      await bus.publish(sent);
      await waitFor(() => got.length === 1, 'the event');
      expect(got).toEqual([sent]);
    });

    it("never delivers one tenant's events to another tenant's subscriber", async () => {
      const bus = await open();
      const a: BusEvent[] = [];
      const b: BusEvent[] = [];
      await bus.subscribe('tenant-a', (e) => a.push(e));
      await bus.subscribe('tenant-b', (e) => b.push(e));
      await bus.publish(event('tenant-b', 'b1'));
      await bus.publish(event('tenant-a', 'a1'));
      await bus.publish(event('tenant-b', 'b2'));
      await waitFor(() => b.length >= 2 && a.length >= 1, 'both tenants');
      expect(ids(a)).toEqual(['a1']);
      expect(ids(b)).toEqual(['b1', 'b2']);
      expect(a.every((e) => e.tenantId === 'tenant-a') && b.every((e) => e.tenantId === 'tenant-b')).toBe(true);
    });

    it('delivers to every subscriber of the tenant, once each', async () => {
      const bus = await open();
      const first: BusEvent[] = [];
      const second: BusEvent[] = [];
      await bus.subscribe('tenant-a', (e) => first.push(e));
      await bus.subscribe('tenant-a', (e) => second.push(e));
      await bus.publish(event('tenant-a', 'v1'));
      await bus.publish(event('tenant-a', 'marker'));
      await waitFor(() => first.length >= 2 && second.length >= 2, 'both subscribers');
      expect(ids(first)).toEqual(['v1', 'marker']);
      expect(ids(second)).toEqual(['v1', 'marker']);
    });

    it('stops delivering to a subscriber after it unsubscribes, and only to it', async () => {
      const bus = await open();
      const leaving: BusEvent[] = [];
      const staying: BusEvent[] = [];
      const unsubscribe = await bus.subscribe('tenant-a', (e) => leaving.push(e));
      await bus.subscribe('tenant-a', (e) => staying.push(e));
      await bus.publish(event('tenant-a', 'before'));
      await waitFor(() => leaving.length === 1 && staying.length === 1, 'the first event');
      unsubscribe();
      unsubscribe();
      await bus.publish(event('tenant-a', 'after'));
      await waitFor(() => staying.length === 2, 'the second event');
      expect(ids(leaving)).toEqual(['before']);
      expect(ids(staying)).toEqual(['before', 'after']);
    });

    it('keeps delivering to other subscribers when one throws', async () => {
      const bus = await open();
      const got: BusEvent[] = [];
      await bus.subscribe('tenant-a', () => {
        throw new Error('subscriber bug');
      });
      await bus.subscribe('tenant-a', (e) => got.push(e));
      await expect(bus.publish(event('tenant-a', 'v1'))).resolves.toBeUndefined();
      await waitFor(() => got.length === 1, 'the event');
    });

    it('publishes on commit: delivered once the transaction commits, never after a rollback', async () => {
      const bus = await open();
      const got: BusEvent[] = [];
      await bus.subscribe('tenant-a', (e) => got.push(e));
      await expect(
        harness.transaction(async (tx) => {
          await bus.publishOnCommit(tx, event('tenant-a', 'rolled-back'));
          throw new Error('the move failed after its event');
        }),
      ).rejects.toThrow(/the move failed/);
      await harness.transaction(async (tx) => {
        await bus.publishOnCommit(tx, event('tenant-a', 'committed'));
        // Not before the commit, even to a subscriber in this process.
        await sleep(50);
        expect(got).toEqual([]);
      });
      await bus.publish(event('tenant-a', 'marker'));
      await waitFor(() => got.length >= 2, 'the committed event and the marker');
      expect(ids(got)).toEqual(['committed', 'marker']);
    });

    it('refuses an oversized event inside the transaction, so the transaction rolls back with it', async () => {
      const bus = await open();
      const big: BusEvent = { type: 'file.text', tenantId: 'tenant-a', data: { text: 'x'.repeat(8_000) } };
      await expect(harness.transaction((tx) => bus.publishOnCommit(tx, big))).rejects.toThrow(/at most 7999/);
    });

    it('rejects an event over 7999 bytes encoded with a clear error, and takes one just under', async () => {
      const bus = await open();
      const got: BusEvent[] = [];
      await bus.subscribe('tenant-a', (e) => got.push(e));
      const big: BusEvent = { type: 'file.text', tenantId: 'tenant-a', data: { text: 'x'.repeat(8_000) } };
      await expect(bus.publish(big)).rejects.toThrow(/8\d{3} bytes.*at most 7999.*ids and states/s);
      const skeleton = JSON.stringify({ type: 'file.text', tenantId: 'tenant-a', data: { text: '' } }).length;
      // Multi-byte text counts in bytes: 'ü' is two.
      const fits: BusEvent = { type: 'file.text', tenantId: 'tenant-a', data: { text: 'ü'.repeat((7_999 - skeleton) / 2 | 0) } };
      await bus.publish(fits);
      await waitFor(() => got.length === 1, 'the largest allowed event');
      expect(got[0]).toEqual(fits);
    });
  });
}
