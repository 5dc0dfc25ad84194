// How fast the app may call Jira, learned from Jira's answers (docs/decisions/0008). Pure: every
// function takes the time. Jira applies three limits at once, each with its own scope, and says
// which one refused a call in `RateLimit-Reason`; each scope gets its own response:
//   jira-burst-based          one endpoint (method + path template): its rate is cut, then grows back (AIMD)
//   jira-per-issue-on-write   one issue's writes: every issue's writes are spaced at the learned rate
//   jira-quota-*-based        the hourly points budget: nothing is sent until it resets

export type LimitScope = 'burst' | 'per-issue' | 'quota' | 'unknown';

export function scopeOf(reason: string | null): LimitScope {
  switch (reason?.trim().toLowerCase()) {
    case 'jira-burst-based':
      return 'burst';
    case 'jira-per-issue-on-write':
      return 'per-issue';
    case 'jira-quota-global-based':
    case 'jira-quota-tenant-based':
      return 'quota';
    default:
      return 'unknown';
  }
}

/** `POST /rest/api/3/issue/{issueIdOrKey}/worklog` for `POST /rest/api/3/issue/PAY-1/worklog?expand=x`: the unit of Jira's burst limit. */
export function endpointOf(method: string, path: string): string {
  const segments = path.split('?')[0].split('/');
  const templated = segments.map((segment, i) => {
    const before = segments[i - 1];
    if (before === 'issue' && segment !== 'picker' && segment !== 'bulkfetch' && segment !== '') return '{issueIdOrKey}';
    if (before === 'properties') return '{propertyKey}';
    // The API version (`/rest/api/3`) is part of the endpoint; other numbers are ids.
    return /^\d+$/.test(segment) && before !== 'api' ? '{id}' : segment;
  });
  return `${method.toUpperCase()} ${templated.join('/')}`;
}

/** AIMD: cut to this share of what Jira accepted; grow by this many calls a second, each second the gate holds calls back. */
export const DECREASE = 0.8;
export const INCREASE_PER_SECOND = 4;
/**
 * A second cut waits this long, so one volley of 429s (the calls already in flight) cuts once; it
 * also bounds how far 429s that have nothing to do with the rate (a Jira hiccup) can pull it down.
 */
export const CUT_HOLD_MS = 2000;
const WINDOW_MS = 2000;
const MIN_RATE = 1;
const MIN_SPAN_MS = 200;

/**
 * Spaces calls at `rate` a second (Infinity until Jira first refuses one). `reserve` hands out
 * send times one after another (virtual scheduling, no bursts); `accepted` keeps the answered
 * calls of the last WINDOW_MS, so a cut starts from what Jira really let through.
 */
export class RateGate {
  rate = Infinity;
  private ceiling = Infinity;
  private nextAt = 0;
  private lastCutAt = -Infinity;
  private accepted: number[] = [];

  /**
   * `grows`: whether the gate grows back by itself (an endpoint's does; an issue's follows IssueSpacing).
   * `spanFloorMs`: the shortest time a cut averages what was accepted over (an issue's writes are
   * averaged over a second: a few quick writes are not a rate).
   */
  constructor(
    private readonly grows = true,
    private readonly spanFloorMs = MIN_SPAN_MS,
  ) {}

  /** Calls a second Jira accepted lately, over the time they span (a burst that began 0.1 s ago is not averaged over WINDOW_MS). */
  private acceptedRate(now: number): number {
    const recent = this.accepted.filter((t) => t > now - WINDOW_MS);
    if (recent.length === 0) return 0;
    return (recent.length / Math.max(this.spanFloorMs, now - recent[0])) * 1000;
  }

  /** No call before `at` (the refused call's own retry waits for Jira's Retry-After anyway). */
  holdUntil(at: number): void {
    this.nextAt = Math.max(this.nextAt, at);
  }

  /** When this call may go (≥ now); books its slot. */
  reserve(now: number): number {
    if (!Number.isFinite(this.rate)) return now;
    const at = Math.max(now, this.nextAt);
    this.nextAt = at + 1000 / this.rate;
    return at;
  }

  /** A clean answer: remember it, and grow the rate additively while it is the limit that holds calls back. */
  onAccepted(now: number, waited: boolean): void {
    this.accepted.push(now);
    while (this.accepted.length && this.accepted[0] <= now - WINDOW_MS) this.accepted.shift();
    // About `rate` calls a second are accepted, so each adds its share of the second's increase.
    if (this.grows && waited && Number.isFinite(this.rate)) this.rate = Math.min(this.ceiling, this.rate + INCREASE_PER_SECOND / this.rate);
  }

