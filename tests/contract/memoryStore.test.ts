import { createMemoryStore, SimulatedWriteError } from '../../runtime/memoryStore';
import { storeContract } from './storeContract';

storeContract('memory', () => {
  let now = Date.parse('2026-11-24T08:00:00Z');
  const store = createMemoryStore({ now: () => now });
  return { store, advance: (ms) => (now += ms), usage: () => store.usage() };
});

describe('memory store extras', () => {
  test('dump shows live plain keys only', async () => {
    let now = 0;
    const store = createMemoryStore({ now: () => now });
    await store.set('b', 2);
    await store.set('a', { x: 1 });
    await store.set('t', 1, { ttlSeconds: 1 });
    await store.setSecret('s', 'secret');
    now = 5_000;
    expect(store.dump()).toEqual({ a: { x: 1 }, b: 2 });
    expect(store.dumpSecrets()).toEqual({ s: 'secret' });
  });

  test('failWrites: the matching write throws once and stores nothing', async () => {
    const store = createMemoryStore();
    store.failWrites((w) => w.op === 'set' && w.key.startsWith('state:'));
    await store.set('other', 1);
    await expect(store.set('state:1', { s: 'synced' })).rejects.toBeInstanceOf(SimulatedWriteError);
    expect(await store.get('state:1')).toBeUndefined();
    await store.set('state:1', { s: 'synced' });
    expect(await store.get('state:1')).toEqual({ s: 'synced' });
  });

  test("failWrites when 'after': the write lands but the caller sees an error; times and removal", async () => {
    const store = createMemoryStore();
    store.failWrites(() => true, { when: 'after', times: 2, error: () => new Error('boom') });
    await expect(store.set('a', 1)).rejects.toThrow('boom');
    await expect(store.setIfAbsent('b', 1)).rejects.toThrow('boom');
    expect(store.dump()).toEqual({ a: 1, b: 1 });
    const remove = store.failWrites((w) => w.op === 'delete');
    remove();
    await store.delete('a');
    store.failNextWrite();
    await expect(store.setSecret('s', 1)).rejects.toThrow(SimulatedWriteError);
    await store.setSecret('s', 1);
  });

  test('an invalid cursor is refused', async () => {
    await expect(createMemoryStore().query('x', { cursor: '!!' })).rejects.toThrow();
  });
});
