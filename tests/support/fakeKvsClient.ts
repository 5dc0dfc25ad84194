// An in-memory stand-in for the part of @forge/kvs's KvsImpl that createKvsStore uses. It fails the
// way the real client does: server errors surface as ForgeKvsAPIError built from `{ code, message }`.
import { ForgeKvsAPIError } from '@forge/kvs';
import type { BatchGetResult, BeginsWithClause, ListResult, PolicySetOptions, TtlUnit } from '@forge/kvs';
import type { KvsClient, KvsQuery, KvsTransaction } from '../../src/adapters/store';
import { keyProblem, MAX_COMMIT_BYTES, MAX_PAGE_SIZE, toStoredJson } from '../../src/adapters/store/rules';

const UNIT_MS: Record<TtlUnit, number> = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 };

function apiError(status: number, code: string, message: string, path: string): ForgeKvsAPIError {
  return new ForgeKvsAPIError(
    { status, statusText: String(status), traceId: null, httpMethod: 'POST', httpPath: path, responseBodyLength: 0 },
    { code, message },
  );
}

/**
 * This fake's own opaque cursors (KVS's format is undocumented): the adapter must pass back what
 * the client handed out, never build or read one itself.
 */
function encodeCursor(lastKey: string): string {
  return Buffer.from(JSON.stringify({ after: lastKey }), 'utf8').toString('base64');
}

/** The key a cursor continues after; null when this client did not issue it. */
function decodeCursor(cursor: string): string | null {
  try {
    const { after } = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { after?: unknown };
    return typeof after === 'string' && keyProblem(after) === null ? after : null;
  } catch {
    return null;
  }
}

interface Entry {
  json: string;
  expiresAt: number | null;
}

export interface FakeKvsClient extends KvsClient {
  /** The next `count` calls (of `op`, or any) answer 429 RATE_LIMIT_EXCEEDED. */
  throttleNext(count: number, op?: string): void;
  calls: string[];
}

