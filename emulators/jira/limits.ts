/**
 * Jira Cloud's three rate limits, as developer.atlassian.com/cloud/jira/platform/rate-limiting
 * describes them: a token bucket per endpoint (method + path template) refilled every second
 * (`jira-burst-based`), sliding windows of writes per issue (`jira-per-issue-on-write`), and an
 * hourly points budget (`jira-quota-global-based` / `jira-quota-tenant-based`). Off unless configured.
 */
import type { Reply } from './router';

export type LimitedMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface JiraLimits {
  /** Steady-state requests per second per endpoint, by HTTP method (Jira: GET 100, POST 100, PUT 50, DELETE 50). */
  burst?: Partial<Record<LimitedMethod, number>>;
  /** The bucket holds this many seconds' worth of its rate (the burst buffer; default 1). */
  burstBufferSeconds?: number;
  /** Writes allowed per issue in each sliding window (Jira: 20 per 2 s and 100 per 30 s). */
  perIssueWrites?: { writes: number; seconds: number }[];
  /** Points a window (Jira: an hour, reset at the top of each UTC hour; Tier 1 shares 65,000). */
  quota?: { points: number; windowSeconds?: number; pool?: 'global' | 'tenant' };
}

/** The documented defaults (the quota of a Tier 1 app). */
export const DOCUMENTED_LIMITS: Required<Omit<JiraLimits, 'burstBufferSeconds'>> = {
  burst: { GET: 100, POST: 100, PUT: 50, DELETE: 50 },
  perIssueWrites: [
    { writes: 20, seconds: 2 },
    { writes: 100, seconds: 30 },
  ],
  quota: { points: 65_000, windowSeconds: 3600, pool: 'global' },
};

/**
 * Reads the limits from the environment: `JIRA_BURST` ("documented" or "POST:40,GET:100"),
 * `JIRA_BURST_BUFFER_SECONDS`, `JIRA_PER_ISSUE_WRITES` ("documented" or "20/2,100/30"),
 * `JIRA_QUOTA` ("documented" or points, or "points/windowSeconds"), `JIRA_QUOTA_POOL` (global | tenant).
 */
export function limitsFromEnv(env: NodeJS.ProcessEnv): JiraLimits {
  const limits: JiraLimits = {};
  const burst = env.JIRA_BURST?.trim();
  if (burst) limits.burst = burst === 'documented' ? { ...DOCUMENTED_LIMITS.burst } : parseBurst(burst);
  if (env.JIRA_BURST_BUFFER_SECONDS) limits.burstBufferSeconds = positive(env.JIRA_BURST_BUFFER_SECONDS, 'JIRA_BURST_BUFFER_SECONDS');
  const perIssue = env.JIRA_PER_ISSUE_WRITES?.trim();
  if (perIssue) limits.perIssueWrites = perIssue === 'documented' ? [...DOCUMENTED_LIMITS.perIssueWrites] : parseWindows(perIssue);
  const quota = env.JIRA_QUOTA?.trim();
  if (quota) {
    const [points, windowSeconds] = quota === 'documented' ? ['65000', '3600'] : quota.split('/');
    const pool = env.JIRA_QUOTA_POOL === 'tenant' ? 'tenant' : 'global';
    limits.quota = { points: positive(points, 'JIRA_QUOTA'), windowSeconds: windowSeconds ? positive(windowSeconds, 'JIRA_QUOTA') : 3600, pool };
  }
  return limits;
}

function positive(text: string, name: string): number {
  const n = Number(text);
  if (!(n > 0)) throw new Error(`${name}: "${text}" is not a positive number`);
  return n;
}

function parseBurst(text: string): JiraLimits['burst'] {
  const out: JiraLimits['burst'] = {};
  for (const part of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [method, rate] = part.split(':').map((s) => s.trim());
    const m = method.toUpperCase();
    if (m !== 'GET' && m !== 'POST' && m !== 'PUT' && m !== 'DELETE')
      throw new Error(`JIRA_BURST: unknown method "${method}" (use GET, POST, PUT or DELETE)`);
    out[m] = positive(rate, 'JIRA_BURST');
  }
  return out;
}

