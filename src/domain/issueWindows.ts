// Jira's per-issue write limit as what it is: at most N writes to one issue in any W seconds
// (documented: 20 per 2 s and 100 per 30 s). Pure: every method takes the time. Once a refusal has
// named N (X-RateLimit-Limit), an issue may write N at once and then waits for the window, where
// an even spacing at N/W would make a short issue wait between every write (docs/decisions/0025).
// W is learned as an interval that always holds it (docs/decisions/0031): Jira's answers only ever
// bound it, and a few probing writes inside the interval narrow it down.

/** Write times kept per issue: enough for the longest window Jira documents (100 per 30 s). */
const KEEP_MS = 60_000;
/** Probing stops once the window is known this closely (a share of it, or at least this many ms). */
const WINDOW_PRECISION = 0.04;
const WINDOW_PRECISION_MS = 40;
/** Round trips of the latest writes kept: the margin a window is followed with covers the slowest. */
const ROUND_TRIPS_KEPT = 32;
/**
 * Probes refused may come to at most this share of the writes accepted so far: a refused probe is
 * a 429 like any other (the goal: at most 2 % of calls), so a short sync never probes at all.
 */
const PROBE_REFUSAL_SHARE = 0.01;
/** A probe whose answer never came (the call failed on the way) no longer blocks the next one. */
const PROBE_TIMEOUT_MS = 10_000;

interface Write {
  /** When the write was booked to go (it went then or later). */
  at: number;
  /** When it was sent (Jira saw it then or later). */
  sentAt?: number;
  /** When its answer came; `ok`: Jira accepted it (2xx), so Jira surely counted it. */
  answeredAt?: number;
  ok?: boolean;
}

interface Window {
  /** Jira's window is at most this long (ms): every answer so far allows no longer. */
  upper: number;
  /** And longer than this (0 until a refusal tells). */
  lower: number;
  /** No refusal came with all N writes known here (someone else wrote the issue too): `upper` is a guess. */
  guess: boolean;
  /** Writes this window held back so far: probing starts only once it is what limits the writes. */
  held: number;
  /** The probing write under way: its issue and booking time. */
  probe?: { issueKey: string; at: number };
}

export class IssueWindows {
  /** Writes allowed → what is known of the window they are counted in. */
  private readonly windows = new Map<number, Window>();
  private readonly writes = new Map<string, Write[]>();
  /** Writes Jira accepted, and probes it refused: probing stays within PROBE_REFUSAL_SHARE. */
  private accepted = 0;
  private refusedProbes = 0;
  /** From sending to answer of the latest writes, ms (for a write not answered yet). */
  private readonly roundTrips: number[] = [];

  /**
   * When the write N back left the window at the earliest, in the app's time. Jira counted it when
   * it arrived, at most at its answer: from then, a window is surely over (a write that took longer
   * on its way than the one N later would otherwise let that one arrive inside the window). A write
   * not answered yet is taken to arrive as late as the slowest recent round trip.
   */
  private counted(write: Write): number {
    if (write.answeredAt !== undefined) return write.answeredAt;
    return (write.sentAt ?? write.at) + this.slowestRoundTrip();
  }

  private slowestRoundTrip(): number {
    return this.roundTrips.length ? Math.max(...this.roundTrips) : 0;
  }

  known(): boolean {
    return this.windows.size > 0;
  }

  /** Writes a second the tightest learned window allows on average (for the pacer's figures). */
  rate(): number | undefined {
    if (!this.known()) return undefined;
    return Math.min(...[...this.windows].map(([count, w]) => (count / w.upper) * 1000));
  }

  /** The learned window of `count` writes: [lower, upper] ms (for tests and figures). */
  windowOf(count: number): { lower: number; upper: number } | undefined {
    const w = this.windows.get(count);
    return w && { lower: w.lower, upper: w.upper };
  }

  /**
   * When this issue's next write may go (≥ now): after the write N back has left each window. Books
   * it. While a window is known only loosely and has held back N writes already, one write at a
   * time goes early, halfway into the interval, as a probe (while the probes refused stay within 1 %
   * of the writes accepted): accepted, it shortens the window; refused, it raises the lower bound.
   */
  reserve(issueKey: string, now: number): number {
    const times = (this.writes.get(issueKey) ?? []).filter((w) => w.at > now - KEEP_MS);
    let at = now;
    const probing: Window[] = [];
    for (const [count, w] of this.windows) {
      if (times.length < count) continue;
      if (w.probe && w.probe.at < now - PROBE_TIMEOUT_MS) w.probe = undefined;
      // An answer bounds the window only to within a round trip each side: closer than that, probes cannot tell.
      const loose = w.upper - w.lower > Math.max(WINDOW_PRECISION_MS, w.upper * WINDOW_PRECISION, 2.5 * this.slowestRoundTrip());
      const oldest = times[times.length - count];
      const free = this.counted(oldest) + w.upper;
      if (free <= now) continue;
      w.held++;
      // Only once the window has held back N writes, and while one more refused probe stays within its share.
      const affordable = this.refusedProbes + 1 <= PROBE_REFUSAL_SHARE * this.accepted;
      const probe = !w.guess && !w.probe && loose && w.held > count && affordable;
      if (probe) probing.push(w);
      // A probe tests "the window is at most this long" from when the write N back was sent.
      at = Math.max(at, probe ? Math.max(now, (oldest.sentAt ?? oldest.at) + (w.upper + w.lower) / 2) : free);
    }
    for (const w of probing) w.probe = { issueKey, at };
    times.push({ at });
    this.writes.set(issueKey, times);
    if (this.writes.size > 200) for (const [key, list] of this.writes) if (list[list.length - 1].at < now - KEEP_MS) this.writes.delete(key);
    return at;
  }

