// The production Store over Forge KVS (@forge/kvs).
import { kvs, WhereConditions } from '@forge/kvs';
import type { BatchGetResult, BeginsWithClause, ListResult, PolicySetOptions } from '@forge/kvs';
import { InvalidCursorError, type Store, type StorePage } from '../../services/ports';
import { pageSize } from './rules';
import { UsageMeter } from './usage';

/** The subset of `KvsImpl` this store uses (tests replace it with an in-memory fake). */
export interface KvsClient {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T, options?: PolicySetOptions | { ttl?: PolicySetOptions['ttl'] }): Promise<unknown>;
  delete(key: string): Promise<void>;
  batchGet<T>(items: { key: string }[]): Promise<BatchGetResult<T>>;
  query(): KvsQuery;
  getSecret<T>(key: string): Promise<T | undefined>;
  setSecret<T>(key: string, value: T, options?: { ttl?: PolicySetOptions['ttl'] }): Promise<unknown>;
  deleteSecret(key: string): Promise<void>;
  transact(): KvsTransaction;
}

/** The part of @forge/kvs's TransactionBuilder this store uses. */
export interface KvsTransaction {
  set<T>(key: string, value: T): KvsTransaction;
  delete(key: string): KvsTransaction;
  execute(): Promise<void>;
}

export interface KvsQuery {
  where(property: 'key', condition: BeginsWithClause): KvsQuery;
  limit(limit: number): KvsQuery;
  cursor(cursor: string): KvsQuery;
  getMany<T>(): Promise<ListResult<T>>;
}

const BATCH_GET_SIZE = 20;

interface KvsErrorLike {
  code: string;
  responseDetails?: { status?: number };
}

function kvsError(error: unknown): KvsErrorLike | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as Partial<KvsErrorLike>;
  return typeof e.code === 'string' ? (e as KvsErrorLike) : null;
}

/**
 * A FAIL_IF_EXISTS write on an existing key fails in @forge/kvs's `checkResponseError` as a
 * `ForgeKvsAPIError` carrying the server's `{ code, message }` and HTTP status: 409 with code
 * `KEY_CONFLICT`. The code is not in the package's typings, so the status is checked as well.
 */
export function isKeyConflict(error: unknown): boolean {
  const e = kvsError(error);
  return e !== null && (e.responseDetails?.status === 409 || /CONFLICT|ALREADY_EXISTS|KEY_EXISTS/.test(e.code));
}

export function isRateLimited(error: unknown): boolean {
  const e = kvsError(error);
  return e !== null && (e.code === 'RATE_LIMIT_EXCEEDED' || e.responseDetails?.status === 429);
}

/** KVS refused the request itself (400-499 other than 429). */
function isRefusedRequest(error: unknown): boolean {
  const status = kvsError(error)?.responseDetails?.status;
  return status !== undefined && status >= 400 && status < 500 && !isRateLimited(error);
}

function ttlOption(ttlSeconds: number | undefined) {
  if (ttlSeconds === undefined) return {};
  if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) throw new RangeError('ttlSeconds must be a positive number');
  return { ttl: { value: Math.max(1, Math.ceil(ttlSeconds)), unit: 'SECONDS' as const } };
}

export interface KvsStoreOptions {
  sleep?: (ms: number) => Promise<void>;
  /** Attempts per call when KVS answers 429 (default 4). */
  attempts?: number;
  random?: () => number;
  /** Counts what the calls cost (KVS requests, items and bytes); a fresh meter by default. */
  meter?: UsageMeter;
}

export function createKvsStore(client: KvsClient = kvs, options: KvsStoreOptions = {}): Store {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const attempts = options.attempts ?? 4;
  const random = options.random ?? Math.random;
  const meter = options.meter ?? new UsageMeter();

  async function withRetry<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if (!isRateLimited(error) || attempt >= attempts) throw error;
        await sleep(Math.round(random() * 250 * 2 ** attempt));
      }
    }
  }

  async function batch<T>(keys: string[], into: Map<string, T>): Promise<void> {
    const result = await withRetry(() => client.batchGet<T>(keys.map((key) => ({ key }))));
    for (const item of result.successfulKeys ?? []) into.set(item.key, item.value);
    meter.read(keys.map((key) => into.get(key)));
    // Missing keys come back as failures; anything else (a throttled key) is read one by one.
    for (const failed of result.failedKeys ?? []) {
      if (/NOT_FOUND/.test(failed.error?.code ?? '')) continue;
      const value = await withRetry(() => client.get<T>(failed.key));
      meter.read([value]);
      if (value !== undefined) into.set(failed.key, value);
    }
  }

  return {
    async get<T>(key: string) {
      const value = await withRetry(() => client.get<T>(key));
      meter.read([value]);
      return value;
    },

    async getMany<T>(keys: string[]) {
      const unique = [...new Set(keys)];
      const found = new Map<string, T>();
      for (let i = 0; i < unique.length; i += BATCH_GET_SIZE) await batch(unique.slice(i, i + BATCH_GET_SIZE), found);
      return found;
    },

    async set(key, value, opts) {
      const ttl = ttlOption(opts?.ttlSeconds);
      await withRetry(() => client.set(key, value, ttl));
      meter.write([value]);
    },

    async setIfAbsent(key, value, opts) {
      const options: PolicySetOptions = { keyPolicy: 'FAIL_IF_EXISTS', ...ttlOption(opts?.ttlSeconds) };
      try {
        await withRetry(() => client.set(key, value, options));
        meter.write([value]);
        return true;
      } catch (error) {
        if (!isKeyConflict(error)) throw error;
        meter.write([value]);
        return false;
      }
    },

    async delete(key) {
      await withRetry(() => client.delete(key));
      meter.write([undefined]);
    },

    async commit(changes) {
      const sets = changes.set ?? [];
      const deletes = changes.delete ?? [];
      if (sets.length + deletes.length === 0) return;
      // A transaction is one write request: all of it lands or none.
      await withRetry(() => {
        let transaction = client.transact();
        for (const item of sets) transaction = transaction.set(item.key, item.value);
        for (const key of deletes) transaction = transaction.delete(key);
        return transaction.execute();
      });
      meter.write([...sets.map((item) => item.value), ...deletes.map(() => undefined)]);
    },

    async query<T>(prefix: string, opts: { limit?: number; cursor?: string } = {}): Promise<StorePage<T>> {
      const page = await withRetry(() => {
        let q = client.query().where('key', WhereConditions.beginsWith(prefix)).limit(pageSize(opts.limit));
        if (opts.cursor) q = q.cursor(opts.cursor);
        return q.getMany<T>();
      }).catch((error: unknown) => {
        // The prefix is the app's own and the limit is clamped, so KVS refusing the request (4xx,
        // not 429) when it carries a cursor means the cursor: one KVS did not hand out.
        if (opts.cursor && isRefusedRequest(error)) throw new InvalidCursorError();
        throw error;
      });
      const items = (page.results ?? []).map((r) => ({ key: r.key, value: r.value }));
      meter.read(items.map((item) => item.value));
      return page.nextCursor ? { items, nextCursor: page.nextCursor } : { items };
    },

    async getSecret<T>(key: string) {
      const value = await withRetry(() => client.getSecret<T>(key));
      meter.read([value]);
      return value;
    },

    async setSecret(key, value, opts) {
      const ttl = ttlOption(opts?.ttlSeconds);
      await withRetry(() => client.setSecret(key, value, ttl));
      meter.write([value]);
    },

    async deleteSecret(key) {
      await withRetry(() => client.deleteSecret(key));
      meter.write([undefined]);
    },
  };
}