function parseWindows(text: string): { writes: number; seconds: number }[] {
  return text.split(',').map((part) => {
    const [writes, seconds] = part.trim().split('/');
    return { writes: positive(writes, 'JIRA_PER_ISSUE_WRITES'), seconds: positive(seconds ?? '', 'JIRA_PER_ISSUE_WRITES') };
  });
}

/** Points a call costs: 1, plus for a read 1 per object returned (2 per user); a write costs 1 whatever it touched. */
export function pointsOf(method: string, routePattern: string, reply: Reply): number {
  if (method !== 'GET' && !isRead(method, routePattern)) return 1;
  if (reply.status >= 400) return 1;
  const identity = /\/(myself|user|mypermissions|group)/.test(routePattern) ? 2 : 1;
  return 1 + identity * objectsIn(reply.body);
}

/** POSTs that only read (search, worklog/list) are priced as reads. */
function isRead(method: string, routePattern: string): boolean {
  return method === 'POST' && /\/(search\/jql|worklog\/list|issue\/bulkfetch)$/.test(routePattern);
}

function objectsIn(body: unknown): number {
  if (Array.isArray(body)) return body.length;
  if (typeof body !== 'object' || body === null) return 0;
  const record = body as Record<string, unknown>;
  for (const name of ['worklogs', 'issues', 'values', 'keys']) if (Array.isArray(record[name])) return (record[name] as unknown[]).length;
  if (Array.isArray(record.sections)) return (record.sections as { issues?: unknown[] }[]).reduce((n, s) => n + (s.issues?.length ?? 0), 0);
  return 1;
}

interface Bucket {
  tokens: number;
  at: number;
}

const isoMinute = (ms: number) => new Date(ms).toISOString();

/** Enforces the configured limits; one instance per emulator. */
export class RateLimiter {
  private config: JiraLimits = {};
  private readonly buckets = new Map<string, Bucket>();
  private readonly issueWrites = new Map<string, number[]>();
  private quotaWindow = -1;
  private spent = 0;
  /** 429s answered, by RateLimit-Reason. */
  readonly refused: Record<string, number> = {};

  constructor(
    private readonly realNow: () => number,
    private readonly clockNow: () => number,
  ) {}

  configure(limits: JiraLimits): void {
    for (const w of limits.perIssueWrites ?? [])
      if (!(w.writes > 0 && w.seconds > 0)) throw new Error('perIssueWrites: writes and seconds must be positive');
    if (limits.quota && !(limits.quota.points > 0)) throw new Error('quota: points must be positive');
    this.config = structuredClone(limits);
    this.buckets.clear();
    this.issueWrites.clear();
    this.quotaWindow = -1;
    this.spent = 0;
    for (const key of Object.keys(this.refused)) delete this.refused[key];
  }

  limits(): JiraLimits & { quotaSpent: number } {
    this.rollQuota();
    return { ...structuredClone(this.config), quotaSpent: this.spent };
  }

  /** A 429 when a limit refuses this request (nothing is applied then), else null. */
  admit(method: string, routePattern: string, issueKey: string | null, write: boolean): Reply | null {
    const quota = this.quotaRefusal();
    if (quota) return this.refuse(quota);
    const burst = this.takeToken(method, routePattern);
    if (burst) return this.refuse(burst);
    if (write && issueKey) {
      const perIssue = this.takeIssueWrite(issueKey);
      if (perIssue) return this.refuse(perIssue);
    }
    return null;
  }

