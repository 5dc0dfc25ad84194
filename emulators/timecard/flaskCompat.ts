/**
 * Python / Flask / Werkzeug behaviour that the real timecard server inherits from its
 * stack (Flask 3 + Werkzeug 3 + SQLite via SQLAlchemy), reproduced so the emulator
 * answers byte-for-byte like the real thing where it matters to clients.
 */

/** An exception Flask turns into Werkzeug's HTML error page. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly description?: string,
  ) {
    super(`HTTP ${status}`);
  }
}

/** An uncaught Python exception (KeyError, TypeError, ...): Flask answers 500. */
export class PyError extends HttpError {
  constructor(readonly pyMessage: string) {
    super(500);
  }
}

const PAGES: Record<number, [string, string]> = {
  400: ['Bad Request', 'The browser (or proxy) sent a request that this server could not understand.'],
  401: [
    'Unauthorized',
    "The server could not verify that you are authorized to access the URL requested. You either supplied the wrong credentials (e.g. a bad password), or your browser doesn't understand how to supply the credentials required.",
  ],
  403: ['Forbidden', "You don't have the permission to access the requested resource. It is either read-protected or not readable by the server."],
  404: ['Not Found', 'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.'],
  405: ['Method Not Allowed', 'The method is not allowed for the requested URL.'],
  415: ['Unsupported Media Type', 'The server does not support the media type transmitted in the request.'],
  429: ['Too Many Requests', 'This user has exceeded an allotted request count. Try again later.'],
  500: [
    'Internal Server Error',
    'The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.',
  ],
  502: ['Bad Gateway', 'The proxy server received an invalid response from an upstream server.'],
  503: [
    'Service Unavailable',
    'The server is temporarily unable to service your request due to maintenance downtime or capacity problems. Please try again later.',
  ],
  504: ['Gateway Timeout', 'The connection to an upstream server timed out.'],
};

export function hasWerkzeugPage(status: number): boolean {
  return status in PAGES;
}

/** markupsafe.escape */
function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');
}

/** werkzeug.exceptions.HTTPException.get_body() */
export function werkzeugPage(status: number, description?: string): string {
  const [name, defaultDescription] = PAGES[status] ?? ['Unknown Error', ''];
  return (
    '<!doctype html>\n' +
    '<html lang=en>\n' +
    `<title>${status} ${escapeHtml(name)}</title>\n` +
    `<h1>${escapeHtml(name)}</h1>\n` +
    `<p>${escapeHtml(description ?? defaultDescription)}</p>\n`
  );
}

/**
 * flask.jsonify in production mode: sort_keys=True, compact separators,
 * ensure_ascii=True, trailing newline.
 */
export function pyJson(value: unknown): string {
  const text = JSON.stringify(sortKeys(value)) ?? 'null';
  return text.replace(/[\u0080-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')) + '\n';
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/** Python truthiness of a JSON value. */
export function pyTruthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

/** isinstance(v, int): bool counts as int in Python. */
export function pyIsInt(v: unknown): v is number | boolean {
  return typeof v === 'boolean' || (typeof v === 'number' && Number.isInteger(v));
}

export function pyInt(v: number | boolean): number {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}

export function isDict(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `key in data` for whatever JSON value Flask handed the view. */
export function pyContains(data: unknown, key: string): boolean {
  if (isDict(data)) return Object.prototype.hasOwnProperty.call(data, key);
  if (Array.isArray(data)) return data.some((x) => x === key);
  if (typeof data === 'string') return data.includes(key);
  throw new PyError(`TypeError: argument of type '${typeof data}' is not iterable`);
}

/** data[key] on the JSON value: KeyError / TypeError become 500s. */
export function pyGetItem(data: unknown, key: string): unknown {
  if (!isDict(data)) throw new PyError(`TypeError: not subscriptable by str`);
  if (!Object.prototype.hasOwnProperty.call(data, key)) throw new PyError(`KeyError: '${key}'`);
  return data[key];
}

/**
 * Flask 3 `request.json` / `request.get_json()`: 415 unless the mimetype is JSON,
 * 400 (generic page, non-debug) when the body does not decode.
 */
export function flaskJson(contentType: string | undefined, body: Buffer): unknown {
  const mimetype = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const isJson = mimetype === 'application/json' || (mimetype.startsWith('application/') && mimetype.endsWith('+json'));
  if (!isJson) {
    throw new HttpError(415, "Did not attempt to load JSON data because the request Content-Type was not 'application/json'.");
  }
  try {
    let text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return JSON.parse(text);
  } catch {
    throw new HttpError(400);
  }
}

// ---------------------------------------------------------------- dates

/** Python's _strptime regex for '%Y-%m-%dT%H:%M:%S.%fZ' (compiled with IGNORECASE). */
const STRPTIME_RE =
  /^(\d{4})-(1[0-2]|0[1-9]|[1-9])-(3[01]|[12]\d|0[1-9]|[1-9]| [1-9])T(2[0-3]|[0-1]\d|\d):([0-5]\d|\d):(6[0-1]|[0-5]\d|\d)\.(\d{1,6})Z$/i;

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** SQLAlchemy's SQLite DATETIME storage format: sorts and compares as a string. */
export function dbTime(y: number, mo: number, d: number, h: number, mi: number, s: number, micro: number): string {
  return `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)} ${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(micro, 6)}`;
}

/**
 * datetime.strptime(value, '%Y-%m-%dT%H:%M:%S.%fZ'): returns the stored (naive UTC)
 * form, or throws 'ValueError' / 'TypeError' as Python would.
 */
export function strptime(value: unknown): string {
  if (typeof value !== 'string') throw new Error('TypeError');
  const m = STRPTIME_RE.exec(value);
  if (!m) throw new Error('ValueError');
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((x) => parseInt(x, 10));
  const micro = parseInt(m[7].padEnd(6, '0'), 10);
  if (y < 1 || d > daysInMonth(y, mo) || s > 59) throw new Error('ValueError');
  return dbTime(y, mo, d, h, mi, s, micro);
}

/** strftime('%Y-%m-%dT%H:%M:%SZ') of a stored value (glibc does not pad years < 1000). */
export function apiTime(db: string): string {
  return `${parseInt(db.slice(0, 4), 10)}-${db.slice(5, 10)}T${db.slice(11, 19)}Z`;
}

/**
 * Lenient parser for the emulator's own seeding API: ISO-8601 with optional seconds,
 * fraction (kept to microseconds) and Z / ±HH:MM offset (none = UTC).
 */
export function toDbTime(input: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(input.trim());
  if (!m) throw new Error(`Unparseable time: ${JSON.stringify(input)}`);
  const [y, mo, d, h, mi] = m.slice(1, 6).map((x) => parseInt(x, 10));
  const s = m[6] ? parseInt(m[6], 10) : 0;
  const micro = m[7] ? parseInt(m[7].slice(0, 6).padEnd(6, '0'), 10) : 0;
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) {
    throw new Error(`Invalid time: ${JSON.stringify(input)}`);
  }
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  const tz = m[8];
  if (tz && tz.toUpperCase() !== 'Z') {
    const sign = tz[0] === '-' ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    const offsetMin = parseInt(digits.slice(0, 2), 10) * 60 + parseInt(digits.slice(2), 10);
    date.setTime(date.getTime() - sign * offsetMin * 60_000);
  }
  return dbTime(
    date.getUTCFullYear(),
    date.getUTCMonth() + 1,
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
    micro,
  );
}
