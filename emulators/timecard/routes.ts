/**
 * The real server's routes (backend/routes/auth.py, backend/routes/time_records.py),
 * view by view, including what Flask does around them (routing 404/405, automatic
 * OPTIONS/HEAD, Flask-CORS headers, uncaught exceptions as 500 pages).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { TokenIssuer } from './jwt';
import {
  HttpError,
  PyError,
  flaskJson,
  isDict,
  pyContains,
  pyGetItem,
  pyInt,
  pyIsInt,
  pyJson,
  pyTruthy,
  strptime,
  werkzeugPage,
} from './flaskCompat';
import { type RecordRow, type Store, recordJson, sqliteIdMatches } from './store';

export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface ApiContext {
  store: Store;
  tokens: TokenIssuer;
}

type Handler = (ctx: ApiContext, req: ApiRequest, id: number) => ApiResponse;

export function json(status: number, value: unknown): ApiResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: pyJson(value) };
}

export function htmlError(status: number, description?: string): ApiResponse {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body: werkzeugPage(status, description) };
}

/** @jwt_required(): the JWT identity, or the flask-jwt-extended error response. */
function identity(ctx: ApiContext, req: ApiRequest, refresh = false): { sub: unknown } | ApiResponse {
  const auth = ctx.tokens.authenticate(req.headers.authorization, refresh);
  if (auth.ok) return { sub: auth.sub };
  return auth.status === 500 ? htmlError(500) : json(auth.status, { msg: auth.msg });
}

const isResponse = (x: unknown): x is ApiResponse => typeof x === 'object' && x !== null && 'status' in x;

const body = (req: ApiRequest): unknown => flaskJson(req.headers['content-type'], req.body);

/** `User.query.filter_by(username=value)` on SQLite. */
function lookupUser(ctx: ApiContext, value: unknown) {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'object') throw new PyError('sqlalchemy: unsupported bind type');
  const key = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
  return ctx.store.findUser(key);
}

// ------------------------------------------------------------------ auth.py

const register: Handler = (ctx, req) => {
  const data = body(req);
  if (!pyTruthy(data)) return json(200, { message: 'Invalid request' }); // no status: 200
  if (!isDict(data)) throw new PyError("AttributeError: object has no attribute 'get'");
  const { username, password } = data;
  if (!pyTruthy(username) || !pyTruthy(password)) {
    return json(400, { message: 'Username and password are required' });
  }
  if (lookupUser(ctx, username)) return json(409, { message: 'User already exists' });
  if (typeof password !== 'string') throw new PyError("AttributeError: no attribute 'encode'");
  ctx.store.addUser(String(username), password);
  return json(201, { message: 'User created successfully' });
};

const login: Handler = (ctx, req) => {
  const data = body(req);
  if (!pyTruthy(data)) return json(401, { message: 'Invalid request' });
  if (!isDict(data)) throw new PyError("AttributeError: object has no attribute 'get'");
  const user = lookupUser(ctx, data.username);
  if (user) {
    if (typeof data.password !== 'string') throw new PyError("AttributeError: no attribute 'encode'");
    if (ctx.store.checkPassword(user, data.password)) {
      const sub = String(user.id);
      return json(200, { access_token: ctx.tokens.issue('access', sub), refresh_token: ctx.tokens.issue('refresh', sub) });
    }
  }
  return json(401, { message: 'Bad username or password' });
};

const refresh: Handler = (ctx, req) => {
  const who = identity(ctx, req, true);
  if (isResponse(who)) return who;
  return json(200, { access_token: ctx.tokens.issue('access', who.sub) });
};

// ---------------------------------------------------------- time_records.py

const getRecords: Handler = (ctx, req) => {
  const who = identity(ctx, req);
  if (isResponse(who)) return who;
  const range: { start?: string; end?: string } = {};
  for (const which of ['start', 'end'] as const) {
    const value = req.query.get(`${which}_date`);
    if (!value) continue; // `if start_date_str:` — an empty value means no filter
    try {
      range[which] = strptime(value);
    } catch {
      return json(400, { msg: `Invalid ${which} date format. Use YYYY-MM-DDTHH:MM:SS.sssZ` });
    }
  }
  return json(200, ctx.store.listRecords(who.sub, range.start, range.end).map(recordJson));
};

const getAttributes: Handler = (ctx, req) => {
  const who = identity(ctx, req);
  if (isResponse(who)) return who;
  return json(200, ctx.store.attributesOf(who.sub));
};