  /** Charges an answered request to the hourly budget; the headers every answer carries. */
  charge(points: number, method: string, routePattern: string): Record<string, string> {
    const headers: Record<string, string> = {};
    const rate = this.rateOf(method);
    if (rate) {
      const bucket = this.buckets.get(`${method} ${routePattern}`);
      headers['X-RateLimit-Limit'] = String(rate);
      headers['X-RateLimit-Remaining'] = String(Math.max(0, Math.floor(bucket?.tokens ?? rate)));
    }
    const quota = this.config.quota;
    if (quota) {
      this.rollQuota();
      this.spent += points;
      const left = Math.max(0, quota.points - this.spent);
      const policy = this.policyName();
      headers['RateLimit-Policy'] = `"${policy}";q=${quota.points};w=${this.windowSeconds()}`;
      const near = left < quota.points * 0.2;
      headers.RateLimit = `"${policy}";${near ? `r=${left};` : ''}t=${this.secondsToReset()}`;
      if (near) headers['X-RateLimit-NearLimit'] = 'true';
    }
    return headers;
  }

  private refuse(r: { reason: string; retryAfterSeconds: number; limit: number; resetAtMs: number }): Reply {
    this.refused[r.reason] = (this.refused[r.reason] ?? 0) + 1;
    return {
      status: 429,
      headers: {
        'Retry-After': String(r.retryAfterSeconds),
        'X-RateLimit-Limit': String(r.limit),
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': isoMinute(r.resetAtMs),
        'RateLimit-Reason': r.reason,
      },
      body: { errorMessages: ['Rate limit exceeded.'], errors: {} },
    };
  }

  private rateOf(method: string): number | undefined {
    return this.config.burst?.[method as LimitedMethod];
  }

  private takeToken(method: string, routePattern: string) {
    const rate = this.rateOf(method);
    if (!rate) return null;
    const capacity = rate * (this.config.burstBufferSeconds ?? 1);
    const key = `${method} ${routePattern}`;
    const now = this.realNow();
    const bucket = this.buckets.get(key) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return null;
    }
    const waitMs = ((1 - bucket.tokens) / rate) * 1000;
    return { reason: 'jira-burst-based', retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)), limit: rate, resetAtMs: this.clockNow() + waitMs };
  }

  private takeIssueWrite(issueKey: string) {
    const windows = this.config.perIssueWrites;
    if (!windows?.length) return null;
    const now = this.realNow();
    const longest = Math.max(...windows.map((w) => w.seconds)) * 1000;
    const times = (this.issueWrites.get(issueKey) ?? []).filter((t) => now - t < longest);
    this.issueWrites.set(issueKey, times);
    for (const w of windows) {
      const inWindow = times.filter((t) => now - t < w.seconds * 1000);
      if (inWindow.length >= w.writes) {
        // Free again once the oldest write that fills the window has left it.
        const waitMs = inWindow[inWindow.length - w.writes] + w.seconds * 1000 - now;
        return {
          reason: 'jira-per-issue-on-write',
          retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
          limit: w.writes,
          resetAtMs: this.clockNow() + waitMs,
        };
      }
    }
    times.push(now);
    return null;
  }

  private windowSeconds(): number {
    return this.config.quota?.windowSeconds ?? 3600;
  }

  private policyName(): string {
    return this.config.quota?.pool === 'tenant' ? 'tenant-app-quota' : 'global-app-quota';
  }

  /** Windows are aligned to the clock (an hour's resets at the top of each UTC hour). */
  private rollQuota(): void {
    const window = Math.floor(this.clockNow() / (this.windowSeconds() * 1000));
    if (window !== this.quotaWindow) {
      this.quotaWindow = window;
      this.spent = 0;
    }
  }

  private secondsToReset(): number {
    const length = this.windowSeconds() * 1000;
    return Math.max(1, Math.ceil((length - (this.clockNow() % length)) / 1000));
  }

  private quotaRefusal() {
    const quota = this.config.quota;
    if (!quota) return null;
    this.rollQuota();
    if (this.spent < quota.points) return null;
    const retryAfterSeconds = this.secondsToReset();
    return {
      reason: quota.pool === 'tenant' ? 'jira-quota-tenant-based' : 'jira-quota-global-based',
      retryAfterSeconds,
      limit: quota.points,
      resetAtMs: this.clockNow() + retryAfterSeconds * 1000,
    };
  }
}