  /**
   * Jira refused a call for this scope: cut multiplicatively (once per volley); true when it did.
   * `limit` is the steady rate Jira named (X-RateLimit-Limit of a burst refusal): the gate never
   * grows past it, as Jira asks apps to design for the steady rate, not the burst buffer.
   */
  onRefused(now: number, limit: number | null = null): boolean {
    if (limit !== null && limit > 0) {
      this.ceiling = limit;
      if (this.rate > limit) this.rate = limit;
    }
    if (now - this.lastCutAt < CUT_HOLD_MS) return false;
    this.lastCutAt = now;
    const recent = Math.max(this.acceptedRate(now), MIN_RATE);
    const base = Number.isFinite(this.rate) ? Math.min(this.rate, recent) : recent;
    this.rate = Math.min(this.ceiling, Math.max(MIN_RATE, base * DECREASE));
    this.nextAt = Math.max(this.nextAt, now + 1000 / this.rate);
    return true;
  }
}

/**
 * One issue's writes grow back quickly to just under the rate Jira last refused (the ceiling), then
 * only slowly past it: the rule is fixed, so probing past it mostly buys another refusal (and its
 * Retry-After), yet a ceiling learned while someone else wrote the same issue is not kept forever.
 */
const ISSUE_RECOVER_PER_SECOND = 4;
export const ISSUE_PROBE_PER_SECOND = 0.1;
/**
 * The share of the refused rate the spacing may grow back to quickly. Jira's per-issue rule is a
 * fixed count per window (20 per 2 s), so the rate an issue was refused at is close to the rule
 * itself: staying a little under it keeps the writes near the limit without another refusal.
 */
export const ISSUE_CEILING_SHARE = 0.95;
/** An issue's refused writes are averaged over at least a second (Jira's short window is 20 writes per 2 s). */
const ISSUE_SPAN_MS = 1000;
/** Refusals of other issues within this time of a cut belong to the same volley. */
const ISSUE_HOLD_MS = 2000;

/**
 * Jira's per-issue write limit is one rule for every issue, so the rate one issue taught applies to
 * the writes of every issue, each issue spaced on its own.
 */
export class IssueSpacing {
  rate = Infinity;
  /** Just under the rate Jira last refused an issue's writes at: the spacing recovers to it quickly. */
  ceiling = Infinity;
  private lastCutAt = -Infinity;
  private readonly gates = new Map<string, { gate: RateGate; usedAt: number }>();

  private gateOf(issueKey: string, now: number): RateGate {
    const entry = this.gates.get(issueKey) ?? { gate: new RateGate(false, ISSUE_SPAN_MS), usedAt: now };
    entry.usedAt = now;
    entry.gate.rate = this.rate;
    this.gates.set(issueKey, entry);
    return entry.gate;
  }

  reserve(issueKey: string, now: number): number {
    return this.gateOf(issueKey, now).reserve(now);
  }

  /** `waited`: the spacing held this write back, so it is what limits the issue's writes. */
  onAccepted(issueKey: string, now: number, waited: boolean): void {
    this.gateOf(issueKey, now).onAccepted(now, false);
    // About `rate` writes a second on each issue being written, so each adds its share of the second's increase.
    if (waited && Number.isFinite(this.rate)) {
      const perSecond = this.rate < this.ceiling ? ISSUE_RECOVER_PER_SECOND : ISSUE_PROBE_PER_SECOND;
      const grown = this.rate + perSecond / (this.rate * this.activeIssues(now));
      // Recovering stops at the ceiling; only the slow growth probes past it.
      this.rate = this.rate < this.ceiling ? Math.min(this.ceiling, grown) : grown;
    }
    // Issues not written for a minute are forgotten (their windows have long passed).
    if (this.gates.size > 200) for (const [key, entry] of this.gates) if (now - entry.usedAt > 60_000) this.gates.delete(key);
  }

  private activeIssues(now: number): number {
    let active = 0;
    for (const entry of this.gates.values()) if (now - entry.usedAt < WINDOW_MS) active++;
    return Math.max(1, active);
  }

  /**
   * Cuts the shared rate, once per volley: issues written at the learned rate's predecessor may
   * still be refused for writes made before the cut (a window is seconds long); they do not cut again.
   * The cut remembers, as the ceiling, just under the rate Jira refused (what the issue had
   * accepted, or the spacing in force when it was already paced).
   */
  onRefused(issueKey: string, now: number): void {
    const gate = this.gateOf(issueKey, now);
    if (now - this.lastCutAt < ISSUE_HOLD_MS) {
      gate.holdUntil(now + 1000 / this.rate);
      return;
    }
    if (gate.onRefused(now)) {
      // The cut took DECREASE of the refused rate; the ceiling is a larger share of the same.
      this.ceiling = Math.max(gate.rate, (gate.rate / DECREASE) * ISSUE_CEILING_SHARE);
      this.rate = gate.rate;
      this.lastCutAt = now;
    }
  }
}
