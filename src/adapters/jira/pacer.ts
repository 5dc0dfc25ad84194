// Paces the app's Jira calls to what Jira's answers allow (docs/decisions/0008). One pacer per
// process, shared by every person's calls and every job in it: the burst and per-issue limits are
// the site's, so two jobs at once share one rate instead of doubling it.
import { localizedError, type AppError } from '../../domain/errors';
import { IssueWindows } from '../../domain/issueWindows';
import { endpointOf, IssueSpacing, RateGate, scopeOf, type LimitScope } from '../../domain/pacing';

export interface PacedCall {
  method: string;
  path: string;
  /** Set for a write to one issue (create, update or delete of its worklog). */
  issueKey?: string;
}

export interface PacedAnswer {
  status: number;
  reason: string | null;
  retryAfterMs: number | null;
  /** X-RateLimit-Limit: for a burst refusal, the requests a second the endpoint allows. */
  limit: number | null;
}

/** How a call's turn went: how long it waited, and whether its endpoint's or its issue's pace held it back. */
export interface Turn {
  waitedMs: number;
  paced: boolean;
  issuePaced: boolean;
  /** For a write to one issue: when it was booked in the issue's windows (the pacer knows it by this), and sent. */
  issueBookedAt?: number;
  sentAt?: number;
}

export interface PacerFigures {
  /** Calls per second each endpoint is paced to (absent while Jira has refused none). */
  endpoints: Record<string, number>;
  /** The spacing of one issue's writes, writes a second (absent while none was refused). */
  perIssue?: number;
  /** Refusals seen, by scope. */
  refused: Record<LimitScope, number>;
  quotaResetsAt: number | null;
}

export interface JiraPacer {
  /** Waits for the call's turn; refuses at once, without calling Jira, while the hourly budget is out. */
  before(call: PacedCall): Promise<Turn>;
  /** What Jira answered the call, and how its turn went; the scope a 429 names, null for any other answer. */
  after(call: PacedCall, answer: PacedAnswer, turn: Turn): LimitScope | null;
  /** When Jira's hourly points budget resets (epoch ms), while it is out; else null. */
  quotaResetsAt(): number | null;
  figures(): PacerFigures;
}

export interface PacerOptions {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** The error for a call not sent (or refused) because Jira's hourly budget is used up. */
export function quotaOut(waitMs: number): AppError {
  const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
  return localizedError(
    'rate-limited',
    { key: 'errors.jira.quotaOut', params: { count: minutes } },
    { status: 429, retryAfterMs: waitMs, quota: true },
  );
}

const isWrite = (method: string) => method !== 'GET';

export function createJiraPacer(options: PacerOptions = {}): JiraPacer {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const endpoints = new Map<string, RateGate>();
  const issues = new IssueSpacing();
  // Once a per-issue refusal names its count, an issue's writes follow the window (else a spacing).
  const windows = new IssueWindows();
  const refused: Record<LimitScope, number> = { burst: 0, 'per-issue': 0, quota: 0, unknown: 0 };
  let quotaUntil = 0;

  const gateOf = (endpoint: string) => {
    let gate = endpoints.get(endpoint);
    if (!gate) endpoints.set(endpoint, (gate = new RateGate()));
    return gate;
  };
  /** Sleeps until `at`, in steps (a test's sleep may be shortened; the time is what counts). */
  const waitUntil = async (at: number) => {
    for (let left = at - now(); left > 0; left = at - now()) await sleep(left);
  };

  const quotaResetsAt = () => (quotaUntil > now() ? quotaUntil : null);

  return {
    async before(call) {
      const start = now();
      if (quotaUntil > start) throw quotaOut(quotaUntil - start);
      const endpointAt = gateOf(endpointOf(call.method, call.path)).reserve(start);
      // Every write is booked in the windows (they learn from the writes before a refusal too).
      const issueBookedAt = call.issueKey && isWrite(call.method) ? windows.reserve(call.issueKey, start) : undefined;
      const issueAt = call.issueKey && issueBookedAt !== undefined ? Math.max(issueBookedAt, issues.reserve(call.issueKey, start)) : start;
      const at = Math.max(endpointAt, issueAt);
      await waitUntil(at);
      const sentAt = now();
      return { waitedMs: Math.max(0, sentAt - start), paced: endpointAt > start, issuePaced: issueAt > start, issueBookedAt, sentAt };
    },

    after(call, answer, turn) {
      const at = now();
      const gate = gateOf(endpointOf(call.method, call.path));
      const booked =
        call.issueKey !== undefined && turn.issueBookedAt !== undefined
          ? { key: call.issueKey, at: turn.issueBookedAt, sentAt: turn.sentAt ?? turn.issueBookedAt }
          : null;
      if (answer.status !== 429) {
        if (booked) windows.onAnswered(booked.key, booked.at, booked.sentAt, at, answer.status < 300);
        if (answer.status < 500) {
          gate.onAccepted(at, turn.paced);
          if (call.issueKey && isWrite(call.method)) issues.onAccepted(call.issueKey, at, turn.issuePaced);
        }
        return null;
      }
      const scope = scopeOf(answer.reason);
      refused[scope]++;
      if (booked && (scope !== 'per-issue' || answer.limit === null)) windows.onNotCounted(booked.key, booked.at);
      if (scope === 'quota') quotaUntil = Math.max(quotaUntil, at + (answer.retryAfterMs ?? 60_000));
      else if (scope === 'per-issue' && call.issueKey) {
        if (answer.limit !== null) windows.onRefused(call.issueKey, at, answer.limit, answer.retryAfterMs, booked ?? undefined);
        else issues.onRefused(call.issueKey, at);
      }
      // Only a refusal that names the endpoint's rate (X-RateLimit-Limit, as Jira's burst refusals
      // do) is evidence of it; a bare 429 is a hiccup: its call waits and is retried, the pace stays.
      else if (answer.limit !== null && scope !== 'per-issue') gate.onRefused(at, answer.limit);
      return scope;
    },

    quotaResetsAt,

    figures() {
      const paced = [...endpoints].filter(([, gate]) => Number.isFinite(gate.rate));
      return {
        endpoints: Object.fromEntries(paced.map(([endpoint, gate]) => [endpoint, Math.round(gate.rate * 10) / 10])),
        ...perIssueFigure(windows.rate() ?? issues.rate),
        refused: { ...refused },
        quotaResetsAt: quotaResetsAt(),
      };
    },
  };
}

const perIssueFigure = (rate: number) => (Number.isFinite(rate) ? { perIssue: Math.round(rate * 10) / 10 } : {});

/** The process's pacer (a Forge function's container runs one app installation's calls). */
let shared: JiraPacer | undefined;
export function processPacer(): JiraPacer {
  return (shared ??= createJiraPacer());
}
