import { InProcessEventBus } from '../../adapters/events/in-process.event-bus.ts';
import { eventBusContract } from './event-bus.contract.ts';

eventBusContract('EventBus contract: in-process', {
  // Subscriber exceptions are part of the contract run; keep them out of the test log.
  open: async () => new InProcessEventBus({ onError: () => undefined }),
});
