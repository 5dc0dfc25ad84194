import { chunkEvents, createForgeQueue, MAX_PUSH_BYTES } from '../../../src/adapters/queue';
import { createForgeDeps, timecardUrlFromEnv } from '../../../src/adapters/forgeDeps';
import { newId, sleep, systemClock } from '../../../src/adapters/clock';

const event = (i: number, pad = 0) => ({ body: { jobId: 'j', batch: i, pad: 'x'.repeat(pad) } });

describe('queue', () => {
  test('pushes in chunks of at most 50 events', async () => {
    const pushes: unknown[][] = [];
    const queue = createForgeQueue('bulk-sync', () => ({ push: async (events: unknown) => (pushes.push(events as unknown[]), { jobId: 'x' }) }));
    await queue.push(Array.from({ length: 120 }, (_, i) => event(i)));
    expect(pushes.map((p) => p.length)).toEqual([50, 50, 20]);
    await queue.push([]);
    expect(pushes).toHaveLength(3);
  });

  test('and at most 200 KB serialized, as @forge/events measures it', () => {
    const events = Array.from({ length: 10 }, (_, i) => event(i, 60 * 1024));
    const chunks = chunkEvents(events);
    expect(chunks.map((c) => c.length)).toEqual([3, 3, 3, 1]);
    for (const chunk of chunks) expect(Buffer.byteLength(JSON.stringify(chunk))).toBeLessThanOrEqual(MAX_PUSH_BYTES);
    expect(chunks.flat()).toEqual(events);
  });

  test('an event that can never fit is refused', () => {
    expect(() => chunkEvents([event(1, MAX_PUSH_BYTES)])).toThrow(/larger than 200 KB/);
  });

  test('the real Queue validates the key', () => {
    expect(() => createForgeQueue('bad key!')).toThrow();
    expect(() => createForgeQueue('bulk-sync')).not.toThrow();
  });
});

describe('forge deps', () => {
  const saved = process.env.TIMECARD_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.TIMECARD_URL;
    else process.env.TIMECARD_URL = saved;
  });

  test('TIMECARD_URL configures the timecard client (trailing slash stripped); unset → null', () => {
    expect(timecardUrlFromEnv({ TIMECARD_URL: ' https://tc.example.com/// ' })).toBe('https://tc.example.com');
    expect(timecardUrlFromEnv({})).toBeNull();
    process.env.TIMECARD_URL = 'https://tc.example.com/';
    const deps = createForgeDeps();
    expect(deps.timecard?.baseUrl).toBe('https://tc.example.com');
    delete process.env.TIMECARD_URL;
    expect(createForgeDeps().timecard).toBeNull();
  });

  test('clock, ids and sleep', async () => {
    expect(Math.abs(systemClock.now().getTime() - Date.now())).toBeLessThan(1000);
    expect(newId()).toMatch(/^[0-9a-f-]{36}$/);
    expect(newId()).not.toBe(newId());
    const t = Date.now();
    await sleep(20);
    expect(Date.now() - t).toBeGreaterThanOrEqual(15);
  });
});
