// When the page asks about a running bulk job next. Every poll is a resolver invocation (billed),
// so the page asks less often while nothing changes, and backs off harder while calls fail.

/** The longest wait between two polls while the job makes no progress (the page drives a stalled job after 30 s). */
export const MAX_QUIET_POLL_MS = 8_000;
const MAX_FAILING_POLL_MS = 30_000;

/** `quiet`: polls in a row that saw no change; `errors`: polls in a row that failed. */
export function nextPollDelay(intervalMs: number, quiet: number, errors: number): number {
  if (errors > 0) return Math.min(MAX_FAILING_POLL_MS, intervalMs * 2 ** errors);
  return Math.round(Math.min(MAX_QUIET_POLL_MS, intervalMs * 1.5 ** quiet));
}
