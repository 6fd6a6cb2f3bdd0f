import type { EventStore, JSONRPCMessage } from '@modelcontextprotocol/server';

/**
 * Resumability for one Streamable HTTP session (`Last-Event-ID`): the last messages of each
 * of its SSE streams, in memory, bounded. It lives and dies with its session, so a client
 * resumes on the node that holds the session; a dropped session cannot be resumed anywhere.
 */
export class SessionEventStore implements EventStore {
  private readonly streams = new Map<string, { seq: number; events: Array<{ seq: number; message: JSONRPCMessage }> }>();

  constructor(
    private readonly limits = { eventsPerStream: 100, streams: 32 },
  ) {}

  async storeEvent(streamId: string, message: JSONRPCMessage): Promise<string> {
    let stream = this.streams.get(streamId);
    if (!stream) {
      if (this.streams.size >= this.limits.streams) this.streams.delete(this.streams.keys().next().value as string);
      stream = { seq: 0, events: [] };
      this.streams.set(streamId, stream);
    }
    stream.seq += 1;
    stream.events.push({ seq: stream.seq, message });
    if (stream.events.length > this.limits.eventsPerStream) stream.events.shift();
    return `${streamId}_${stream.seq}`;
  }

  async getStreamIdForEventId(eventId: string): Promise<string | undefined> {
    const parsed = parse(eventId);
    return parsed && this.streams.has(parsed.streamId) ? parsed.streamId : undefined;
  }

  async replayEventsAfter(lastEventId: string, { send }: { send: (eventId: string, message: JSONRPCMessage) => Promise<void> }): Promise<string> {
    const parsed = parse(lastEventId);
    const stream = parsed ? this.streams.get(parsed.streamId) : undefined;
    if (!parsed || !stream) throw new Error('Unknown Last-Event-ID');
    for (const event of stream.events) if (event.seq > parsed.seq) await send(`${parsed.streamId}_${event.seq}`, event.message);
    return parsed.streamId;
  }
}

function parse(eventId: string): { streamId: string; seq: number } | null {
  const match = /^(.{1,100})_(\d{1,12})$/.exec(eventId);
  return match ? { streamId: match[1] as string, seq: Number(match[2]) } : null;
}
