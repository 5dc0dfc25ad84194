// The @forge/events queue, in process: events are delivered to the consumer a few at a time,
// a failure or a requested retry is delivered again later, as Forge's queue does.
import type { QueuePort } from '../src/services/ports';

export type Consumer = (body: Record<string, unknown>) => Promise<{ retryAfterSeconds?: number }>;

export interface InProcessQueueOptions {
  concurrency?: number;
  /** Multiplies requested retry delays (tests use a small factor). */
  delayScale?: number;
  maxAttempts?: number;
}

export interface InProcessQueue extends QueuePort {
  setConsumer(consumer: Consumer): void;
  /** Resolves when every pushed event has been handled (including retries). */
  drain(): Promise<void>;
  /** Drops what is waiting or scheduled and delivers nothing more (a test's world closing); running deliveries finish. */
  stop(): void;
  readonly delivered: number;
  readonly failures: number;
}

export function createInProcessQueue(options: InProcessQueueOptions = {}): InProcessQueue {
  const concurrency = options.concurrency ?? 4;
  const delayScale = options.delayScale ?? 1;
  const maxAttempts = options.maxAttempts ?? 10;
  let consumer: Consumer | undefined;
  const waiting: { body: Record<string, unknown>; attempt: number }[] = [];
  let running = 0;
  let scheduled = 0;
  let delivered = 0;
  let failures = 0;
  let idle: (() => void)[] = [];
  let stopped = false;
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const settleIfIdle = () => {
    if (running === 0 && scheduled === 0 && waiting.length === 0) {
      const resolvers = idle;
      idle = [];
      resolvers.forEach((resolve) => resolve());
    }
  };

  const later = (event: { body: Record<string, unknown>; attempt: number }, seconds: number) => {
    if (stopped) return;
    scheduled++;
    const timer = setTimeout(() => {
      timers.delete(timer);
      scheduled--;
      waiting.push(event);
      pump();
    }, seconds * 1000 * delayScale);
    timers.add(timer);
  };

  async function deliver(event: { body: Record<string, unknown>; attempt: number }) {
    running++;
    delivered++;
    try {
      const { retryAfterSeconds } = await consumer!(event.body);
      if (retryAfterSeconds !== undefined && event.attempt < maxAttempts) later({ ...event, attempt: event.attempt + 1 }, retryAfterSeconds);
    } catch (error) {
      failures++;
      if (event.attempt < maxAttempts) later({ ...event, attempt: event.attempt + 1 }, 2 ** event.attempt);
      else console.error('Bulk-sync event dropped after repeated failures', (error as Error).message);
    } finally {
      running--;
      pump();
    }
  }

  function pump() {
    while (!stopped && consumer && running < concurrency && waiting.length > 0) void deliver(waiting.shift()!);
    settleIfIdle();
  }

  return {
    async push(events) {
      if (stopped) return;
      for (const { body, delayInSeconds } of events) {
        if (delayInSeconds) later({ body, attempt: 1 }, delayInSeconds);
        else waiting.push({ body, attempt: 1 });
      }
      setImmediate(pump);
    },
    setConsumer(next) {
      consumer = next;
      pump();
    },
    stop() {
      stopped = true;
      waiting.length = 0;
      for (const timer of timers) clearTimeout(timer);
      scheduled -= timers.size;
      timers.clear();
      settleIfIdle();
    },
    drain() {
      return new Promise<void>((resolve) => {
        idle.push(resolve);
        setImmediate(settleIfIdle);
      });
    },
    get delivered() {
      return delivered;
    },
    get failures() {
      return failures;
    },
  };
}
