import { randomBytes } from 'node:crypto';
import { describe, expect, it, onTestFinished } from 'vitest';
import { PostgresNotifyEventBus, type PostgresNotifyEventBusOptions } from '../../adapters/events/postgres-notify.event-bus.ts';
import { PgDatabase } from '../../adapters/postgres/pg.database.ts';
import type { BusEvent } from '../../src/ports/event-bus.port.ts';
import { postgresAvailable, TEST_DATABASE_URL } from '../support/services.ts';
import { eventBusContract, waitFor } from './event-bus.contract.ts';

const available = await postgresAvailable();

/** A channel of its own per test, so parallel test files never hear each other. */
const uniqueChannel = () => `voicefiles_events_${randomBytes(4).toString('hex')}`;

/** One "node": its own pool and its own bus. */
function openNode(channel: string, options: Partial<PostgresNotifyEventBusOptions> = {}): { bus: PostgresNotifyEventBus; database: PgDatabase } {
  const database = new PgDatabase({ connectionString: TEST_DATABASE_URL, maxConnections: 3 });
  onTestFinished(() => database.close());
  const bus = new PostgresNotifyEventBus({ database, channel, onError: () => undefined, ...options });
  onTestFinished(() => bus.close());
  return { bus, database };
}

let harnessNode: { bus: PostgresNotifyEventBus; database: PgDatabase } | undefined;
eventBusContract(
  'EventBus contract: Postgres NOTIFY on the PostgreSQL server',
  {
    open: async () => (harnessNode = openNode(uniqueChannel())).bus,
    transaction: (work) => harnessNode!.database.transaction(work),
  },
  { skip: !available },
);

describe.skipIf(!available)('Postgres NOTIFY event bus across nodes (PostgreSQL server)', () => {
  it('an event published on node 1 reaches a subscriber on node 2, and only its tenant', async () => {
    const channel = uniqueChannel();
    const node1 = openNode(channel).bus;
    const node2 = openNode(channel).bus;
    const onNode2: BusEvent[] = [];
    const otherTenant: BusEvent[] = [];
    await node2.subscribe('tenant-a', (e) => onNode2.push(e));
    await node2.subscribe('tenant-b', (e) => otherTenant.push(e));
    const sent: BusEvent = { type: 'file.state', tenantId: 'tenant-a', data: { versionId: 'v1', state: 'ready' } };
    await node1.publish(sent);
    await node1.publish({ ...sent, data: { versionId: 'marker' } });
    await waitFor(() => onNode2.length === 2, 'the events on node 2');
    expect(onNode2[0]).toEqual(sent);
    expect(otherTenant).toEqual([]);
  });

  it('reconnects after its LISTEN backend is terminated, and delivers again without duplicates', async () => {
    const channel = uniqueChannel();
    const errors: Error[] = [];
    const options = { heartbeatIntervalMs: 200, heartbeatTimeoutMs: 500, onError: (e: Error) => void errors.push(e) };
    const { bus, database } = openNode(channel, options);
    const got: BusEvent[] = [];
    await bus.subscribe('tenant-a', (e) => got.push(e));
    await bus.publish({ type: 't', tenantId: 'tenant-a', data: { n: 0 } });
    await waitFor(() => got.length === 1, 'the first event');

    const killed = await database.query<{ ok: boolean }>(
      'SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE query = $1 AND pid <> pg_backend_pid()',
      [`LISTEN "${channel}"`],
    );
    expect(killed.rows).toEqual([{ ok: true }]);
    const killedAt = Date.now();

    // Publish until one arrives: those sent while the node is deaf are lost (NOTIFY is at most once).
    let n = 0;
    while (got.length === 1 && Date.now() - killedAt < 5_000) {
      await bus.publish({ type: 't', tenantId: 'tenant-a', data: { n: ++n } });
      await new Promise((r) => setTimeout(r, 50));
    }
    const recoveredMs = Date.now() - killedAt;
    console.info(`[measure] NOTIFY listener: delivering again ${recoveredMs} ms after pg_terminate_backend (heartbeat 200 ms, timeout 500 ms)`);
    expect(got.length).toBeGreaterThan(1);
    expect(errors.some((e) => /reconnecting/.test(e.message))).toBe(true);

    // Once back, every event arrives once: the dead connection's generation delivers nothing.
    const before = got.length;
    for (let i = 0; i < 5; i++) await bus.publish({ type: 't', tenantId: 'tenant-a', data: { n: `after-${i}` } });
    await waitFor(() => got.length >= before + 5, 'the events after recovery');
    const seen = got.map((e) => e.data.n);
    expect(new Set(seen).size).toBe(seen.length);
  });
});