/** create_record_attribute(): find by (name, user, level) or create and commit. */
function attributeByName(ctx: ApiContext, sub: unknown, name: unknown, parentId: unknown, level: 1 | 2 | 3, commit: () => void): number {
  if (!pyTruthy(name)) throw new PyError('ValueError: name was not specified for new record attribute');
  if (typeof name === 'object') throw new PyError('sqlalchemy: unsupported bind type');
  const text = String(name);
  const found = ctx.store.findAttribute(sub, text, level);
  if (found) return found.id;
  const userId = Number(sub);
  const parent = pyIsInt(parentId) ? pyInt(parentId) : parentId === null ? null : Number(parentId);
  const id = ctx.store.addAttribute(userId, { name: text, level_num: level, parent_id: parent });
  commit(); // db.session.commit() also flushes the record edits made so far
  return id;
}

const createRecord: Handler = (ctx, req) => {
  const who = identity(ctx, req);
  if (isResponse(who)) return who;
  const data = body(req);
  if (!['domain_id', 'category_id', 'title_id'].every((k) => pyContains(data, k))) {
    return json(400, { msg: 'Missing required fields' });
  }
  if (!pyTruthy(pyGetItem(data, 'domain_id'))) return json(400, { msg: 'That domain is not yet specified' });
  const d = data as Record<string, unknown>;
  const noop = () => undefined;
  const domain = pyIsInt(d.domain_id) ? pyInt(d.domain_id) : attributeByName(ctx, who.sub, d.domain_id, null, 1, noop);
  const category = pyIsInt(d.category_id) ? pyInt(d.category_id) : attributeByName(ctx, who.sub, d.category_id, domain, 2, noop);
  const title = pyIsInt(d.title_id) ? pyInt(d.title_id) : attributeByName(ctx, who.sub, d.title_id, category, 3, noop);
  let timein: string;
  try {
    timein = strptime(pyGetItem(d, 'timein'));
  } catch (e) {
    if (e instanceof HttpError) throw e;
    throw new PyError('ValueError: time data does not match format'); // not caught in create
  }
  const saved: RecordRow = {
    ...ctx.store.blankRecord(Number(who.sub)),
    domain_id: domain,
    category_id: category,
    title_id: title,
    timein,
    external_link: storable(d.external_link ?? null),
    notes: storable(d.notes ?? null),
    jira_issue_key: storable(d.jira_issue_key ?? null),
  };
  requireAttributes(ctx, saved);
  ctx.store.saveRecord(saved);
  return json(201, recordJson(saved));
};

/** PRAGMA foreign_keys=ON (app.py): an attribute id that no row has fails the commit (500, nothing saved). */
function requireAttributes(ctx: ApiContext, row: RecordRow): void {
  if ([row.domain_id, row.category_id, row.title_id].some((id) => !ctx.store.attribute(id))) {
    throw new PyError('IntegrityError: FOREIGN KEY constraint failed');
  }
}

const updateRecord: Handler = (ctx, req, id) => {
  const who = identity(ctx, req);
  if (isResponse(who)) return who;
  const stored = ctx.store.record(id);
  if (!stored || !ownedBy(stored.user_id, who.sub)) return json(404, { msg: 'Record not found or access denied' });
  if (stored.raw) throw new PyError("ValueError: Couldn't parse datetime string"); // loading a bad row
  const data = body(req);
  const rec: RecordRow = { ...stored };
  const commit = () => {
    requireAttributes(ctx, rec);
    ctx.store.saveRecord(rec);
  };

  const domain = pyGetItem(data, 'domain_id');
  rec.domain_id = pyIsInt(domain) ? pyInt(domain) : attributeByName(ctx, who.sub, domain, null, 1, commit);
  const category = pyGetItem(data, 'category_id');
  rec.category_id = pyIsInt(category) ? pyInt(category) : attributeByName(ctx, who.sub, category, rec.domain_id, 2, commit);
  const title = pyGetItem(data, 'title_id');
  rec.title_id = pyIsInt(title) ? pyInt(title) : attributeByName(ctx, who.sub, title, rec.category_id, 3, commit);

  const d = data as Record<string, unknown>;
  for (const field of ['timein', 'timeout'] as const) {
    if (pyTruthy(d[field])) {
      try {
        rec[field] = strptime(d[field]);
      } catch {
        return json(400, { msg: `Invalid ${field} format.` }); // session rolled back
      }
    } else if (field === 'timeout') {
      rec.timeout = null; // a missing or empty timeout clears it
    }
  }
  for (const field of ['external_link', 'notes'] as const) {
    if (pyTruthy(d[field])) rec[field] = storable(d[field]); // can be set, never cleared
  }
  if ('jira_issue_key' in d) rec.jira_issue_key = storable(d.jira_issue_key);
  commit();
  return json(200, recordJson(rec));
};

