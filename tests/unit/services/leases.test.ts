// Leases on the in-memory store (the same semantics as KVS): one holder at a time, expired leases
// taken over by exactly one of the workers that find them, and releases that never free someone
// else's lease.
import { createMemoryStore } from '../../../runtime/memoryStore';
import { acquireLease, releaseLease, renewLease, tryAcquireLease } from '../../../src/services/leases';
import type { Store } from '../../../src/services/ports';

function world() {
  let nowMs = Date.parse('2026-11-25T12:00:00Z');
  const clock = { now: () => new Date(nowMs) };
  const store = createMemoryStore({ now: () => nowMs });
  return { store, clock, advance: (seconds: number) => (nowMs += seconds * 1000) };
}

const holderOf = async (store: Store, key: string) => (await store.get<{ holder: string }>(key))?.holder;

test('one holder at a time; released leases can be taken again', async () => {
  const { store, clock } = world();
  expect(await tryAcquireLease(store, clock, 'lock:a', 'A', 60)).toBe(true);
  expect(await tryAcquireLease(store, clock, 'lock:a', 'B', 60)).toBe(false);
  await releaseLease(store, 'lock:a', 'B'); // not B's: nothing happens
  expect(await holderOf(store, 'lock:a')).toBe('A');
  await releaseLease(store, 'lock:a', 'A');
  expect(await tryAcquireLease(store, clock, 'lock:a', 'B', 60)).toBe(true);
  expect(await holderOf(store, 'lock:a')).toBe('B');
});

test('an expired lease is taken over; its old holder can neither renew nor release it', async () => {
  const { store, clock, advance } = world();
  expect(await tryAcquireLease(store, clock, 'lock:a', 'A', 60)).toBe(true);
  advance(59);
  expect(await tryAcquireLease(store, clock, 'lock:a', 'B', 60)).toBe(false);
  advance(2);
  // The store still has the key (kept past the lease's own expiry), yet the lease is dead.
  expect(await holderOf(store, 'lock:a')).toBe('A');
  expect(await tryAcquireLease(store, clock, 'lock:a', 'B', 60)).toBe(true);
  expect(await renewLease(store, clock, 'lock:a', 'A', 60)).toBe(false);
  await releaseLease(store, 'lock:a', 'A');
  expect(await holderOf(store, 'lock:a')).toBe('B');
  expect(await renewLease(store, clock, 'lock:a', 'B', 60)).toBe(true);
});

test('a renewed lease is not taken over', async () => {
  const { store, clock, advance } = world();
  await tryAcquireLease(store, clock, 'lock:a', 'A', 60);
  advance(50);
  expect(await renewLease(store, clock, 'lock:a', 'A', 60)).toBe(true);
  advance(50);
  expect(await tryAcquireLease(store, clock, 'lock:a', 'B', 60)).toBe(false);
});

test('workers that all found the same dead lease: exactly one takes it over, whatever the interleaving', async () => {
  for (let round = 0; round < 40; round++) {
    const { store, clock } = world();
    // Expired a minute ago, still in the store (KVS removes expired keys lazily).
    await store.set('lock:a', { holder: 'dead', expiresAt: clock.now().getTime() - 60_000 });
    // Every worker reads the dead lease before any of them writes: the interleaving a plain
    // "delete, then set if absent" gets wrong (a late deleter frees the new holder's lease).
    const workers = ['B', 'C', 'D', 'E'];
    let reads = 0;
    let allRead!: () => void;
    // (or a moment has passed, for workers that never read it)
    const barrier = new Promise<void>((resolve) => {
      allRead = resolve;
      setTimeout(resolve, 50);
    });
    const gated: Store = {
      ...store,
      get: async <T>(key: string) => {
        const value = await store.get<T>(key);
        if (key === 'lock:a' && reads < workers.length && ++reads === workers.length) allRead();
        if (key === 'lock:a' && reads <= workers.length) await barrier;
        await new Promise((r) => setTimeout(r, Math.random() * 3));
        return value;
      },
      // Random delays shuffle the order of the writes that follow.
      setIfAbsent: async (key, value, options) => {
        await new Promise((r) => setTimeout(r, Math.random() * 3));
        return store.setIfAbsent(key, value, options);
      },
      set: async (key, value, options) => {
        await new Promise((r) => setTimeout(r, Math.random() * 3));
        return store.set(key, value, options);
      },
      delete: async (key) => {
        await new Promise((r) => setTimeout(r, Math.random() * 3));
        return store.delete(key);
      },
    };
    const won = await Promise.all(workers.map((w) => tryAcquireLease(gated, clock, 'lock:a', w, 60)));
    expect(won.filter(Boolean)).toHaveLength(1);
    expect(await holderOf(store, 'lock:a')).toBe(workers[won.indexOf(true)]);
  }
});

test('acquireLease waits for a release and gives up at its deadline', async () => {
  const { store, clock } = world();
  const deps = { store, clock, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 5))) };
  await tryAcquireLease(store, clock, 'lock:a', 'A', 300);
  const waiting = acquireLease(deps, 'lock:a', 'B', clock.now().getTime() + 10_000);
  await new Promise((r) => setTimeout(r, 20));
  await releaseLease(store, 'lock:a', 'A');
  expect(await waiting).toBe(true);
  // With the clock standing still, a deadline already passed means one try and no wait.
  expect(await acquireLease(deps, 'lock:a', 'C', clock.now().getTime())).toBe(false);
});

test('a taker that fails after claiming a dead lease does not block the next one', async () => {
  const { store, clock, advance } = world();
  await store.set('lock:a', { holder: 'dead', expiresAt: clock.now().getTime() - 60_000 });
  let failOnce = true;
  const flaky: Store = {
    ...store,
    set: async (key, value, options) => {
      if (key === 'lock:a' && failOnce) {
        failOnce = false;
        throw new Error('storage throttled');
      }
      return store.set(key, value, options);
    },
  };
  await expect(tryAcquireLease(flaky, clock, 'lock:a', 'B', 60)).rejects.toThrow('storage throttled');
  expect(await tryAcquireLease(store, clock, 'lock:a', 'C', 60)).toBe(true);
  expect(await holderOf(store, 'lock:a')).toBe('C');

  // A taker killed between its claim and its write leaves the claim: it blocks for one lease's time, no longer.
  await store.set('lock:b', { holder: 'dead', expiresAt: clock.now().getTime() - 60_000 });
  const killed: Store = {
    ...store,
    set: async (key, value, options) => (key === 'lock:b' ? new Promise<void>(() => undefined) : store.set(key, value, options)),
  };
  void tryAcquireLease(killed, clock, 'lock:b', 'D', 60);
  await new Promise((r) => setTimeout(r, 10));
  expect(await tryAcquireLease(store, clock, 'lock:b', 'E', 60)).toBe(false);
  advance(61);
  expect(await tryAcquireLease(store, clock, 'lock:b', 'E', 60)).toBe(true);
});
