// The pieces of bulk jobs that need no server: batching by issue, queue chunking within Forge's
// push limits, the Forge consumer's answer (InvocationError with retryAfter), the consumer's
// handling of failures, and the in-process queue that stands in for @forge/events locally.
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { validatePushEvents } from '@forge/events/out/validators';
import { buildForgeConsumer } from '../../src/adapters/forgeConsumer';
import { chunkEvents, createForgeQueue, MAX_EVENTS_PER_PUSH, MAX_PUSH_BYTES, type QueueEvent } from '../../src/adapters/queue';
import { AppError } from '../../src/domain/errors';
import { createBulkConsumer } from '../../src/resolvers/bulkConsumer';
import { groupIntoBatches } from '../../src/services/bulkJobs';
import type { Deps } from '../../src/services/ports';
import { createInProcessQueue } from '../../runtime/inProcessQueue';

/** A small seeded PRNG so the generated cases are the same on every run. */
function prng(seed: number) {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

describe('groupIntoBatches', () => {
  function check(records: { id: number; issueKey: string | null }[]) {
    const batches = groupIntoBatches(records);
    // Every record exactly once.
    expect(batches.flatMap((b) => b.recordIds).sort((a, b) => a - b)).toEqual(records.map((r) => r.id).sort((a, b) => a - b));
    const issueOf = new Map(records.map((r) => [r.id, r.issueKey]));
    const batchesOfIssue = new Map<string, Set<number>>();
    batches.forEach((batch, i) => {
      const issues = new Set(batch.recordIds.map((id) => issueOf.get(id)).filter((k): k is string => k !== null));
      for (const key of issues) batchesOfIssue.set(key, (batchesOfIssue.get(key) ?? new Set()).add(i));
      // About 25 a batch; bigger only when one issue alone has more.
      if (batch.recordIds.length > 25) {
        expect(issues.size).toBe(1);
        expect(batch.recordIds.every((id) => issueOf.get(id) !== null)).toBe(true);
      }
    });
    // One issue is never in two batches.
    for (const [, inBatches] of batchesOfIssue) expect(inBatches.size).toBe(1);
    // An issue's records keep their order (they are written one at a time, in order).
    const positionOf = new Map(records.map((r, i) => [r.id, i]));
    for (const batch of batches) {
      const positions = batch.recordIds.map((id) => positionOf.get(id)!);
      for (const key of new Set(batch.recordIds.map((id) => issueOf.get(id)))) {
        const own = positions.filter((p) => records[p].issueKey === key);
        expect(own).toEqual([...own].sort((a, b) => a - b));
      }
    }
    return batches;
  }

  test('1,000 records over 50 issues: whole issues per batch', () => {
    const records = Array.from({ length: 1000 }, (_, i) => ({ id: i + 1, issueKey: `BULK-${(i % 50) + 1}` }));
    const batches = check(records);
    expect(batches).toHaveLength(50); // 20 records an issue: one issue a batch
  });

  test('small issues share a batch; a huge issue is one batch of its own', () => {
    const records = [
      ...Array.from({ length: 10 }, (_, i) => ({ id: i + 1, issueKey: 'A-1' })),
      ...Array.from({ length: 10 }, (_, i) => ({ id: i + 11, issueKey: 'A-2' })),
      ...Array.from({ length: 60 }, (_, i) => ({ id: i + 21, issueKey: 'A-3' })),
      ...Array.from({ length: 5 }, (_, i) => ({ id: i + 81, issueKey: 'A-4' })),
    ];
    const batches = check(records);
    expect(batches.map((b) => b.recordIds.length)).toEqual([20, 60, 5]);
  });

  test('random mixes of issues, interleaved records and unlinked ones (500 cases)', () => {
    const random = prng(4);
    for (let c = 0; c < 500; c++) {
      const issues = 1 + Math.floor(random() * 30);
      const n = Math.floor(random() * 400);
      const records = Array.from({ length: n }, (_, i) => ({
        id: 1000 + i,
        issueKey: random() < 0.1 ? null : `P-${1 + Math.floor(random() ** 2 * issues)}`,
      }));
      check(records);
    }
  });

  test('no records, no batches', () => {
    expect(groupIntoBatches([])).toEqual([]);
  });
});

describe('chunkEvents', () => {
  const event = (batch: number, pad = 0): QueueEvent => ({ body: { jobId: 'job-1', batch, pad: 'x'.repeat(pad) } });

  test('at most 50 events a push, in order', () => {
    const events = Array.from({ length: 201 }, (_, i) => event(i));
    const chunks = chunkEvents(events);
    expect(chunks.map((c) => c.length)).toEqual([50, 50, 50, 50, 1]);
    expect(chunks.flat()).toEqual(events);
    expect(MAX_EVENTS_PER_PUSH).toBe(50);
  });

  test('random sizes: every chunk passes @forge/events’ own push validation (≤ 50 events, ≤ 200 KB) and is as full as it may be', () => {
    const random = prng(9);
    for (let c = 0; c < 40; c++) {
      const events = Array.from({ length: 1 + Math.floor(random() * 120) }, (_, i) => event(i, Math.floor(random() ** 4 * 120 * 1024)));
      const chunks = chunkEvents(events);
      expect(chunks.flat()).toEqual(events);
      chunks.forEach((chunk, i) => {
        expect(() => validatePushEvents(chunk)).not.toThrow();
        expect(chunk.length).toBeLessThanOrEqual(50);
        expect(Buffer.byteLength(JSON.stringify(chunk))).toBeLessThanOrEqual(MAX_PUSH_BYTES);
        // Not split early: the next event would not have fitted.
        const next = chunks[i + 1]?.[0];
        if (next) {
          const joined = [...chunk, next];
          expect(joined.length > 50 || Buffer.byteLength(JSON.stringify(joined)) > MAX_PUSH_BYTES - 1).toBe(true);
        }
      });
    }
  });

  test('an event of just under 200 KB goes alone; one that can never fit is refused', () => {
    const overhead = Buffer.byteLength(JSON.stringify([event(1)]));
    const big = event(1, MAX_PUSH_BYTES - overhead - 1);
    const chunks = chunkEvents([event(0), big, event(2)]);
    expect(chunks.map((c) => c.length)).toEqual([1, 1, 1]);
    for (const chunk of chunks) expect(() => validatePushEvents(chunk)).not.toThrow();
    expect(() => chunkEvents([event(1, MAX_PUSH_BYTES)])).toThrow(/larger than 200 KB/);
  });

  test('createForgeQueue pushes what Forge accepts', async () => {
    const pushed: QueueEvent[][] = [];
    const queue = createForgeQueue('bulk-sync', () => ({
      push: async (events: unknown) => {
        pushed.push(validatePushEvents(events as QueueEvent[]) as QueueEvent[]);
        return { jobId: 'q' };
      },
    }));
    const events = Array.from({ length: 130 }, (_, i) => event(i, i % 7 === 0 ? 30 * 1024 : 10));
    await queue.push(events);
    expect(pushed.flat()).toEqual(events);
  });
});

describe('buildForgeConsumer', () => {
  const asyncEvent = (body: Record<string, unknown>) => ({ body, queueName: 'bulk-sync', jobId: 'forge-job', eventId: 'e-1' });
  const retry = (retryAfter: number) => new InvocationError({ retryAfter, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });

  test('a finished batch answers nothing; a rate-limited one answers InvocationError({ retryAfter })', async () => {
    const bodies: unknown[] = [];
    const handler = buildForgeConsumer(async (body) => {
      bodies.push(body);
      return body.batch === 1 ? { retryAfterSeconds: 30 } : {};
    });
    expect(await handler(asyncEvent({ jobId: 'j', batch: 0 }), {})).toBeUndefined();
    const answer = await handler(asyncEvent({ jobId: 'j', batch: 1 }), {});
    expect(answer).toEqual(retry(30));
    // What Forge reads off the wire.
    expect(JSON.parse(JSON.stringify(answer))).toEqual({ _retry: true, retryOptions: { retryAfter: 30, retryReason: 'FUNCTION_RETRY_REQUEST' } });
    expect(bodies).toEqual([
      { jobId: 'j', batch: 0 },
      { jobId: 'j', batch: 1 },
    ]);
  });

  test('retryAfter is whole seconds between 1 and 900', async () => {
    for (const [asked, sent] of [
      [0, 1],
      [0.2, 1],
      [1.5, 2],
      [30, 30],
      [5000, 900],
    ]) {
      const handler = buildForgeConsumer(async () => ({ retryAfterSeconds: asked }));
      expect(await handler(asyncEvent({}), {})).toEqual(retry(sent));
    }
  });

  test('also takes the event as a resolver-style consumer receives it', async () => {
    const bodies: unknown[] = [];
    const handler = buildForgeConsumer(async (body) => (bodies.push(body), {}));
    await handler({ call: { functionKey: 'run', payload: { jobId: 'j', batch: 3 } }, context: {} });
    expect(bodies).toEqual([{ jobId: 'j', batch: 3 }]);
  });

  describe('around createBulkConsumer', () => {
    // Deps whose first store read fails as given: the consumer must turn that into a retry, never a crash.
    const failingDeps = (error: Error) =>
      ({
        store: { get: async () => Promise.reject(error) },
        clock: { now: () => new Date() },
      }) as unknown as Deps;
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    afterAll(() => errors.mockRestore());

    test('Jira rate limiting the worker → InvocationError with the retryAfter Jira asked for', async () => {
      const handler = buildForgeConsumer(
        createBulkConsumer(() => failingDeps(new AppError('rate-limited', 'slow down', { status: 429, retryAfterMs: 7000 }))),
      );
      expect(await handler(asyncEvent({ jobId: 'job-1', batch: 0 }))).toEqual(retry(7));
    });

    test("Jira's hourly budget used up → the batch is pushed again to wait in the queue until the reset (at most 900 s a hop), not retried", async () => {
      const pushed: unknown[] = [];
      const quota = new AppError('rate-limited', 'used up', { status: 429, retryAfterMs: 1_800_000, quota: true });
      const deps = { ...failingDeps(quota), queue: { push: async (events: unknown[]) => void pushed.push(...events) } } as unknown as Deps;
      const handler = buildForgeConsumer(createBulkConsumer(() => deps));
      expect(await handler(asyncEvent({ jobId: 'job-1', batch: 2 }))).toBeUndefined();
      expect(pushed).toEqual([{ body: { jobId: 'job-1', batch: 2 }, delayInSeconds: 900 }]);
    });

    test('any other failure (a killed worker, storage down) → delivered again later', async () => {
      const handler = buildForgeConsumer(createBulkConsumer(() => failingDeps(new Error('storage down'))));
      expect(await handler(asyncEvent({ jobId: 'job-1', batch: 0 }))).toEqual(retry(10));
    });

    test('a malformed event is dropped, not retried', async () => {
      const handler = buildForgeConsumer(createBulkConsumer(() => failingDeps(new Error('never read'))));
      expect(await handler(asyncEvent({ jobId: '', batch: -1 }))).toBeUndefined();
      expect(await handler({})).toBeUndefined();
    });
  });
});

describe('in-process queue', () => {
  test('delivers a few at a time; retries what asks for it or throws; drain waits for all of it', async () => {
    const queue = createInProcessQueue({ concurrency: 2, delayScale: 0.001 });
    const tries = new Map<number, number>();
    let running = 0;
    let peak = 0;
    queue.setConsumer(async (body) => {
      const n = body.n as number;
      tries.set(n, (tries.get(n) ?? 0) + 1);
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      if (n === 1 && tries.get(n)! < 3) return { retryAfterSeconds: 30 };
      if (n === 2 && tries.get(n)! < 2) throw new Error('worker died');
      return {};
    });
    await queue.push(Array.from({ length: 6 }, (_, n) => ({ body: { n } })));
    await queue.drain();
    expect(peak).toBe(2);
    expect([...tries.entries()].sort((a, b) => a[0] - b[0])).toEqual([
      [0, 1],
      [1, 3],
      [2, 2],
      [3, 1],
      [4, 1],
      [5, 1],
    ]);
    expect(queue.delivered).toBe(9);
    expect(queue.failures).toBe(1);
  });

  test('stop() drops waiting and scheduled events', async () => {
    const queue = createInProcessQueue({ delayScale: 1 });
    const seen: unknown[] = [];
    queue.setConsumer(async (body) => {
      seen.push(body.n);
      return { retryAfterSeconds: 60 };
    });
    await queue.push([{ body: { n: 1 } }]);
    await new Promise((r) => setTimeout(r, 20));
    queue.stop();
    await queue.drain(); // does not wait for the 60 s retry
    await queue.push([{ body: { n: 2 } }]);
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual([1]);
  });
});
