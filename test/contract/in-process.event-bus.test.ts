import { InProcessEventBus } from '../../adapters/events/in-process.event-bus.ts';
import type { Transaction } from '../../src/ports/database.port.ts';
import { eventBusContract } from './event-bus.contract.ts';

/** The in-process bus needs no database: a stand-in transaction that runs its after-commit callbacks when `work` resolves. */
async function transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
  const callbacks: Array<() => void | Promise<void>> = [];
  const tx: Transaction = {
    query: async () => {
      throw new Error('the stand-in transaction runs no SQL');
    },
    afterCommit: (callback) => void callbacks.push(callback),
  };
  const value = await work(tx);
  for (const callback of callbacks) await callback();
  return value;
}

eventBusContract('EventBus contract: in-process', {
  // Subscriber exceptions are part of the contract run; keep them out of the test log.
  open: async () => new InProcessEventBus({ onError: () => undefined }),
  transaction,
});