  /**
   * Jira answered the write booked at `bookedAt`, sent at `sentAt`, with anything but a 429.
   * Accepted, it had N writes before it that Jira counted (all accepted here; others' writes only add
   * to Jira's count), so the oldest of them had left the window: W ≤ this answer − that one's sending.
   */
  onAnswered(issueKey: string, bookedAt: number, sentAt: number, now: number, accepted: boolean): void {
    const times = this.writes.get(issueKey) ?? [];
    const index = unanswered(times, bookedAt);
    if (index < 0) return;
    Object.assign(times[index], { sentAt, answeredAt: now, ok: accepted });
    if (accepted) this.accepted++;
    this.roundTrips.push(Math.max(0, now - sentAt));
    if (this.roundTrips.length > ROUND_TRIPS_KEPT) this.roundTrips.shift();
    for (const [count, w] of this.windows) {
      endProbe(w, issueKey, bookedAt);
      if (!accepted || index < count || !times.slice(index - count, index).every((t) => t.ok)) continue;
      const oldest = times[index - count];
      const bound = now - (oldest.sentAt ?? oldest.at);
      if (bound < w.upper) {
        w.upper = Math.max(bound, w.lower);
        w.guess = false;
      }
    }
  }

  /** Jira refused the write booked at `bookedAt` for another limit (burst): it was not counted. */
  onNotCounted(issueKey: string, bookedAt: number): void {
    const times = this.writes.get(issueKey) ?? [];
    const index = unanswered(times, bookedAt);
    if (index >= 0) times.splice(index, 1);
    for (const w of this.windows.values()) endProbe(w, issueKey, bookedAt);
  }

  /**
   * Jira refused the issue's write `booking` (else its last): it had `count` writes in its window.
   * The window is at most from the oldest of those to when Jira lets the next one in (Retry-After,
   * whole seconds: long by what it was rounded up; the oldest write was sent before Jira saw it,
   * the answer read after Jira refused), and longer than from that write's answer to this write's
   * sending. Every refusal narrows the interval; the shortest upper bound is kept.
   */
  onRefused(issueKey: string, now: number, count: number, retryAfterMs: number | null, booking?: { at: number; sentAt: number }): void {
    const times = this.writes.get(issueKey) ?? [];
    const found = booking === undefined ? times.length - 1 : unanswered(times, booking.at);
    const index = found < 0 ? times.length : found;
    const refusedAt = times[index]?.at ?? now;
    const refused = booking?.sentAt ?? refusedAt;
    times.splice(index, 1); // the refused write was never counted by Jira
    const before = times.slice(0, index);
    const known = this.windows.get(count);
    if (known && endProbe(known, issueKey, refusedAt)) this.refusedProbes++;
    const retry = retryAfterMs ?? 1000;
    if (before.length < count) {
      // Fewer writes booked here than Jira counted (others wrote the issue too): a guess, not a bound.
      const guess = now + retry - (before[0]?.at ?? now);
      if (!known) this.windows.set(count, { upper: guess, lower: 0, guess: true, held: 0 });
      else if (known.guess) known.upper = Math.max(known.upper, guess);
      return;
    }
    const oldest = before[before.length - count];
    const upper = now + retry - (oldest.sentAt ?? oldest.at);
    // Only when all N were accepted here is Jira's oldest counted write this one (others' writes
    // would make Jira's more recent, and say nothing of how long the window is).
    const all = before.slice(before.length - count).every((w) => w.ok);
    const lower = all && oldest.answeredAt !== undefined ? refused - oldest.answeredAt : 0;
    const w = known && !known.guess ? known : { upper, lower: 0, guess: false, held: known?.held ?? 0 };
    w.upper = Math.min(w.upper, upper);
    w.lower = Math.min(w.upper, Math.max(w.lower, lower));
    this.windows.set(count, w);
  }
}

/** Ends the window's probe if it is this write; true when it was. */
function endProbe(w: Window, issueKey: string, bookedAt: number): boolean {
  if (w.probe?.issueKey !== issueKey || w.probe.at !== bookedAt) return false;
  w.probe = undefined;
  return true;
}

/** The index of the write booked at `bookedAt` still waiting for its answer (the latest such), or -1. */
function unanswered(times: readonly Write[], bookedAt: number): number {
  for (let i = times.length - 1; i >= 0; i--) if (times[i].at === bookedAt && times[i].answeredAt === undefined) return i;
  return -1;
}
