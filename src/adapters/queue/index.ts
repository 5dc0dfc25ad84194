// Pushes events to an @forge/events queue, split to fit its limits (50 events, 200 KB a push).
import { Queue } from '@forge/events';
import type { QueuePort } from '../../services/ports';

export const MAX_EVENTS_PER_PUSH = 50;
export const MAX_PUSH_BYTES = 200 * 1024;

export type QueueEvent = Parameters<QueuePort['push']>[0][number];

/** Groups events so each group has at most 50 events and serializes (as @forge/events measures it) within 200 KB. */
export function chunkEvents(events: QueueEvent[], maxEvents = MAX_EVENTS_PER_PUSH, maxBytes = MAX_PUSH_BYTES): QueueEvent[][] {
  const chunks: QueueEvent[][] = [];
  let current: QueueEvent[] = [];
  let bytes = 2; // the surrounding []
  for (const event of events) {
    const size = Buffer.byteLength(JSON.stringify(event)) + 1; // plus a comma
    if (size + 2 > maxBytes) throw new Error(`A queue event is larger than ${Math.floor(maxBytes / 1024)} KB`);
    if (current.length > 0 && (current.length >= maxEvents || bytes + size > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 2;
    }
    current.push(event);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export function createForgeQueue(queueKey: string, makeQueue: (key: string) => Pick<Queue, 'push'> = (key) => new Queue({ key })): QueuePort {
  const queue = makeQueue(queueKey);
  return {
    async push(events) {
      for (const chunk of chunkEvents(events)) await queue.push(chunk);
    },
  };
}