export function createFakeKvsClient(options: { now?: () => number } = {}): FakeKvsClient {
  const now = options.now ?? Date.now;
  const plain = new Map<string, Entry>();
  const secrets = new Map<string, Entry>();
  const throttles: { op?: string; remaining: number }[] = [];
  const calls: string[] = [];

  const enter = (op: string, path: string, key?: string) => {
    calls.push(op);
    const throttle = throttles.find((t) => t.remaining > 0 && (!t.op || t.op === op));
    if (throttle) {
      throttle.remaining -= 1;
      throw apiError(429, 'RATE_LIMIT_EXCEEDED', 'Rate limit exceeded', path);
    }
    if (key !== undefined) {
      const problem = keyProblem(key);
      if (problem) throw apiError(400, 'INVALID_KEY', problem, path);
    }
  };

  const live = (map: Map<string, Entry>, key: string) => {
    const entry = map.get(key);
    if (entry && entry.expiresAt !== null && entry.expiresAt <= now()) {
      map.delete(key);
      return undefined;
    }
    return entry;
  };

  const put = (map: Map<string, Entry>, path: string, key: string, value: unknown, opts?: Partial<PolicySetOptions>) => {
    let json: string;
    try {
      json = toStoredJson(value);
    } catch (error) {
      throw apiError(400, 'MAX_SIZE', (error as Error).message, path);
    }
    if (opts?.keyPolicy === 'FAIL_IF_EXISTS' && live(map, key)) {
      throw apiError(409, 'KEY_CONFLICT', `Key ${key} already exists`, path);
    }
    const ttl = opts?.ttl;
    map.set(key, { json, expiresAt: ttl ? now() + ttl.value * UNIT_MS[ttl.unit] : null });
  };

  const valueOf = <T>(map: Map<string, Entry>, key: string): T | undefined => {
    const entry = live(map, key);
    return entry ? (JSON.parse(entry.json) as T) : undefined;
  };

  function query(): KvsQuery {
    const state: { prefix?: string; limit?: number; cursor?: string } = {};
    const builder: KvsQuery = {
      where(_property: 'key', condition: BeginsWithClause) {
        state.prefix = String(condition.values[0]);
        return builder;
      },
      limit(limit: number) {
        state.limit = limit;
        return builder;
      },
      cursor(cursor: string) {
        state.cursor = cursor;
        return builder;
      },
      async getMany<T>(): Promise<ListResult<T>> {
        enter('query', '/api/v1/query');
        const limit = state.limit ?? 10;
        if (limit < 1 || limit > MAX_PAGE_SIZE) throw apiError(400, 'INVALID_LIMIT', 'Limit out of range', '/api/v1/query');
        const after = state.cursor ? decodeCursor(state.cursor) : null;
        // KVS answers a cursor it did not issue with a 400 (the exact code is not documented).
        if (state.cursor && after === null) throw apiError(400, 'INVALID_CURSOR', 'The cursor is not valid', '/api/v1/query');
        const keys = [...plain.keys()].filter((k) => k.startsWith(state.prefix ?? '') && (after === null || k > after) && live(plain, k)).sort();
        const page = keys.slice(0, limit);
        const results = page.map((key) => ({ key, value: JSON.parse(plain.get(key)!.json) as T }));
        return keys.length > limit ? { results, nextCursor: encodeCursor(page[page.length - 1]) } : { results };
      },
    };
    return builder;
  }

  return {
    calls,
    throttleNext(count, op) {
      throttles.push({ op, remaining: count });
    },
    async get<T>(key: string) {
      enter('get', '/api/v1/get', key);
      return valueOf<T>(plain, key);
    },
    async set<T>(key: string, value: T, opts?: Partial<PolicySetOptions>) {
      enter('set', '/api/v1/set', key);
      put(plain, '/api/v1/set', key, value, opts);
    },
    async delete(key: string) {
      enter('delete', '/api/v1/delete', key);
      plain.delete(key);
    },
    transact() {
      const ops: ({ op: 'set'; key: string; value: unknown } | { op: 'delete'; key: string })[] = [];
      const builder: KvsTransaction = {
        set(key, value) {
          ops.push({ op: 'set', key, value });
          return builder;
        },
        delete(key) {
          ops.push({ op: 'delete', key });
          return builder;
        },
        async execute() {
          const path = '/api/v1/transaction';
          enter('transact', path);
          for (const { key } of ops) {
            const problem = keyProblem(key);
            if (problem) throw apiError(400, 'INVALID_KEY', problem, path);
          }
          if (new Set(ops.map((o) => o.key)).size !== ops.length) throw apiError(400, 'DUPLICATE_KEYS', 'A key appears twice', path);
          const bytes = ops.reduce((sum, o) => sum + (o.op === 'set' ? Buffer.byteLength(JSON.stringify(o.value), 'utf8') : 0), 0);
          if (bytes > MAX_COMMIT_BYTES) throw apiError(400, 'MAX_SIZE', 'The transaction is larger than 4 MB', path);
          // All or nothing: check every value first, then apply.
          const staged = new Map(plain);
          for (const o of ops) {
            if (o.op === 'set') put(staged, path, o.key, o.value);
            else staged.delete(o.key);
          }
          plain.clear();
          for (const [key, entry] of staged) plain.set(key, entry);
        },
      };
      return builder;
    },
    async batchGet<T>(items: { key: string }[]): Promise<BatchGetResult<T>> {
      enter('batchGet', '/api/v1/batch/get');
      if (items.length > 20) throw apiError(400, 'TOO_MANY_ITEMS', 'At most 20 keys per batch', '/api/v1/batch/get');
      const result: BatchGetResult<T> = { successfulKeys: [], failedKeys: [] };
      for (const { key } of items) {
        const value = valueOf<T>(plain, key);
        if (value === undefined) result.failedKeys.push({ key, error: { code: 'KEY_NOT_FOUND', message: 'Key not found' } });
        else result.successfulKeys.push({ key, value });
      }
      return result;
    },
    query,
    async getSecret<T>(key: string) {
      enter('getSecret', '/api/v1/secret/get', key);
      return valueOf<T>(secrets, key);
    },
    async setSecret<T>(key: string, value: T, opts?: Partial<PolicySetOptions>) {
      enter('setSecret', '/api/v1/secret/set', key);
      put(secrets, '/api/v1/secret/set', key, value, opts);
    },
    async deleteSecret(key: string) {
      enter('deleteSecret', '/api/v1/secret/delete', key);
      secrets.delete(key);
    },
  };
}
