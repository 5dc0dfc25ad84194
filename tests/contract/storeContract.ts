// One behaviour for every Store: the in-memory one and the KVS one must pass the same suite.
import type { StoreUsage } from '../../src/adapters/store';
import { InvalidCursorError, type Store } from '../../src/services/ports';

export interface StoreHarness {
  store: Store;
  /** Moves the store's clock forward. */
  advance(ms: number): void;
  /** What the store's calls cost so far. */
  usage(): StoreUsage;
}

export function storeContract(name: string, make: () => StoreHarness): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let advance: (ms: number) => void;
    let usage: () => StoreUsage;

    beforeEach(() => {
      ({ store, advance, usage } = make());
    });

    test('commit sets and deletes in one request, all or nothing', async () => {
      await store.set('tx:old', 1);
      const before = usage().requests;
      await store.commit({
        set: [
          { key: 'tx:a', value: { n: 1 } },
          { key: 'tx:b', value: 'b' },
        ],
        delete: ['tx:old'],
      });
      expect(usage().requests).toBe(before + 1);
      expect(usage().writeRequests).toBe(1 + 1);
      expect(usage().writes).toBe(1 + 3);
      expect(await store.get('tx:a')).toEqual({ n: 1 });
      expect(await store.get('tx:b')).toBe('b');
      expect(await store.get('tx:old')).toBeUndefined();
      // A key twice, or a bad key: refused, and nothing of it is written.
      await expect(store.commit({ set: [{ key: 'tx:c', value: 1 }], delete: ['tx:c'] })).rejects.toThrow();
      await expect(
        store.commit({
          set: [
            { key: 'tx:d', value: 1 },
            { key: 'bad/key', value: 2 },
          ],
        }),
      ).rejects.toThrow();
      expect(await store.get('tx:c')).toBeUndefined();
      expect(await store.get('tx:d')).toBeUndefined();
    });

    test('a commit larger than 4 MB in all is refused and writes nothing (each value within 240 KB)', async () => {
      const big = 'x'.repeat(230 * 1024);
      const set = Array.from({ length: 18 }, (_, i) => ({ key: `big:${i}`, value: big }));
      await expect(store.commit({ set })).rejects.toThrow();
      expect(await store.get('big:0')).toBeUndefined();
      await store.commit({ set: set.slice(0, 17) });
      expect(await store.get('big:16')).toBe(big);
    });

    test('counts what KVS would bill: a request per call (20 keys a batch read), an item per value read or written, a delete as a write, the JSON bytes', async () => {
      await store.set('use:a', { n: 1 }); // {"n":1} = 7 bytes
      await store.setIfAbsent('use:b', 'xy'); // "xy" = 4 bytes
      await store.setIfAbsent('use:b', 'zz'); // refused, still a write request
      await store.get('use:a');
      await store.get('use:missing');
      await store.getMany(Array.from({ length: 25 }, (_, i) => `use:${i}`).concat('use:a'));
      await store.query('use:', { limit: 10 });
      await store.delete('use:b');
      expect(usage()).toEqual({
        requests: 3 + 2 + 2 + 1 + 1,
        writeRequests: 3 + 1,
        writes: 3 + 1,
        reads: 1 + 1 + 26 + 2,
        bytesWritten: 7 + 4 + 4,
        bytesRead: 7 + 7 + 7 + 4,
        writeUnits: 3 + 1,
      });
    });

    test('get of a missing key is undefined; set then get round-trips JSON', async () => {
      expect(await store.get('nope')).toBeUndefined();
      const value = { a: 1, b: [true, null, 'x'], c: { d: 2.5 } };
      await store.set('rec:1', value);
      expect(await store.get('rec:1')).toEqual(value);
    });

    test('values are copies: mutating what was set or got changes nothing stored', async () => {
      const value = { n: 1, list: [1] };
      await store.set('copy', value);
      value.n = 2;
      value.list.push(2);
      const got = await store.get<{ n: number; list: number[] }>('copy');
      expect(got).toEqual({ n: 1, list: [1] });
      got!.n = 3;
      expect(await store.get('copy')).toEqual({ n: 1, list: [1] });
    });

    test('values are stored as JSON (a Date comes back as its ISO string)', async () => {
      await store.set('date', { at: new Date('2026-11-24T08:30:00.000Z') });
      expect(await store.get('date')).toEqual({ at: '2026-11-24T08:30:00.000Z' });
    });

    test('set overwrites; delete removes; deleting a missing key is fine', async () => {
      await store.set('k', 1);
      await store.set('k', 2);
      expect(await store.get('k')).toBe(2);
      await store.delete('k');
      expect(await store.get('k')).toBeUndefined();
      await expect(store.delete('k')).resolves.toBeUndefined();
    });

    test('keys outside the KVS alphabet are refused', async () => {
      await expect(store.set('bad/key', 1)).rejects.toThrow();
      await expect(store.set('x'.repeat(501), 1)).rejects.toThrow();
      await expect(store.set('ok:key_1.2-#3 with space', 1)).resolves.toBeUndefined();
    });

    test('TTL: a value expires once its time has passed', async () => {
      await store.set('ttl', 'v', { ttlSeconds: 60 });
      advance(59_000);
      expect(await store.get('ttl')).toBe('v');
      advance(2_000);
      expect(await store.get('ttl')).toBeUndefined();
    });

    test('setIfAbsent writes once, refuses while the key exists, and again after it expires', async () => {
      expect(await store.setIfAbsent('lock:1', { by: 'a' }, { ttlSeconds: 30 })).toBe(true);
      expect(await store.setIfAbsent('lock:1', { by: 'b' }, { ttlSeconds: 30 })).toBe(false);
      expect(await store.get('lock:1')).toEqual({ by: 'a' });
      advance(31_000);
      expect(await store.setIfAbsent('lock:1', { by: 'c' })).toBe(true);
      expect(await store.get('lock:1')).toEqual({ by: 'c' });
      await store.delete('lock:1');
      expect(await store.setIfAbsent('lock:1', { by: 'd' })).toBe(true);
    });

    test('setIfAbsent: of many concurrent callers exactly one wins', async () => {
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => store.setIfAbsent('race', i)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    test('getMany returns the existing keys (across batch boundaries), skipping missing and expired ones', async () => {
      const keys = Array.from({ length: 45 }, (_, i) => `m:${String(i).padStart(2, '0')}`);
      for (const key of keys) await store.set(key, key.toUpperCase());
      await store.set('m:short', 1, { ttlSeconds: 1 });
      advance(2_000);
      const got = await store.getMany<string>([...keys, 'm:missing', 'm:short', keys[0]]);
      expect(got.size).toBe(45);
      expect(got.get('m:44')).toBe('M:44');
      expect(got.has('m:missing')).toBe(false);
      expect(got.has('m:short')).toBe(false);
      expect((await store.getMany([])).size).toBe(0);
    });

    test('query pages through keys with the prefix in ascending order', async () => {
      const keys = Array.from({ length: 47 }, (_, i) => `h:acct:${String(1000 - i)}`);
      for (const key of [...keys].reverse()) await store.set(key, { key });
      await store.set('h:other:1', 1);
      await store.set('g:acct:1', 1);

      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.query<{ key: string }>('h:acct:', { cursor });
        expect(page.items.length).toBeLessThanOrEqual(20);
        for (const item of page.items) expect(item.value.key).toBe(item.key);
        seen.push(...page.items.map((i) => i.key));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(seen).toEqual([...keys].sort());
      expect(pages).toBe(3);
    });

    test('query with a cursor it did not hand out throws InvalidCursorError (services map it to invalid-payload)', async () => {
      await store.set('c:1', 1);
      for (const cursor of ['%%%', 'not a cursor']) {
        await expect(store.query('c:', { cursor })).rejects.toBeInstanceOf(InvalidCursorError);
      }
    });

    test('query honours limit (at most 100) and skips expired keys', async () => {
      for (let i = 0; i < 120; i++) await store.set(`q:${String(i).padStart(3, '0')}`, i);
      await store.set('q:000a', 'gone', { ttlSeconds: 1 });
      advance(1_500);
      const five = await store.query<number>('q:', { limit: 5 });
      expect(five.items.map((i) => i.value)).toEqual([0, 1, 2, 3, 4]);
      expect(five.nextCursor).toBeDefined();
      const big = await store.query<number>('q:', { limit: 500 });
      expect(big.items).toHaveLength(100);
      const rest = await store.query<number>('q:', { limit: 100, cursor: big.nextCursor });
      expect(rest.items).toHaveLength(20);
      expect(rest.nextCursor).toBeUndefined();
      expect((await store.query('none:')).items).toEqual([]);
    });

    test('secrets are kept apart from plain keys and never show in queries', async () => {
      await store.setSecret('cred:acct', { refreshToken: 'r' });
      expect(await store.getSecret('cred:acct')).toEqual({ refreshToken: 'r' });
      expect(await store.get('cred:acct')).toBeUndefined();
      expect((await store.query('cred:')).items).toEqual([]);
      await store.set('cred:acct', 'plain');
      expect(await store.getSecret('cred:acct')).toEqual({ refreshToken: 'r' });
      await store.deleteSecret('cred:acct');
      expect(await store.getSecret('cred:acct')).toBeUndefined();
      expect(await store.get('cred:acct')).toBe('plain');
    });

    test('secrets can expire too', async () => {
      await store.setSecret('s', 'v', { ttlSeconds: 10 });
      advance(11_000);
      expect(await store.getSecret('s')).toBeUndefined();
    });
  });
}
