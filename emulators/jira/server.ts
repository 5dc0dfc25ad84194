/** The HTTP server: auth, body rules, latency, faults, counting, dispatch. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleControl, type ControlTarget, type FaultConfig } from './control';
import { Counter, faultBody, Faults } from './faults';
import { pointsOf, RateLimiter, type JiraLimits } from './limits';
import { jiraError, Router, type Reply } from './router';
import { APP_ACCOUNT_ID, JiraState, type Caller } from './state';
import { parseJiraDateTime } from './time';
import type { Counts, FailNextMatcher, FaultSpec, JiraEmulatorOptions, JiraSeed, StoredWorklog, WorklogPatch } from './types';
import { ProductEvents, type ProductEventListener, type WorklogProductEvent } from './events';
import { worklogRoutes } from './handlers/worklogs';
import { propertyRoutes } from './handlers/properties';
import { bulkRoutes } from './handlers/bulk';
import { issueRoutes } from './handlers/issues';
import { searchRoutes } from './handlers/search';
import { miscRoutes } from './handlers/misc';

const MAX_BODY = 10 * 1024 * 1024;
const router = new Router([...issueRoutes, ...worklogRoutes, ...propertyRoutes, ...bulkRoutes, ...searchRoutes, ...miscRoutes]);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export class JiraEmulatorServer implements ControlTarget {
  url = '';
  port = 0;
  readonly state = new JiraState();
  private readonly faults: Faults;
  private readonly counter = new Counter();
  private points = 0;
  private readonly limiter = new RateLimiter(
    () => performance.now(),
    () => this.state.now(),
  );
  private readonly server: http.Server;
  private readonly events = new ProductEvents(this.state, () => this.url);

  constructor(opts: JiraEmulatorOptions) {
    this.state.onWorklogChange = (change, w, by) => this.events.worklog(`avi:jira:${change}:worklog`, w, by);
    this.faults = new Faults(opts.randomSeed ?? 42);
    this.faults.latencyMs = opts.latencyMs ?? 0;
    this.faults.retryAfterSeconds = opts.retryAfterSeconds ?? 1;
    this.faults.setSpec(opts.faults);
    if (opts.seed) this.state.seed(opts.seed);
    if (opts.limits) this.limiter.configure(opts.limits);
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        if (!res.headersSent)
          this.send(res, { status: 500, body: { errorMessages: [`Emulator error: ${e instanceof Error ? e.message : String(e)}`], errors: {} } });
        else res.destroy();
      });
    });
    this.server.keepAliveTimeout = 5000;
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.port = (this.server.address() as AddressInfo).port;
        this.url = `http://127.0.0.1:${this.port}`;
        resolve();
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  // ---- JiraEmulator API ----
  seed(data: JiraSeed): void {
    this.state.seed(data);
  }
  setLatency(ms: number): void {
    this.faults.latencyMs = Math.max(0, ms);
  }
  setFaults(spec: string | FaultSpec, retryAfterSeconds?: number): void {
    this.configureFaults({ spec, retryAfterSeconds });
  }
  configureFaults(c: FaultConfig): void {
    if (c.spec !== undefined || c.randomSeed !== undefined) this.faults.setSpec(c.spec ?? this.faults.specString(), c.randomSeed);
    if (c.latencyMs !== undefined) this.setLatency(c.latencyMs);
    if (c.retryAfterSeconds !== undefined) this.faults.retryAfterSeconds = Math.max(0, c.retryAfterSeconds);
  }
  faultInfo() {
    return { spec: this.faults.specString(), latencyMs: this.faults.latencyMs, retryAfterSeconds: this.faults.retryAfterSeconds };
  }
  counts(): Counts {
    return { ...this.counter.snapshot(), points: this.points, refused: { ...this.limiter.refused } };
  }
  resetCounts(): void {
    this.counter.reset();
    this.points = 0;
    for (const key of Object.keys(this.limiter.refused)) delete this.limiter.refused[key];
  }
  setLimits(limits: JiraLimits): void {
    this.limiter.configure(limits);
  }
  limits() {
    return this.limiter.limits();
  }
  setTimeTracking(enabled: boolean): void {
    this.state.timeTrackingEnabled = enabled;
  }
  setIssueSecurity(issueKey: string, accountIds: string[] | null): void {
    const issue = this.state.issueByKeyOrId(issueKey);
    if (!issue) throw new Error(`setIssueSecurity: unknown issue ${issueKey}`);
    if (accountIds) issue.securityAccounts = [...accountIds];
    else delete issue.securityAccounts;
  }
  moveIssue(oldKey: string, newKey: string): void {
    this.state.moveIssue(oldKey, newKey);
  }
  failNext(n: number, matcher: FailNextMatcher): void {
    this.faults.failNext(n, matcher);
  }
  advanceClock(ms: number): void {
    this.state.clockOffsetMs += ms;
  }
  now(): number {
    return this.state.now();
  }

  worklogs(issueKey: string): StoredWorklog[] {
    const issue = this.state.issueByKeyOrId(issueKey);
    return issue ? this.state.worklogsOf(issue.id).map((w) => this.state.toStored(w)) : [];
  }

  private worklogOf(issueKey: string, worklogId: string) {
    const issue = this.state.issueByKeyOrId(issueKey);
    const w = this.state.worklogs.get(worklogId);
    if (!issue || !w || w.issueId !== issue.id) throw new Error(`no worklog ${worklogId} on ${issueKey}`);
    return { issue, w };
  }

  deleteWorklogAsOther(issueKey: string, worklogId: string, byAccountId?: string): void {
    const { w } = this.worklogOf(issueKey, worklogId);
    this.state.removeWorklog(w, byAccountId ?? w.authorAccountId);
  }

  deleteIssue(issueKey: string): void {
    this.state.deleteIssue(issueKey);
  }
  onProductEvent(listener: ProductEventListener): () => void {
    return this.events.listen(listener);
  }
  productEvents(): WorklogProductEvent[] {
    return structuredClone(this.events.raised);
  }

  editWorklog(issueKey: string, worklogId: string, patch: WorklogPatch, byAccountId?: string): StoredWorklog {
    const { w } = this.worklogOf(issueKey, worklogId);
    if (patch.started !== undefined) {
      const t = parseJiraDateTime(patch.started) ?? Date.parse(patch.started);
      if (Number.isNaN(t)) throw new Error(`bad started ${patch.started}`);
      w.started = t;
    }
    if (patch.timeSpentSeconds !== undefined) w.timeSpentSeconds = patch.timeSpentSeconds;
    if (patch.comment !== undefined) w.comment = patch.comment;
    for (const [k, v] of Object.entries(patch.properties ?? {})) w.properties.set(k, v);
    this.state.touchWorklog(w, byAccountId ?? w.authorAccountId);
    return this.state.toStored(w);
  }

  // ---- request pipeline ----

  private caller(req: http.IncomingMessage): Caller | null {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!m) return null;
    if (m[1] === APP_ACCOUNT_ID) return { accountId: APP_ACCOUNT_ID, isApp: true, timeZone: this.state.defaultTimeZone };
    const user = this.state.users.get(m[1]);
    return user ? { accountId: user.accountId, isApp: false, timeZone: user.timeZone, user } : null;
  }

  private send(res: http.ServerResponse, r: Reply): void {
    const headers: Record<string, string> = { 'X-AREQUESTID': Math.random().toString(16).slice(2, 10), ...(r.headers ?? {}) };
    let payload = '';
    if (r.text !== undefined) {
      headers['Content-Type'] = 'text/plain;charset=UTF-8';
      payload = r.text;
    } else if (r.body !== undefined && r.status !== 204) {
      headers['Content-Type'] = 'application/json;charset=UTF-8';
      payload = JSON.stringify(r.body);
    }
    res.writeHead(r.status, headers);
    res.end(payload);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const raw = await readBody(req);

    if (path.startsWith('/__emulator/')) {
      let body: unknown;
      try {
        body = raw && raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
      } catch {
        return this.send(res, { status: 400, body: { error: 'invalid JSON' } });
      }
      return this.send(res, handleControl(this, this.state, method, path, url.searchParams, body));
    }

    const match = router.match(method, path);
    const routeKey = match.kind === 'ok' ? `${method} ${match.route.pattern}` : `${method} ${path}`;
    const bearer = /^Bearer\s+(\S+)/i.exec(req.headers.authorization ?? '')?.[1] ?? 'anonymous';
    this.counter.record(routeKey, bearer, match.kind === 'ok' && match.route.write);

    const isRest = path.startsWith('/rest/');
    if (isRest && this.faults.latencyMs > 0) await sleep(this.faults.latencyMs);

    const scripted = this.faults.takeScripted(method, path);
    if (scripted && !scripted.afterApplying) return this.fail(req, res, scripted);
    if (!scripted && isRest) {
      const d = this.faults.decide();
      if (d.kind === 'drop') return void req.socket.destroy();
      if (d.kind === 'status') return this.send(res, { status: d.status, headers: d.headers, body: d.body });
    }

    if (isRest && match.kind === 'ok') {
      const issueParam = match.params.issueIdOrKey;
      const issueId = issueParam === undefined ? null : (this.state.issueByKeyOrId(issueParam)?.id ?? issueParam);
      const refused = this.limiter.admit(method, match.route.pattern, issueId, match.route.write);
      if (refused) return this.send(res, refused);
    }
    const reply = this.dispatch(req, method, path, url.searchParams, match, raw);
    if (scripted) return this.fail(req, res, scripted);
    if (isRest && match.kind === 'ok') {
      const points = pointsOf(method, match.route.pattern, reply);
      this.points += points;
      const headers = this.limiter.charge(points, method, match.route.pattern);
      return this.send(res, { ...reply, headers: { ...headers, ...(reply.headers ?? {}) } });
    }
    this.send(res, reply);
  }

  private fail(req: http.IncomingMessage, res: http.ServerResponse, m: FailNextMatcher): void {
    if (m.dropConnection) return void req.socket.destroy();
    const status = m.status ?? 500;
    const headers = { ...(status === 429 ? this.faults.rateLimitHeaders() : {}), ...(m.headers ?? {}) };
    this.send(res, { status, headers, body: m.body ?? faultBody(status) });
  }

  private dispatch(
    req: http.IncomingMessage,
    method: string,
    path: string,
    query: URLSearchParams,
    match: ReturnType<Router['match']>,
    raw: Buffer | null,
  ): Reply {
    if (match.kind === 'none') return jiraError(404, [`No REST resource matches ${method} ${path}.`]);
    if (match.kind === 'bad-encoding') return jiraError(400, ['Malformed URL encoding in path.']);
    if (match.kind === 'method')
      return { ...jiraError(405, [`Method ${method} is not allowed here.`]), headers: { Allow: match.allowed.join(', ') } };
    const caller = this.caller(req);
    if (!caller) return { status: 401, text: 'Client must be authenticated to access this resource.' };
    if (raw === null) return jiraError(413, ['Request entity too large.']);
    let body: unknown = undefined;
    if (match.route.jsonBody) {
      const ct = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (ct !== 'application/json') return jiraError(415, [`Unsupported media type '${ct || '(none)'}'. Send the body as application/json.`]);
      if (raw.length === 0) return jiraError(400, ['The request body is missing. Send a JSON body.']);
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch (e) {
        return jiraError(400, [`Unexpected character in JSON body: ${e instanceof Error ? e.message : ''}`.trim()]);
      }
    }
    return match.route.handler({ state: this.state, caller, params: match.params, query, body, baseUrl: this.url });
  }
}
