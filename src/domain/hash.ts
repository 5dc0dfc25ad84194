import { adfToText } from './comment';
import { formatJiraStarted, parseInstant } from './time';

/** JSON with object keys sorted at every depth, so equal values always give the same string. */
export function stableStringify(value: unknown): string {
  return stringify(value, new Set()) ?? 'null';
}

function stringify(value: unknown, ancestors: Set<object>): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (typeof value !== 'object') {
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
    return JSON.stringify(value); // numbers (NaN → null), strings, booleans as JSON does
  }
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return stringify(withJson.toJSON(), ancestors);
  if (ancestors.has(value)) throw new TypeError('Cannot hash a value that contains itself.');
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return `[${value.map((item) => stringify(item, ancestors) ?? 'null').join(',')}]`;
    const entries: string[] = [];
    for (const key of Object.keys(value).sort()) {
      const text = stringify((value as Record<string, unknown>)[key], ancestors);
      if (text !== undefined) entries.push(`${JSON.stringify(key)}:${text}`);
    }
    return `{${entries.join(',')}}`;
  } finally {
    ancestors.delete(value);
  }
}

const hex8 = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');

/** Two 32-bit lanes of cyrb53 (by bryc, public domain) kept whole: 64 bits, same result in every JS engine. */
function cyrb64(text: string, seed: number): [number, number] {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1, h2];
}

/** A 128-bit (32 hex chars) non-cryptographic hash of a value's stable JSON: for change detection, not security. */
export function hashOf(value: unknown): string {
  const text = stableStringify(value);
  const [a, b] = cyrb64(text, 0);
  const [c, d] = cyrb64(text, 0x9e3779b9);
  return hex8(b) + hex8(a) + hex8(d) + hex8(c);
}

export interface WorklogHashInput {
  issueKey: string;
  started: string;
  timeSpentSeconds: number;
  comment: unknown;
}

/**
 * The fingerprint of what a sync sends. The comment counts by its text, so an ADF document
 * Jira re-serialises differently still matches; `started` counts as an instant.
 */
export function worklogHash(input: WorklogHashInput): string {
  const started = parseInstant(input.started);
  return hashOf({
    v: 1,
    issueKey: input.issueKey.trim().toUpperCase(),
    started: started ? formatJiraStarted(started) : input.started,
    timeSpentSeconds: input.timeSpentSeconds,
    comment: adfToText(input.comment),
  });
}

/** The fingerprint of a worklog comment's text (whitespace-insensitive), to notice an edit made in Jira. */
export function commentHash(comment: unknown): string {
  return hashOf({ v: 1, text: adfToText(comment).replace(/\s+/g, ' ') });
}
