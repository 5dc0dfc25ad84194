// Jira's per-issue write limit as what it is: at most N writes to one issue in any W seconds
// (documented: 20 per 2 s and 100 per 30 s). Pure: every method takes the time. Once a refusal has
// named N (X-RateLimit-Limit), an issue may write N at once and then waits for the window, where
// an even spacing at N/W would make a short issue wait between every write (docs/decisions/0025).

/** Write times kept per issue: enough for the longest window Jira documents (100 per 30 s). */
const KEEP_MS = 60_000;

export class IssueWindows {
  /** Writes allowed → the window (ms) they were refused in, as learned; the longest estimate wins. */
  private readonly windows = new Map<number, number>();
  private readonly writes = new Map<string, number[]>();

  known(): boolean {
    return this.windows.size > 0;
  }

  /** Writes a second the tightest learned window allows on average (for the pacer's figures). */
  rate(): number | undefined {
    if (!this.known()) return undefined;
    return Math.min(...[...this.windows].map(([count, ms]) => (count / ms) * 1000));
  }

  /** When this issue's next write may go (≥ now): after the write N back has left each window. Books it. */
  reserve(issueKey: string, now: number): number {
    const times = (this.writes.get(issueKey) ?? []).filter((t) => t > now - KEEP_MS);
    let at = now;
    for (const [count, ms] of this.windows) if (times.length >= count) at = Math.max(at, times[times.length - count] + ms);
    times.push(at);
    this.writes.set(issueKey, times);
    if (this.writes.size > 200) for (const [key, list] of this.writes) if (list[list.length - 1] < now - KEEP_MS) this.writes.delete(key);
    return at;
  }

  /**
   * Jira refused the issue's last booked write: it had `count` writes in its window. The window is
   * at most from the oldest of those to when Jira lets the next one in (Retry-After, whole seconds:
   * an estimate on the long side, so the learned window never lets more through than Jira does).
   */
  onRefused(issueKey: string, now: number, count: number, retryAfterMs: number | null): void {
    const times = this.writes.get(issueKey) ?? [];
    times.pop(); // the refused write was never counted by Jira
    const oldest = times.length >= count ? times[times.length - count] : (times[0] ?? now);
    const windowMs = now + (retryAfterMs ?? 1000) - oldest;
    this.windows.set(count, Math.max(this.windows.get(count) ?? 0, windowMs));
  }
}
