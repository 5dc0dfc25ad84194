// An in-memory Store with Forge KVS semantics, for tests and the local sandbox (production uses
// src/adapters/store/kvsStore.ts; tests/contract runs one suite against both).
import { keyProblem, MAX_COMMIT_BYTES, MAX_COMMIT_KEYS, pageSize, toStoredJson } from '../src/adapters/store/rules';
import { UsageMeter, type StoreUsage } from '../src/adapters/store/usage';
import { InvalidCursorError, type Store, type StorePage } from '../src/services/ports';

export type WriteOp = 'set' | 'setIfAbsent' | 'delete' | 'setSecret' | 'deleteSecret';

export interface WriteAttempt {
  op: WriteOp;
  key: string;
  value?: unknown;
}

export interface FaultOptions {
  /** How many matching writes fail (default 1). */
  times?: number;
  /** 'before' (default): nothing is stored; 'after': the write lands, then the caller sees an error. */
  when?: 'before' | 'after';
  error?: (write: WriteAttempt) => Error;
}

export interface MemoryStore extends Store {
  /** Live plain keys and their values (copies); secrets are not included. */
  dump(): Record<string, unknown>;
  dumpSecrets(): Record<string, unknown>;
  /** Makes matching writes throw; returns a function that removes the fault. */
  failWrites(predicate: (write: WriteAttempt) => boolean, options?: FaultOptions): () => void;
  /** Shorthand: the next write (matching `predicate`, if given) throws once. */
  failNextWrite(predicate?: (write: WriteAttempt) => boolean): void;
  /** What the calls so far would have cost in KVS (requests, items and bytes read and written). */
  usage(): StoreUsage;
  resetUsage(): void;
}

interface Entry {
  json: string;
  expiresAt: number | null;
}

interface Fault {
  predicate: (write: WriteAttempt) => boolean;
  remaining: number;
  when: 'before' | 'after';
  error: (write: WriteAttempt) => Error;
}

export class SimulatedWriteError extends Error {
  constructor(readonly write: WriteAttempt) {
    super(`Simulated storage failure on ${write.op} "${write.key}"`);
    this.name = 'SimulatedWriteError';
  }
}

function encodeCursor(lastKey: string): string {
  return Buffer.from(lastKey, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!cursor || keyProblem(key) !== null) throw new InvalidCursorError();
  return key;
}

function ttlToSeconds(ttlSeconds: number | undefined): number | undefined {
  if (ttlSeconds === undefined) return undefined;
  if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) throw new RangeError('ttlSeconds must be a positive number');
  return Math.max(1, Math.ceil(ttlSeconds));
}

function assertKey(key: string): void {
  const problem = keyProblem(key);
  if (problem) throw new Error(problem);
}

/** What KVS refuses in a transaction: more than 25 operations, one key twice, or more than 4 MB in all. */
export function checkCommit(keys: string[], values: string[] = []): void {
  keys.forEach(assertKey);
  if (keys.length > MAX_COMMIT_KEYS) throw new Error(`A transaction takes at most ${MAX_COMMIT_KEYS} keys`);
  if (new Set(keys).size !== keys.length) throw new Error('A transaction names a key twice');
  const bytes = values.reduce((sum, json) => sum + Buffer.byteLength(json, 'utf8'), 0);
  if (bytes > MAX_COMMIT_BYTES) throw new Error(`A transaction takes at most ${MAX_COMMIT_BYTES} bytes`);
}

