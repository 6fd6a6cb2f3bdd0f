import { EventEmitter } from 'node:events';
import type { Transaction } from '../../src/ports/database.port.ts';
import type { BusEvent, EventBus } from '../../src/ports/event-bus.port.ts';
import { decodeEvent, encodeEvent } from './bus-event.codec.ts';

export interface InProcessEventBusOptions {
  /** Where a subscriber's exception goes (it never reaches the publisher). Default: console.error. */
  onError?: (error: Error) => void;
}

/**
 * EventBus inside one process (PGlite, single node). Events go through the same
 * encoding and size limit as on Postgres, so code that works here works there;
 * each subscriber receives its own copy, before `publish` resolves.
 */
export class InProcessEventBus implements EventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private readonly onError: (error: Error) => void;

  constructor(options: InProcessEventBusOptions = {}) {
    this.onError = options.onError ?? ((error) => console.error(error));
  }

  async publish(event: BusEvent): Promise<void> {
    this.emitter.emit(channelOf(event.tenantId), encodeEvent(event));
  }

  /**
   * Checked now, emitted right after the commit. Subscribers live in this process, so a crash
   * between the commit and the emit loses nobody an event they could still have received.
   */
  async publishOnCommit(tx: Transaction, event: BusEvent): Promise<void> {
    const text = encodeEvent(event);
    tx.afterCommit(() => void this.emitter.emit(channelOf(event.tenantId), text));
  }

  async subscribe(tenantId: string, onEvent: (event: BusEvent) => void): Promise<() => void> {
    const listener = (text: string) => {
      const event = decodeEvent(text);
      if (!event) return;
      try {
        onEvent(event);
      } catch (error) {
        this.onError(new Error(`an event subscriber of tenant ${tenantId} threw`, { cause: error }));
      }
    };
    this.emitter.on(channelOf(tenantId), listener);
    return () => void this.emitter.off(channelOf(tenantId), listener);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

// A prefix keeps a tenant id from ever colliding with EventEmitter's special 'error' event.
function channelOf(tenantId: string): string {
  return `tenant:${tenantId}`;
}
