// Retries without the person, the pure parts (docs/decisions/0028): which failures are tried again,
// when (5 min, 15 min, 1 h, 2 h, then every 4 h, for at most 24 h after the first failure), and what
// a sync's results do to the records waiting for a retry, whatever started that sync.
import type { LocalizedText } from './localizedText';

/** A record that keeps failing for a passing reason is tried again for this long after its first failure, then left failed. */
export const RETRY_WINDOW_MS = 24 * 3_600_000;
/** Waits between tries of one record: the n-th retry waits the n-th value (the last repeats). */
export const RETRY_DELAYS_MS = [5 * 60_000, 15 * 60_000, 60 * 60_000, 2 * 3_600_000, 4 * 3_600_000] as const;

/**
 * Failure codes that say nothing about the record itself (Jira or the timecard server busy or down,
 * a lost answer): worth trying again without the person. Anything else (no permission, issue gone,
 * time tracking off, not linked, too short ...) is lasting and never retried.
 */
const PASSING_CODES: ReadonlySet<string> = new Set(['rate-limited', 'server-unreachable', 'jira-error', 'internal', 'retryable']);

/**
 * Codes a bulk job ends its remaining records with after waiting 30 minutes (ADR 0007) that pass once
 * the person or an admin has acted (connected again, configured the server): tried again too, so the
 * records go in on their own once that is done.
 */
const PASSING_ONCE_FIXED: ReadonlySet<string> = new Set(['not-connected', 'reconnect-timecard', 'not-configured']);

export function isPassingFailure(code: string | undefined): boolean {
  return code !== undefined && PASSING_CODES.has(code);
}

/** Whether a failed result is worth a retry. A cancelled record is, only when the app cancelled it (a stuck automatic job). */
export function isRetried(code: string | undefined, options: { appCancelled: boolean }): boolean {
  if (code === undefined) return false;
  if (code === 'cancelled') return options.appCancelled;
  return isPassingFailure(code) || PASSING_ONCE_FIXED.has(code);
}

export interface PendingRetry {
  recordId: number;
  code: string;
  /** The last failure, as the person should read it (its English), and by its resource key. */
  message: string;
  messageText?: LocalizedText;
  /** Tries that failed so far (the first sync included). */
  attempts: number;
  firstFailedAt: string;
  nextAt: string;
}

/** The record's next try after this failure, or null when it has been failing for RETRY_WINDOW_MS (it stays failed). */
export function scheduleRetry(
  previous: PendingRetry | undefined,
  failure: { recordId: number; code: string; message: string; messageText?: LocalizedText },
  nowMs: number,
): PendingRetry | null {
  const attempts = (previous?.attempts ?? 0) + 1;
  const firstFailedAt = previous?.firstFailedAt ?? new Date(nowMs).toISOString();
  const nextMs = nowMs + RETRY_DELAYS_MS[Math.min(attempts, RETRY_DELAYS_MS.length) - 1];
  if (nextMs - Date.parse(firstFailedAt) > RETRY_WINDOW_MS) return null;
  return { ...failure, attempts, firstFailedAt, nextAt: new Date(nextMs).toISOString() };
}

/** A retry is attempted by the first run at or after its time. */
export function retriesDue(retries: PendingRetry[], nowMs: number): PendingRetry[] {
  return retries.filter((r) => Date.parse(r.nextAt) <= nowMs);
}

/** One record's result of a sync, as far as retries care. */
export interface RetryOutcome {
  recordId: number;
  outcome: string;
  code?: string;
  message?: string;
  messageText?: LocalizedText;
}

/**
 * The retries after a sync's results: a record that failed for a passing reason gets its next try
 * (or is given up once its window is over); any other result (logged, unchanged, skipped, a lasting
 * failure) means the record no longer waits. Records the sync did not touch keep their retry.
 */
export function applyOutcomes(
  retries: PendingRetry[],
  outcomes: RetryOutcome[],
  nowMs: number,
  options: { appCancelled: boolean } = { appCancelled: false },
): PendingRetry[] {
  const byRecord = new Map(retries.map((r) => [r.recordId, r]));
  for (const result of outcomes) {
    const retried = result.outcome === 'failed' && isRetried(result.code, options);
    const next = retried
      ? scheduleRetry(
          byRecord.get(result.recordId),
          {
            recordId: result.recordId,
            code: result.code!,
            message: result.message ?? '',
            ...(result.messageText ? { messageText: result.messageText } : {}),
          },
          nowMs,
        )
      : null;
    if (next) byRecord.set(result.recordId, next);
    else byRecord.delete(result.recordId);
  }
  return [...byRecord.values()];
}

/** The soonest retry (epoch ms), or null when none waits. */
export function soonestRetry(retries: PendingRetry[]): number | null {
  return retries.length === 0 ? null : Math.min(...retries.map((r) => Date.parse(r.nextAt)));
}

/** Retries from an older store merged in: an entry already here wins (it is the newer). */
export function mergeRetries(current: PendingRetry[], older: PendingRetry[]): PendingRetry[] {
  const have = new Set(current.map((r) => r.recordId));
  return [...current, ...older.filter((r) => !have.has(r.recordId))];
}