/**
 * A value bound to a TEXT column and read back after the commit (SQLAlchemy expires the row):
 * SQLite's TEXT affinity stores a number as its text, a bool as "1"/"0".
 */
function storable(v: unknown): unknown {
  if (typeof v === 'object' && v !== null) throw new PyError('sqlalchemy: unsupported bind type');
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') return String(v);
  return v;
}

const ownedBy = (userId: number, sub: unknown): boolean => sqliteIdMatches(userId, sub);

const deleteRecord: Handler = (ctx, req, id) => {
  const who = identity(ctx, req);
  if (isResponse(who)) return who;
  const stored = ctx.store.record(id);
  if (!stored || !ownedBy(stored.user_id, who.sub)) return json(404, { msg: 'Record not found or access denied' });
  ctx.store.deleteRecord(id);
  return json(200, { msg: 'Record deleted successfully' });
};

const updateAttribute: Handler = (ctx, req, id) => {
  const who = identity(ctx, req);
  if (isResponse(who)) return who;
  const attr = ctx.store.attribute(id);
  if (!attr || !ownedBy(attr.user_id, who.sub)) {
    return json(404, { msg: 'Record attribute not found or access denied' });
  }
  const data = body(req);
  const next = { ...attr };
  if (pyContains(data, 'name')) {
    const name = pyGetItem(data, 'name');
    if (name === null) throw new PyError('IntegrityError: NOT NULL constraint failed: record_attribute.name');
    next.name = storable(name) as string;
  }
  if (pyContains(data, 'color')) next.color = storable(pyGetItem(data, 'color')) as string | null;
  Object.assign(attr, next);
  return json(200, { ...attr });
};

// ------------------------------------------------------------------ routing

interface Rule {
  name: string;
  pattern: RegExp;
  methods: Record<string, Handler>;
}

const RULES: Rule[] = [
  { name: '/api/register', pattern: /^\/api\/register$/, methods: { POST: register } },
  { name: '/api/login', pattern: /^\/api\/login$/, methods: { POST: login } },
  { name: '/api/refresh', pattern: /^\/api\/refresh$/, methods: { POST: refresh } },
  { name: '/api/timerecords', pattern: /^\/api\/timerecords$/, methods: { GET: getRecords, POST: createRecord } },
  {
    name: '/api/timerecords/<int:record_id>',
    pattern: /^\/api\/timerecords\/(\d+)$/,
    methods: { PUT: updateRecord, DELETE: deleteRecord },
  },
  { name: '/api/recordattributes', pattern: /^\/api\/recordattributes$/, methods: { GET: getAttributes } },
  {
    name: '/api/recordattributes/<int:attribute_id>',
    pattern: /^\/api\/recordattributes\/(\d+)$/,
    methods: { PUT: updateAttribute },
  },
];

export function matchRule(path: string): { rule: Rule; id: number } | undefined {
  for (const rule of RULES) {
    const m = rule.pattern.exec(path);
    if (m) return { rule, id: m[1] === undefined ? 0 : parseInt(m[1], 10) };
  }
  return undefined;
}

/** Route name for counts, e.g. "GET /api/timerecords". */
export function routeKey(method: string, path: string): string {
  return `${method} ${matchRule(path)?.rule.name ?? path}`;
}

function allowed(rule: Rule): string[] {
  const methods = new Set([...Object.keys(rule.methods), 'OPTIONS']);
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}

/** Flask-CORS defaults: echo the Origin (else "*"), preflight allows every method. */
function withCors(req: ApiRequest, res: ApiResponse): ApiResponse {
  const origin = req.headers.origin;
  res.headers['access-control-allow-origin'] = origin ?? '*';
  if (origin) res.headers.vary = 'Origin';
  if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
    res.headers['access-control-allow-methods'] = 'DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT';
    const asked = req.headers['access-control-request-headers'];
    if (asked) res.headers['access-control-allow-headers'] = asked;
  }
  return res;
}

export function dispatch(ctx: ApiContext, req: ApiRequest): ApiResponse {
  return withCors(req, route(ctx, req));
}

function route(ctx: ApiContext, req: ApiRequest): ApiResponse {
  const match = matchRule(req.path);
  if (!match) return htmlError(404);
  const methods = allowed(match.rule);
  if (req.method === 'OPTIONS') {
    return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', allow: methods.join(', ') }, body: '' };
  }
  const handler = match.rule.methods[req.method === 'HEAD' ? 'GET' : req.method];
  if (!handler) {
    const res = htmlError(405);
    res.headers.allow = methods.join(', ');
    return res;
  }
  try {
    return handler(ctx, req, match.id);
  } catch (e) {
    if (e instanceof HttpError) return htmlError(e.status, e.description);
    return htmlError(500);
  }
}
