// The @forge/events queue, in process, with Forge's rules (ADR 0007): events are delivered a few
// at a time; a push's delay is 0–900 s; a requested retry
// (`retryAfterSeconds`, Forge's InvocationError) comes after that many seconds, at most 900; a
// consumer that throws is delivered again with exponential backoff (at most 900 s apart); retries
// go on while the event is within its 24-hour retention window (`maxRetries` models the older
// documented cap of 4 retries); past that the event is dropped, and the queue says so in the log.
// The consumer is told how many times the event was retried (Forge's retryContext.retryCount).
import type { QueuePort } from '../src/services/ports';

export type Consumer = (body: Record<string, unknown>, meta: { retryCount: number }) => Promise<{ retryAfterSeconds?: number }>;

export interface InProcessQueueOptions {
  concurrency?: number;
  /** Multiplies requested retry delays (tests use a small factor). */
  delayScale?: number;
  /** Retries of one event at most (default: no cap, only the retention window; Forge's older documentation: 4). */
  maxRetries?: number;
}

/** Forge's limits (async events API). */
export const MAX_DELAY_SECONDS = 900;
/** The cap on retries Forge's older documentation gave. */
export const DOCUMENTED_MAX_RETRIES = 4;
export const RETENTION_MS = 24 * 3600_000;

export interface InProcessQueue extends QueuePort {
  setConsumer(consumer: Consumer): void;
  /** Resolves when every pushed event has been handled (including retries). */
  drain(): Promise<void>;
  /** Drops what is waiting or scheduled and delivers nothing more (a test's world closing); running deliveries finish. */
  stop(): void;
  readonly delivered: number;
  readonly failures: number;
}

interface QueuedEvent {
  body: Record<string, unknown>;
  /** Deliveries after the first so far. */
  retries: number;
  enqueuedAt: number;
}

export function createInProcessQueue(options: InProcessQueueOptions = {}): InProcessQueue {
  const concurrency = options.concurrency ?? 4;
  const delayScale = options.delayScale ?? 1;
  const maxRetries = options.maxRetries ?? Number.POSITIVE_INFINITY;
  let consumer: Consumer | undefined;
  const waiting: QueuedEvent[] = [];
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

  const later = (event: QueuedEvent, seconds: number) => {
    if (stopped) return;
    scheduled++;
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        scheduled--;
        waiting.push(event);
        pump();
      },
      seconds * 1000 * delayScale,
    );
    timers.add(timer);
  };

  /** Delivers the event again after `seconds`, unless its retries or its retention window are used up. */
  function retry(event: QueuedEvent, seconds: number, why: string) {
    const delay = Math.min(MAX_DELAY_SECONDS, Math.max(0, seconds));
    // The window counts real seconds of the queue's own (scaled) clock.
    const outlives = Date.now() + delay * 1000 * delayScale - event.enqueuedAt > RETENTION_MS * delayScale;
    if (event.retries >= maxRetries || outlives) {
      console.error(
        `Queue gave up on an event after ${event.retries + 1} deliveries (${why}); it is dropped`,
        JSON.stringify(event.body).slice(0, 200),
      );
      return;
    }
    later({ ...event, retries: event.retries + 1 }, delay);
  }

  async function deliver(event: QueuedEvent) {
    running++;
    delivered++;
    try {
      const { retryAfterSeconds } = await consumer!(event.body, { retryCount: event.retries });
      if (retryAfterSeconds !== undefined) retry(event, retryAfterSeconds, 'retry requested');
    } catch (error) {
      failures++;
      retry(event, 2 ** (event.retries + 1), `the consumer threw: ${(error as Error)?.message ?? error}`);
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
      // What @forge/events refuses before anything is queued. (More than 50 events at once are
      // fine here: this stands for the app's QueuePort, whose Forge adapter splits them.)
      for (const { delayInSeconds } of events) {
        if (delayInSeconds !== undefined && (delayInSeconds < 0 || delayInSeconds > MAX_DELAY_SECONDS))
          throw new Error(`delayInSeconds must be 0 to ${MAX_DELAY_SECONDS}.`);
      }
      if (stopped) return;
      for (const { body, delayInSeconds } of events) {
        const event = { body, retries: 0, enqueuedAt: Date.now() };
        if (delayInSeconds) later(event, delayInSeconds);
        else waiting.push(event);
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
