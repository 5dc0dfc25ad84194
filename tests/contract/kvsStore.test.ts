import { createKvsStore, isKeyConflict, UsageMeter } from '../../src/adapters/store';
import { createFakeKvsClient } from '../support/fakeKvsClient';
import { storeContract } from './storeContract';

const noSleep = async () => {};

storeContract('kvs (fake @forge/kvs client)', () => {
  let now = Date.parse('2026-11-24T08:00:00Z');
  const client = createFakeKvsClient({ now: () => now });
  const meter = new UsageMeter();
  return { store: createKvsStore(client, { sleep: noSleep, meter }), advance: (ms) => (now += ms), usage: () => meter.snapshot() };
});

describe('kvs store extras', () => {
  test('a FAIL_IF_EXISTS conflict surfaces as the ForgeKvsAPIError the real client throws', async () => {
    const client = createFakeKvsClient();
    await client.set('k', 1);
    const error = await client.set('k', 2, { keyPolicy: 'FAIL_IF_EXISTS' }).catch((e: unknown) => e);
    expect((error as Error).constructor.name).toBe('ForgeKvsAPIError');
    expect(isKeyConflict(error)).toBe(true);
    expect(isKeyConflict(new Error('x'))).toBe(false);
  });

  test('429 RATE_LIMIT_EXCEEDED is retried a few times, then surfaces', async () => {
    const client = createFakeKvsClient();
    const sleeps: number[] = [];
    const store = createKvsStore(client, { sleep: async (ms) => void sleeps.push(ms), random: () => 1 });
    client.throttleNext(2, 'set');
    await store.set('a', 1);
    expect(await store.get('a')).toBe(1);
    expect(sleeps).toEqual([500, 1000]);
    client.throttleNext(4, 'setSecret');
    await expect(store.setSecret('s', 1)).rejects.toMatchObject({ code: 'RATE_LIMIT_EXCEEDED' });
    client.throttleNext(1, 'set');
    expect(await store.setIfAbsent('b', 1)).toBe(true);
  });

  test('getMany reads in batches of at most 20', async () => {
    const client = createFakeKvsClient();
    const store = createKvsStore(client, { sleep: noSleep });
    for (let i = 0; i < 41; i++) await client.set(`k${i}`, i);
    client.calls.length = 0;
    const got = await store.getMany(Array.from({ length: 41 }, (_, i) => `k${i}`));
    expect(got.size).toBe(41);
    expect(client.calls).toEqual(['batchGet', 'batchGet', 'batchGet']);
  });
});
