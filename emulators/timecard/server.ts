/**
 * The HTTP server: serves the emulated API on 127.0.0.1, the /__emulator/ control
 * routes, and the fault knobs (latency, down modes, injected failures, counts).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { handleControl } from './control';
import { TokenIssuer } from './jwt';
import { hasWerkzeugPage, pyJson, werkzeugPage } from './flaskCompat';
import { type ApiContext, type ApiRequest, type ApiResponse, dispatch, routeKey } from './routes';
import { type AttributeInput, type RecordAttributeJson, type RecordInput, Store, type TimeRecordJson, recordJson } from './store';

export interface TimecardEmulatorOptions {
  /** 0 (default) = a free port. */
  port?: number;
  latencyMs?: number;
  /** JWT_ACCESS_TOKEN_EXPIRES of the real config: 15 minutes. */
  accessTokenTtlSeconds?: number;
  /** JWT_REFRESH_TOKEN_EXPIRES of the real config: 30 days. */
  refreshTokenTtlSeconds?: number;
  secret?: string;
  /** Clock in ms (tests move it to expire tokens). */
  now?: () => number;
}

export type DownMode = false | 'refuse' | 'html' | 'hang';

export interface FailSpec {
  status: number;
  /** Object = JSON, string = sent as is; default: Werkzeug's HTML page for the status. */
  body?: unknown;
  pathIncludes?: string;
}

export interface Counts {
  total: number;
  byRoute: Record<string, number>;
}

export interface TimecardEmulator {
  url: string;
  port: number;
  close(): Promise<void>;
  addUser(username: string, password: string): number;
  addAttribute(userId: number, attr: AttributeInput): number;
  attributes(userId: number): RecordAttributeJson[];
  addRecord(userId: number, record: RecordInput): TimeRecordJson;
  /** A malformed row served verbatim; `at` places it for range filters and sorting. */
  addRawRecord(userId: number, json: unknown, opts?: { at?: string }): number;
  updateRecord(id: number, patch: Partial<RecordInput>): void;
  deleteRecord(id: number): void;
  /** What GET /api/timerecords (no range) answers for this user. */
  records(userId: number): TimeRecordJson[];
  /** Tokens as /api/login would issue them. */
  tokensFor(userId: number): { access_token: string; refresh_token: string };
  expireAccessTokens(): void;
  expireRefreshTokens(): void;
  setLatency(ms: number): void;
  setDown(mode: DownMode): void;
  failNext(n: number, spec: FailSpec): void;
  counts(): Counts;
  resetCounts(): void;
}

const NGINX_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Werkzeug decodes percent-escapes in the path before routing. */
function decodePath(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function failureResponse(spec: FailSpec): ApiResponse {
  if (spec.body === undefined) {
    return hasWerkzeugPage(spec.status)
      ? { status: spec.status, headers: { 'content-type': 'text/html; charset=utf-8' }, body: werkzeugPage(spec.status) }
      : { status: spec.status, headers: { 'content-type': 'application/json' }, body: pyJson({ msg: 'Injected failure' }) };
  }
  if (typeof spec.body === 'string') {
    const type = spec.body.trimStart().startsWith('<') ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8';
    return { status: spec.status, headers: { 'content-type': type }, body: spec.body };
  }
  return { status: spec.status, headers: { 'content-type': 'application/json' }, body: pyJson(spec.body) };
}

export async function startTimecardEmulator(opts: TimecardEmulatorOptions = {}): Promise<TimecardEmulator> {
  const store = new Store();
  const now = opts.now ?? Date.now;
  const tokens = new TokenIssuer({
    secret: opts.secret ?? 'timecard-emulator-secret',
    accessTtlSeconds: opts.accessTokenTtlSeconds ?? 900,
    refreshTtlSeconds: opts.refreshTokenTtlSeconds ?? 30 * 24 * 3600,
    now,
  });
  const ctx: ApiContext = { store, tokens };
  let latencyMs = opts.latencyMs ?? 0;
  let down: DownMode = false;
  const failures: Array<FailSpec & { remaining: number }> = [];
  let counts: Counts = { total: 0, byRoute: {} };
  const sockets = new Set<Socket>();

  function send(req: IncomingMessage, res: ServerResponse, out: ApiResponse): void {
    if (res.writableEnded || res.destroyed) return;
    const payload = Buffer.from(out.body, 'utf8');
    res.writeHead(out.status, { ...out.headers, 'content-length': String(payload.length) });
    res.end(req.method === 'HEAD' ? undefined : payload);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = decodePath(q < 0 ? rawUrl : rawUrl.slice(0, q));
    const query = new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1));
    const method = (req.method ?? 'GET').toUpperCase();
    const body = await readBody(req);

    if (path.startsWith('/__emulator/')) {
      send(req, res, handleControl(emulator, method, path, query, body));
      return;
    }

    counts.total++;
    const key = routeKey(method, path);
    counts.byRoute[key] = (counts.byRoute[key] ?? 0) + 1;

    if (down === 'refuse') {
      req.socket.destroy();
      return;
    }
    if (down === 'hang') return; // never answered; close() tears the socket down
    if (latencyMs > 0) await sleep(latencyMs);
    if (down === 'html') {
      send(req, res, { status: 502, headers: { 'content-type': 'text/html' }, body: NGINX_502 });
      return;
    }
    const failure = failures.find((f) => !f.pathIncludes || rawUrl.includes(f.pathIncludes));
    if (failure) {
      if (--failure.remaining <= 0) failures.splice(failures.indexOf(failure), 1);
      send(req, res, failureResponse(failure));
      return;
    }
    const apiReq: ApiRequest = { method, path, query, headers: req.headers, body };
    send(req, res, dispatch(ctx, apiReq));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error('[timecard-emulator]', err);
      send(req, res, { status: 500, headers: { 'content-type': 'text/html; charset=utf-8' }, body: werkzeugPage(500) });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const emulator: TimecardEmulator = {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
    addUser: (username, password) => store.addUser(username, password),
    addAttribute: (userId, attr) => store.addAttribute(userId, attr),
    attributes: (userId) => store.attributesOf(userId),
    addRecord: (userId, record) => recordJson(store.addRecord(userId, record)),
    addRawRecord: (userId, json, o) => store.addRawRecord(userId, json, o?.at),
    updateRecord: (id, patch) => store.patchRecord(id, patch),
    deleteRecord: (id) => {
      if (!store.deleteRecord(id)) throw new Error(`No record ${id}`);
    },
    records: (userId) => store.listRecords(userId).map(recordJson),
    tokensFor: (userId) => ({
      access_token: tokens.issue('access', String(userId)),
      refresh_token: tokens.issue('refresh', String(userId)),
    }),
    expireAccessTokens: () => tokens.expireAll('access'),
    expireRefreshTokens: () => tokens.expireAll('refresh'),
    setLatency: (ms) => {
      latencyMs = ms;
    },
    setDown: (mode) => {
      down = mode;
    },
    failNext: (n, spec) => {
      if (n > 0) failures.push({ ...spec, remaining: n });
    },
    counts: () => ({ total: counts.total, byRoute: { ...counts.byRoute } }),
    resetCounts: () => {
      counts = { total: 0, byRoute: {} };
    },
  };
  return emulator;
}
