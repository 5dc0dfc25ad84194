// Rules Forge KVS enforces server-side; the memory store (runtime/) and the fake KVS client (tests/)
// apply the same ones.
export const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;
export const MAX_KEY_LENGTH = 500;
export const MAX_VALUE_BYTES = 240 * 1024;
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** Keys in one batch call (documented) and, as assumed, in one transaction. */
export const MAX_COMMIT_KEYS = 25;
/** A transaction's (and a batch set's) whole payload (documented: 4 MB). */
export const MAX_COMMIT_BYTES = 4 * 1024 * 1024;
/** KVS's per-minute limits count a request in units of 10 KB, rounded up. */
export const REQUEST_UNIT_BYTES = 10 * 1024;

/** The reason a key is refused, or null when it is fine. */
export function keyProblem(key: string): string | null {
  if (typeof key !== 'string' || key.length === 0) return 'Key cannot be empty.';
  if (key.length > MAX_KEY_LENGTH) return `Key is longer than ${MAX_KEY_LENGTH} characters.`;
  if (!KEY_PATTERN.test(key)) return `Key "${key}" has characters outside [a-zA-Z0-9:._ -#].`;
  return null;
}

export function pageSize(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(limit)));
}

/** Serializes like KVS does (JSON), refusing what KVS refuses. */
export function toStoredJson(value: unknown): string {
  if (value === undefined) throw new TypeError('Cannot store undefined');
  const json = JSON.stringify(value);
  if (Buffer.byteLength(json, 'utf8') > MAX_VALUE_BYTES) throw new Error(`Value is larger than ${MAX_VALUE_BYTES} bytes`);
  return json;
}