export function createMemoryStore(options: { now?: () => number } = {}): MemoryStore {
  const now = options.now ?? Date.now;
  const plain = new Map<string, Entry>();
  const secrets = new Map<string, Entry>();
  let faults: Fault[] = [];
  const meter = new UsageMeter();

  const live = (map: Map<string, Entry>, key: string): Entry | undefined => {
    const entry = map.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== null && entry.expiresAt <= now()) {
      map.delete(key);
      return undefined;
    }
    return entry;
  };

  const read = <T>(map: Map<string, Entry>, key: string): T | undefined => {
    assertKey(key);
    const entry = live(map, key);
    return entry ? (JSON.parse(entry.json) as T) : undefined;
  };

  /** Runs a write through the fault hooks. */
  const write = async (attempt: WriteAttempt, apply: () => void): Promise<void> => {
    const fault = faults.find((f) => f.remaining > 0 && f.predicate(attempt));
    if (fault) {
      fault.remaining -= 1;
      faults = faults.filter((f) => f.remaining > 0);
      if (fault.when === 'after') apply();
      throw fault.error(attempt);
    }
    apply();
  };

  const entryOf = (value: unknown, ttlSeconds?: number): Entry => {
    const ttl = ttlToSeconds(ttlSeconds);
    return { json: toStoredJson(value), expiresAt: ttl === undefined ? null : now() + ttl * 1000 };
  };

  const snapshot = (map: Map<string, Entry>): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const key of [...map.keys()].sort()) {
      const entry = live(map, key);
      if (entry) out[key] = JSON.parse(entry.json);
    }
    return out;
  };

  const store: MemoryStore = {
    async get<T>(key: string) {
      const value = read<T>(plain, key);
      meter.read([value]);
      return value;
    },

    async getMany<T>(keys: string[]) {
      const result = new Map<string, T>();
      const unique = [...new Set(keys)];
      for (const key of unique) {
        const value = read<T>(plain, key);
        if (value !== undefined) result.set(key, value);
      }
      // As KVS batchGet: 20 keys a request.
      for (let i = 0; i < unique.length; i += 20) meter.read(unique.slice(i, i + 20).map((key) => result.get(key)));
      return result;
    },

    async set<T>(key: string, value: T, opts?: { ttlSeconds?: number }) {
      assertKey(key);
      const entry = entryOf(value, opts?.ttlSeconds);
      await write({ op: 'set', key, value }, () => plain.set(key, entry));
      meter.write([value]);
    },

    async setIfAbsent<T>(key: string, value: T, opts?: { ttlSeconds?: number }) {
      assertKey(key);
      const entry = entryOf(value, opts?.ttlSeconds);
      let written = false;
      await write({ op: 'setIfAbsent', key, value }, () => {
        if (live(plain, key)) return;
        plain.set(key, entry);
        written = true;
      });
      meter.write([value]);
      return written;
    },

    async delete(key: string) {
      assertKey(key);
      await write({ op: 'delete', key }, () => plain.delete(key));
      meter.write([undefined]);
    },

    async commit(changes) {
      const sets = changes.set ?? [];
      const deletes = changes.delete ?? [];
      const entries = sets.map((item) => ({ key: item.key, entry: entryOf(item.value) }));
      checkCommit(
        [...sets.map((item) => item.key), ...deletes],
        entries.map(({ entry }) => entry.json),
      );
      const attempts: WriteAttempt[] = [
        ...sets.map((item) => ({ op: 'set' as const, key: item.key, value: item.value })),
        ...deletes.map((key) => ({ op: 'delete' as const, key })),
      ];
      // All or nothing: a fault on any part fails the whole request.
      const fault = faults.find((f) => f.remaining > 0 && attempts.some((a) => f.predicate(a)));
      const apply = () => {
        for (const { key, entry } of entries) plain.set(key, entry);
        for (const key of deletes) plain.delete(key);
      };
      if (fault) {
        fault.remaining -= 1;
        faults = faults.filter((f) => f.remaining > 0);
        if (fault.when === 'after') apply();
        throw fault.error(attempts.find((a) => fault.predicate(a))!);
      }
      apply();
      meter.write([...sets.map((item) => item.value), ...deletes.map(() => undefined)]);
    },

    async query<T>(prefix: string, opts: { limit?: number; cursor?: string } = {}): Promise<StorePage<T>> {
      const limit = pageSize(opts.limit);
      const after = opts.cursor ? decodeCursor(opts.cursor) : null;
      const keys = [...plain.keys()].filter((k) => k.startsWith(prefix) && (after === null || k > after) && live(plain, k)).sort();
      const page = keys.slice(0, limit);
      const items = page.map((key) => ({ key, value: JSON.parse(plain.get(key)!.json) as T }));
      meter.read(items.map((item) => item.value));
      return keys.length > limit ? { items, nextCursor: encodeCursor(page[page.length - 1]) } : { items };
    },

    async getSecret<T>(key: string) {
      const value = read<T>(secrets, key);
      meter.read([value]);
      return value;
    },

    async setSecret<T>(key: string, value: T, opts?: { ttlSeconds?: number }) {
      assertKey(key);
      const entry = entryOf(value, opts?.ttlSeconds);
      await write({ op: 'setSecret', key, value }, () => secrets.set(key, entry));
      meter.write([value]);
    },

    async deleteSecret(key: string) {
      assertKey(key);
      await write({ op: 'deleteSecret', key }, () => secrets.delete(key));
      meter.write([undefined]);
    },

    dump: () => snapshot(plain),
    dumpSecrets: () => snapshot(secrets),

    failWrites(predicate, faultOptions = {}) {
      const fault: Fault = {
        predicate,
        remaining: faultOptions.times ?? 1,
        when: faultOptions.when ?? 'before',
        error: faultOptions.error ?? ((attempt) => new SimulatedWriteError(attempt)),
      };
      faults.push(fault);
      return () => {
        faults = faults.filter((f) => f !== fault);
      };
    },

    failNextWrite(predicate = () => true) {
      store.failWrites(predicate);
    },

    usage: () => meter.snapshot(),
    resetUsage: () => meter.reset(),
  };
  return store;
}
